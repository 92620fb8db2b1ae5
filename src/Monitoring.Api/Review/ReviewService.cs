using JasperFx.Events;
using Marten;
using Monitoring.Api.Hosting;
using Monitoring.Api.Relationships;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.Domain.Review;
using Monitoring.Extraction;
using Monitoring.Extraction.Reading;
using Monitoring.Store;
using Monitoring.Store.Articles;
using Monitoring.Store.Relationships;
using Monitoring.Store.Review;

namespace Monitoring.Api.Review;

/// <summary>A correction as both faces list it: what it did, who, when, why, and what it replaced.</summary>
/// <param name="Undone">Another correction took this one back (<see cref="UndoneBy"/>).</param>
/// <param name="ReplacementEventId">The event id of the analyst's event (correct, assert), as timelines show it.</param>
public sealed record CorrectionView(Guid Id, CorrectionKind Kind, string Analyst, string Reason, DateTimeOffset RecordedAt, long Sequence, string? Key,
    ExtractedEvent? Original, string? ArticleId, ExtractedEvent? Replacement, Guid? ReplacementEventId, Guid? Undoes, bool Undone, Guid? UndoneBy,
    IReadOnlyList<string> Histories, string Description);

/// <summary>What a correction changes in an event; each null field keeps what the event says.</summary>
public sealed record EventChanges(string? Date = null, string? Precision = null, string? Type = null, string? Source = null, string? Target = null,
    string? Modality = null)
{
    public bool None => Date is null && Precision is null && Type is null && Source is null && Target is null && Modality is null;
}

/// <summary>An event an analyst read in an article's sentence.</summary>
public sealed record AssertedEvent(string? Type, string? Source, string? Target, string? Date, string? Precision, string? Article, int? Sentence,
    string? Modality = null, string? Area = null);

/// <summary>
/// Analyst review, for both faces (<c>monitor review|retract|confirm|correct|assert|undo</c>, <c>GET /review</c>, <c>POST
/// /events/{id}/…</c>): the queue, and corrections appended as events to the analyst's own stream. Nothing stored by
/// extraction is changed; the history projection files each correction under the histories it touches and every
/// question folds the corrected history.
/// </summary>
public sealed class ReviewService(IDocumentStore store, HistoryCache cache)
{
    /// <summary>The forms an event is named in, for error messages.</summary>
    public const string EventForms =
        "an event id (a GUID, as `events` and the timeline's reports show it) or an event key (article-…/SENTENCE/type/ACTORS, as `review` shows it)";

    public async Task<IReadOnlyList<ReviewItem>> QueueAsync(string? actor, ActorPair? pair, int limit, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var pairs = pair is { } p ? [p] : await RelationshipQueries.PairsAsync(session, actor, ct);
        var states = new List<RelationshipState>();
        var inForce = new Dictionary<Guid, Correction>();
        var gone = new Dictionary<Guid, Correction>();
        foreach (var each in pairs)
        {
            var history = await cache.HistoryAsync(session, each, ct);
            states.Add(history.StateOf(Clocks.Now));
            var held = Corrections.InForce(history.Corrections, null);
            foreach (var c in held) inForce[c.Id] = c;
            // Only the corrections of this pair's own events can be judged against its reports (a corrected target files the
            // correction under the new pair too, where the original key is not read).
            var own = held.Where(c => c.Original is { } o && Relationship.Concerns(each, o));
            foreach (var c in Corrections.NoLongerExtracted(own, Relationship.Known(each, history.Reports, history.Supersessions, Clocks.Now))) gone[c.Id] = c;
        }
        return ReviewQueue.Of(states, inForce.Values.ToList(), gone.Values.OrderBy(c => c.Sequence).ToList()).Take(limit).ToList();
    }

    public Task<Answer<CorrectionView>> RetractAsync(string typed, string analyst, string? reason, CancellationToken ct) =>
        OnEventAsync(typed, analyst, reason, CorrectionKind.Retracted, null, ct);

    public Task<Answer<CorrectionView>> ConfirmAsync(string typed, string analyst, string? reason, CancellationToken ct) =>
        OnEventAsync(typed, analyst, reason ?? "", CorrectionKind.Confirmed, null, ct);

    public Task<Answer<CorrectionView>> CorrectAsync(string typed, EventChanges changes, string analyst, string? reason, CancellationToken ct) =>
        changes.None
            ? Task.FromResult<Answer<CorrectionView>>(new Refusal(RefusalKind.Invalid, "changes", "",
                "a correction changes something: give at least one of date, precision, type, source, target, modality"))
            : OnEventAsync(typed, analyst, reason, CorrectionKind.Corrected, changes, ct);

    private async Task<Answer<CorrectionView>> OnEventAsync(string typed, string analyst, string? reason, CorrectionKind kind, EventChanges? changes, CancellationToken ct)
    {
        if (Validate(analyst, reason, kind) is { } invalid) return invalid;
        await using var session = store.LightweightSession();
        var found = await FindAsync(session, typed, ct);
        if (found.Refusal is { } unknown) return unknown;
        var target = found.Value!;
        ExtractedEvent? replacement = null;
        if (changes is not null)
        {
            var changed = await ChangedAsync(session, target.Event, changes, ct);
            if (changed.Refusal is { } refused) return refused;
            replacement = changed.Value;
        }
        var histories = EventReported.HistoryIdsOf(target.Event).Concat(replacement is null ? [] : EventReported.HistoryIdsOf(replacement)).Distinct().ToList();
        var recorded = new CorrectionRecorded(Guid.NewGuid(), kind, analyst.Trim(), (reason ?? "").Trim(), target.Key.ToString(), target.Event,
            replacement is null ? null : target.Article, replacement, null, histories);
        return await AppendAsync(session, recorded, ct);
    }

    public async Task<Answer<CorrectionView>> AssertAsync(AssertedEvent input, string analyst, string? reason, CancellationToken ct)
    {
        if (Validate(analyst, reason, CorrectionKind.Asserted) is { } invalid) return invalid;
        if (input.Type is not { Length: > 0 } typeText || Vocabulary.ParseType(typeText) is not { } type)
            return new Refusal(RefusalKind.Invalid, "type", input.Type ?? "", $"an assertion needs a type of the vocabulary; one of: {string.Join(", ", Vocabulary.TypeCodes)}");
        if (input.Article is not { Length: > 0 } articleText) return new Refusal(RefusalKind.Invalid, "article", "", "an assertion names the article it was read in (article-…)");
        if (input.Date is null) return new Refusal(RefusalKind.Invalid, "date", "", "an assertion needs the event's date (yyyy-MM-dd)");
        await using var session = store.LightweightSession();
        var articleId = ArticleStream.IdAsTyped(articleText);
        var stream = await session.Events.FetchStreamAsync(articleId, token: ct);
        if (stream.Select(e => e.Data).OfType<ArticleIngested>().FirstOrDefault() is not { } ingested)
            return new Refusal(RefusalKind.UnknownEvent, "article", articleText, $"no stored article has the id '{articleText}'");
        var article = new Article(ingested.Text, ingested.Title, ingested.Publisher, ingested.Url, ingested.Published, ingested.ContentHash, ingested.PublicationUnstated);
        var sentences = Extractor.Extract(article).Sentences;
        var index = input.Sentence ?? 0;
        if (index < 0 || index >= sentences.Count)
            return new Refusal(RefusalKind.Invalid, "sentence", index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"the article has sentences 0 to {sentences.Count - 1}");
        var sentence = sentences[index];
        var blank = new ExtractedEvent(type, null, null, [], input.Area, null, EventDate.Unknown(), Modality.Asserted, 1, "", "",
            [new Evidence(sentence.Index, sentence.Start, sentence.End, sentence.Text)]);
        var changed = await ChangedAsync(session, blank, new EventChanges(input.Date, input.Precision, null, input.Source, input.Target, input.Modality), ct);
        if (changed.Refusal is { } refused) return refused;
        var e = changed.Value!;
        var source = new ArticleSource(ingested.ArticleId, ingested.Publisher, ingested.Url, ingested.Published, ingested.Title, ingested.WireFingerprint,
            ingested.PublicationUnstated);
        var recorded = new CorrectionRecorded(Guid.NewGuid(), CorrectionKind.Asserted, analyst.Trim(), reason!.Trim(), ReportedEventKey.Of(articleId, e).ToString(),
            null, source, e, null, EventReported.HistoryIdsOf(e));
        return await AppendAsync(session, recorded, ct);
    }

    public async Task<Answer<CorrectionView>> UndoAsync(string typed, string analyst, string? reason, CancellationToken ct)
    {
        if (Validate(analyst, reason ?? "", CorrectionKind.Undone) is { } invalid) return invalid;
        if (!Guid.TryParse(typed.Trim(), out var id))
            return new Refusal(RefusalKind.Invalid, "correction", typed, $"'{typed}' is not a correction id (a GUID, as `corrections` lists them)");
        await using var session = store.LightweightSession();
        var all = await AllAsync(session, ct);
        if (all.FirstOrDefault(c => c.Id == id) is not { } undone)
            return new Refusal(RefusalKind.UnknownEvent, "correction", typed, $"no correction has the id '{typed}'");
        if (undone.Kind == CorrectionKind.Undone)
            return new Refusal(RefusalKind.Invalid, "correction", typed, "an undo cannot be undone: make the correction again");
        if (undone.Undone)
            return new Refusal(RefusalKind.Invalid, "correction", typed, $"the correction was already undone ({undone.UndoneBy})");
        var recorded = new CorrectionRecorded(Guid.NewGuid(), CorrectionKind.Undone, analyst.Trim(), (reason ?? "").Trim(), undone.Key, null, null, null, id,
            undone.Histories);
        return await AppendAsync(session, recorded, ct);
    }

    /// <summary>Every correction, newest first, of one analyst or all.</summary>
    public async Task<IReadOnlyList<CorrectionView>> ListAsync(string? analyst, int limit, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var all = await AllAsync(session, ct);
        return all.Where(c => analyst is null || c.Analyst == analyst.Trim()).OrderByDescending(c => c.Sequence).Take(limit).ToList();
    }

    /// <summary>Why an analyst's input cannot be recorded, if it cannot.</summary>
    public static Refusal? Validate(string analyst, string? reason, CorrectionKind kind)
    {
        if (string.IsNullOrWhiteSpace(analyst) || analyst.Trim().Length > 100 || analyst.Any(char.IsControl))
            return new Refusal(RefusalKind.Invalid, "analyst", analyst, "a correction names its analyst (at most 100 characters)");
        if (kind is CorrectionKind.Retracted or CorrectionKind.Corrected or CorrectionKind.Asserted && string.IsNullOrWhiteSpace(reason))
            return new Refusal(RefusalKind.Invalid, "reason", "", $"a {kind.ToString().ToLowerInvariant()} event needs a reason (--reason \"...\")");
        return null;
    }

    private sealed record Found(ReportedEventKey Key, ExtractedEvent Event, ArticleSource Article);

    /// <summary>
    /// The event a typed id names: a report by its event id, an analyst's event by its event id, or a key. The event
    /// returned is what counts now for that key: an earlier correction's replacement when one is in force.
    /// </summary>
    private async Task<Answer<Found>> FindAsync(IQuerySession session, string typed, CancellationToken ct)
    {
        var text = typed.Trim();
        var corrections = await AllAsync(session, ct);
        var inForce = corrections.Where(c => !c.Undone && c.Kind != CorrectionKind.Undone).ToList();
        RecordedEvent? report = null;
        if (Guid.TryParse(text, out var id))
        {
            report = (await session.Query<HistoryReport>().Where(r => r.Report.EventId == id).Take(1).ToListAsync(ct)).FirstOrDefault()?.Report;
            if (report is null && inForce.FirstOrDefault(c => c.ReplacementEventId == id) is { } made)
                return await LatestAsync(session, ReportedEventKey.Of(made.ArticleId!, made.Replacement!), inForce, ct) is { } latest
                    ? latest
                    : Unknown(typed);
        }
        else if (ReportedEventKey.Parse(text) is { } key)
        {
            return await LatestAsync(session, key, inForce, ct) is { } latest ? latest : Unknown(typed);
        }
        else if (text.StartsWith("e-", StringComparison.OrdinalIgnoreCase))
        {
            return new Refusal(RefusalKind.Invalid, "event", typed,
                $"'{typed}' is a timeline entry, which may hold several articles' reports: name one of them by {EventForms}");
        }
        if (report is null) return Unknown(typed);
        return await LatestAsync(session, ReportedEventKey.Of(report), inForce, ct) is { } found ? found : new Found(ReportedEventKey.Of(report), report.Event, report.Article);
    }

    private static Refusal Unknown(string typed) => new(RefusalKind.UnknownEvent, "event", typed, $"no reported event is named '{typed}': give {EventForms}");

    /// <summary>What counts now for a key: the latest correction's replacement in force, else the newest report of it in its article's stream.</summary>
    private static async Task<Found?> LatestAsync(IQuerySession session, ReportedEventKey key, IReadOnlyList<CorrectionView> inForce, CancellationToken ct)
    {
        var replaced = inForce.Where(c => c.Replacement is not null && c.ArticleId is not null && ReportedEventKey.Of(c.ArticleId, c.Replacement) == key)
            .OrderByDescending(c => c.Sequence).FirstOrDefault();
        var stream = await session.Events.FetchStreamAsync(key.ArticleId, token: ct);
        var reports = stream.Select(e => e.Data).OfType<EventReported>().Where(r => ReportedEventKey.Of(r.Article.ArticleId, r.Event) == key).ToList();
        if (replaced is not null)
        {
            var article = reports.LastOrDefault()?.Article ?? SourceOf(stream);
            if (article is not null) return new Found(key, replaced.Replacement!, article);
        }
        return reports.LastOrDefault() is { } last ? new Found(key, last.Event, last.Article) : null;
    }

    private static ArticleSource? SourceOf(IReadOnlyList<IEvent> stream) =>
        stream.Select(e => e.Data).OfType<ArticleIngested>().FirstOrDefault() is { } i
            ? new ArticleSource(i.ArticleId, i.Publisher, i.Url, i.Published, i.Title, i.WireFingerprint, i.PublicationUnstated)
            : null;

    /// <summary>The event with the analyst's changes, actors resolved as everywhere, or why the changes are refused.</summary>
    private static async Task<Answer<ExtractedEvent>> ChangedAsync(IQuerySession session, ExtractedEvent e, EventChanges changes, CancellationToken ct)
    {
        var type = e.Type;
        if (changes.Type is { } typeText)
        {
            if (Vocabulary.ParseType(typeText) is not { } t)
                return new Refusal(RefusalKind.Invalid, "type", typeText, $"'{typeText}' is not an event type; one of: {string.Join(", ", Vocabulary.TypeCodes)}");
            if (e.Type != t && e.Source is not null && Vocabulary.ShapeOf(t) != e.Shape)
                return new Refusal(RefusalKind.Invalid, "type", typeText,
                    $"{e.Type.Code()} and {t.Code()} name their actors differently: retract the event and assert the other");
            type = t;
        }
        var (source, target) = (e.Source ?? e.Parties.ElementAtOrDefault(0), e.Target ?? e.Parties.ElementAtOrDefault(1));
        if (changes.Source is { Length: > 0 } s)
        {
            var resolved = await Actors.ResolveAsync(session, s, "source", ct);
            if (resolved.Refusal is { } unknown) return unknown with { Kind = RefusalKind.Invalid };
            source = resolved.Value;
        }
        if (changes.Target is { Length: > 0 } t2)
        {
            var resolved = await Actors.ResolveAsync(session, t2, "target", ct);
            if (resolved.Refusal is { } unknown) return unknown with { Kind = RefusalKind.Invalid };
            target = resolved.Value;
        }
        var shape = Vocabulary.ShapeOf(type);
        if (source is null || (shape != ActorShape.Country && target is null))
            return new Refusal(RefusalKind.Invalid, source is null ? "source" : "target", "", $"{type.Code()} needs a source{(shape == ActorShape.Country ? "" : " and a target")}");
        if (shape != ActorShape.Country && source == target)
            return new Refusal(RefusalKind.Invalid, "target", target!, "the source and the target are the same actor");
        var date = e.Date;
        if (changes.Date is { } dateText || changes.Precision is not null)
        {
            var precision = changes.Precision is { } p
                ? Enum.TryParse<DatePrecision>(p, true, out var parsed) && Enum.IsDefined(parsed) ? parsed : (DatePrecision?)null
                : changes.Date is not null ? DatePrecision.Day : e.Date.Precision;
            if (precision is null) return new Refusal(RefusalKind.Invalid, "precision", changes.Precision!, "a precision is day, month, year or unknown");
            DateOnly? day = e.Date.Value;
            if (changes.Date is { } d)
            {
                if (!ClockText.TryDate(d, out var typedDay)) return new Refusal(RefusalKind.Invalid, "date", d, $"'{d}' is not a date such as 2024-03-16 (yyyy-MM-dd)");
                day = typedDay;
            }
            if (precision != DatePrecision.Unknown && day is null) return new Refusal(RefusalKind.Invalid, "date", "", "a dated event needs its date (yyyy-MM-dd)");
            date = precision == DatePrecision.Unknown ? EventDate.Unknown() : new EventDate(day, precision.Value);
        }
        var modality = e.Modality;
        if (changes.Modality is { } m)
        {
            if (!Enum.TryParse<Modality>(m, true, out var parsedModality) || !Enum.IsDefined(parsedModality))
                return new Refusal(RefusalKind.Invalid, "modality", m, "a modality is asserted, planned or expected");
            modality = parsedModality;
        }
        return e with
        {
            Type = type,
            Source = shape == ActorShape.Parties ? null : source,
            Target = shape == ActorShape.Directed ? target : null,
            Parties = shape == ActorShape.Parties ? new[] { source, target! }.Order(StringComparer.Ordinal).ToList() : [],
            Date = date,
            Modality = modality,
            // The analyst read the sentence: as sure as one source can be (corroboration caps it).
            Confidence = 1,
        };
    }

    private static async Task<Answer<CorrectionView>> AppendAsync(IDocumentSession session, CorrectionRecorded recorded, CancellationToken ct)
    {
        var stream = CorrectionRecorded.StreamKeyOf(recorded.Analyst);
        session.Events.Append(stream, recorded);
        await session.SaveChangesAsync(ct);
        var all = await AllAsync(session, ct);
        return all.First(c => c.Id == recorded.CorrectionId);
    }

    /// <summary>Every correction in the store (they are made by hand: few), with whether each was undone.</summary>
    internal static async Task<IReadOnlyList<CorrectionView>> AllAsync(IQuerySession session, CancellationToken ct)
    {
        var events = await session.Events.QueryAllRawEvents().Where(e => e.EventTypeName == MartenTables.CorrectionRecordedType)
            .OrderBy(e => e.Sequence).ToListAsync(ct);
        var recorded = events.Where(e => e.Data is CorrectionRecorded).Select(e => (Event: e, Data: (CorrectionRecorded)e.Data)).ToList();
        var undoneBy = recorded.Where(x => x.Data.Undoes is not null).GroupBy(x => x.Data.Undoes!.Value).ToDictionary(g => g.Key, g => g.First().Data.CorrectionId);
        return recorded.Select(x =>
        {
            var c = x.Data.ToCorrection(x.Event.Sequence, x.Event.Timestamp);
            return new CorrectionView(c.Id, c.Kind, c.Analyst, c.Reason, c.RecordedAt, c.Sequence, x.Data.Key, c.Original, x.Data.Article?.ArticleId ?? c.Key?.ArticleId,
                x.Data.Replacement, c.Replacement?.EventId, c.Undoes, undoneBy.ContainsKey(c.Id), undoneBy.TryGetValue(c.Id, out var by) ? by : null,
                x.Data.Histories, Corrections.Describe(c));
        }).ToList();
    }
}
