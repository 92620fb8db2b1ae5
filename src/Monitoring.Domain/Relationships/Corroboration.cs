namespace Monitoring.Domain.Relationships;

/// <summary>One article's report behind a timeline entry, with everything needed to audit it.</summary>
public sealed record SourceReport(
    Guid EventId,
    string ArticleId,
    string? Publisher,
    string? Url,
    DateOnly Published,
    string? Title,
    long Sequence,
    DateTimeOffset RecordedAt,
    EventDate Date,
    Modality Modality,
    double Confidence,
    string RuleId,
    string RuleVersion,
    string ExtractorVersion,
    IReadOnlyList<Evidence> Evidence,
    bool PublicationUnstated = false,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    bool ActorsInferred = false)
{
    /// <summary><see cref="Published"/> is the report's place on the publication clock (the recorded day when the article stated none).</summary>
    public static SourceReport Of(RecordedEvent r) => new(
        r.EventId, r.ArticleId, r.Article.Publisher, r.Article.Url, r.PublishedOn, r.Article.Title, r.Sequence, r.RecordedAt,
        r.Event.Date, r.Event.Modality, r.Event.Confidence, r.Event.RuleId, r.Event.RuleVersion, r.ExtractorVersion, r.Event.Evidence,
        r.Article.PublicationUnstated, r.Event.ActorsInferred);
}

/// <summary>
/// One real-world event as the timeline shows it: every report of it, how many sources and how many of them
/// are independent, the most precise date any report gives, and a confidence that grows with independent sources.
/// </summary>
public sealed record TimelineEntry(
    string Id,
    WorldEventType Type,
    string? Source,
    string? Target,
    IReadOnlyList<string> Parties,
    string? Area,
    int? Count,
    EventDate Date,
    DateOnly PlacedOn,
    bool Undated,
    Modality Modality,
    double Confidence,
    int SourceCount,
    int IndependentSources,
    IReadOnlyList<SourceReport> Reports,
    IReadOnlyList<string> ConflictsWith)
{
    public long FirstSequence => Reports.Min(r => r.Sequence);

    /// <summary>The earliest publication among its reports: on the publication clock, the entry is known from then on.</summary>
    public DateOnly FirstPublished => Reports.Min(r => r.Published);

    /// <summary>Placed by a bound (or, undated, by its article's publication) rather than by a stated date.</summary>
    public bool Approximate => Date.Precision == DatePrecision.Unknown;
}

/// <summary>Groups reports of the same real-world event (pure, deterministic for a given set of reports).</summary>
public static class Corroboration
{
    /// <summary>The most a confidence can reach, however many sources agree.</summary>
    public const double MaxConfidence = 0.99;

    /// <summary>
    /// Reports are taken in reading order (<see cref="ReadingOrder"/>: by publication, then by what they say, never by
    /// arrival); each joins the first entry whose every report it is the same event as, else starts one, so the grouping
    /// and the entry ids (<see cref="EntryId"/> of the first report) depend on the reports alone: the same articles
    /// ingested in any order, by any number of writers, give the same timeline. Same event: same type, same actors (direction included), compatible areas, counts and dates. Reports
    /// with the same identity but incompatible dates less than a week apart are kept as separate entries that
    /// name each other as conflicting (see <see cref="Conflicting"/>): two dates for one event are shown, never merged.
    /// An entry takes the most precise date of its reports (the narrowest bounds when none is dated), is asserted if
    /// any report asserts it, and has confidence 1 − Π(1 − c) over its independent sources (see
    /// <see cref="IndependentGroups"/>; c the best confidence within each), capped at <see cref="MaxConfidence"/>.
    /// </summary>
    public static IReadOnlyList<TimelineEntry> Group(IEnumerable<RecordedEvent> reports)
    {
        // Only reports of one identity key (type and actors) can be one event or conflict: compare within a key only.
        var byKey = new Dictionary<string, List<List<RecordedEvent>>>();
        var groups = new List<List<RecordedEvent>>();
        foreach (var r in InReadingOrder(reports))
        {
            var key = IdentityKey(r.Event);
            if (!byKey.TryGetValue(key, out var candidates)) byKey[key] = candidates = [];
            var home = candidates.FirstOrDefault(g => g.All(other => SameEvent(other.Event, r.Event)));
            if (home is not null)
            {
                home.Add(r);
                continue;
            }
            List<RecordedEvent> group = [r];
            candidates.Add(group);
            groups.Add(group);
        }
        var entries = groups.Select(g => ToEntry(g)).ToList();
        var conflicts = ConflictsAmong(entries);
        return entries
            .Select((e, i) => e with { ConflictsWith = conflicts[i].Select(j => entries[j].Id).Order(StringComparer.Ordinal).ToList() })
            .OrderBy(e => e, TimelineOrder)
            .ToList();
    }

    /// <summary>Valid-time order of entries: placed day, precision (day before month before year before unknown), then id.</summary>
    public static readonly IComparer<TimelineEntry> TimelineOrder = Comparer<TimelineEntry>.Create((x, y) =>
    {
        var c = x.PlacedOn.CompareTo(y.PlacedOn);
        if (c != 0) return c;
        c = ((int)x.Date.Precision).CompareTo((int)y.Date.Precision);
        return c != 0 ? c : string.CompareOrdinal(x.Id, y.Id);
    });

    /// <summary>
    /// The order grouping reads reports in: by publication (so that what was published by a date is a prefix of it), then
    /// by what the report says (article, extractor version, sentence, span, type, actors, date, rule). The store's sequence
    /// and event id, which follow arrival, only break ties between reports that say exactly the same thing.
    /// </summary>
    public static int ReadingOrder(RecordedEvent x, string xKey, RecordedEvent y, string yKey)
    {
        var c = x.PublishedOn.CompareTo(y.PublishedOn);
        if (c != 0) return c;
        c = string.CompareOrdinal(xKey, yKey);
        if (c != 0) return c;
        c = x.Sequence.CompareTo(y.Sequence);
        return c != 0 ? c : x.EventId.CompareTo(y.EventId);
    }

    /// <summary>The reports in <see cref="ReadingOrder"/> (each one's content key made once).</summary>
    public static IReadOnlyList<RecordedEvent> InReadingOrder(IEnumerable<RecordedEvent> reports)
    {
        var keyed = reports.Select(r => (Report: r, Key: ContentKey(r))).ToArray();
        Array.Sort(keyed, (a, b) => ReadingOrder(a.Report, a.Key, b.Report, b.Key));
        return keyed.Select(k => k.Report).ToArray();
    }

    /// <summary>What a report says, as one string: equal only for two reports of the same sentence read the same way.</summary>
    public static string ContentKey(RecordedEvent r)
    {
        var e = r.Event;
        var evidence = e.Evidence.Count == 0 ? "" : $"{e.Evidence[0].SentenceIndex:D6}:{e.Evidence[0].Start:D8}:{e.Evidence[0].End:D8}";
        return string.Join("|", r.ArticleId, r.ExtractorVersion, evidence, e.Type, e.Source, e.Target,
            string.Join(",", e.Parties.Order(StringComparer.Ordinal)), e.Area, e.Count, e.Date, e.Modality, e.RuleId, e.RuleVersion);
    }

    /// <summary>The id of the entry a report starts: a hash of what it says, so that it does not depend on arrival.</summary>
    public static string EntryId(RecordedEvent r) => EntryIdOf(ContentKey(r));

    internal static string EntryIdOf(string contentKey) =>
        "e-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(contentKey)))[..12];

    /// <summary>
    /// For each entry (by index), the indexes of the entries it conflicts with. A sweep over each identity's dated
    /// entries by earliest day: only entries starting less than <see cref="ConflictWindowDays"/> after one ends can
    /// conflict with it, so a history of thousands of reports is not compared pair by pair.
    /// </summary>
    private static List<int>[] ConflictsAmong(IReadOnlyList<TimelineEntry> entries)
    {
        var result = entries.Select(_ => new List<int>()).ToArray();
        var buckets = Enumerable.Range(0, entries.Count)
            .Where(i => entries[i].Date.Value is not null)
            .GroupBy(i => IdentityKey(entries[i]));
        foreach (var bucket in buckets)
        {
            var dated = bucket.OrderBy(i => entries[i].Date.Earliest!.Value).ToList();
            for (var x = 0; x < dated.Count; x++)
            {
                var a = entries[dated[x]];
                for (var y = x + 1; y < dated.Count; y++)
                {
                    var b = entries[dated[y]];
                    if (b.Date.Earliest!.Value.DayNumber - a.Date.Latest!.Value.DayNumber >= ConflictWindowDays) break;
                    if (!Conflicting(a, b)) continue;
                    result[dated[x]].Add(dated[y]);
                    result[dated[y]].Add(dated[x]);
                }
            }
        }
        return result;
    }

    private static string IdentityKey(TimelineEntry e) => $"{e.Type}|{e.Source}|{e.Target}|{string.Join(",", e.Parties)}";

    private static string IdentityKey(ExtractedEvent e) =>
        $"{e.Type}|{e.Source}|{e.Target}|{string.Join(",", e.Parties.Order(StringComparer.Ordinal))}";

    public static bool SameIdentity(ExtractedEvent a, ExtractedEvent b) =>
        a.Type == b.Type
        && a.Source == b.Source && a.Target == b.Target
        && a.Parties.OrderBy(p => p, StringComparer.Ordinal).SequenceEqual(b.Parties.OrderBy(p => p, StringComparer.Ordinal))
        && AreasCompatible(a.Area, b.Area)
        && (a.Count is null || b.Count is null || a.Count == b.Count);

    public static bool SameEvent(ExtractedEvent a, ExtractedEvent b) => DatesCompatible(a.Date, b.Date) && SameIdentity(a, b);

    /// <summary>Equal at the coarser precision; an unknown date is compatible with anything inside its bounds.</summary>
    public static bool DatesCompatible(EventDate a, EventDate b)
    {
        if (a.Precision == DatePrecision.Unknown || b.Precision == DatePrecision.Unknown)
        {
            var (unknown, other) = a.Precision == DatePrecision.Unknown ? (a, b) : (b, a);
            var lo = other.Earliest;
            var hi = other.Latest;
            return (unknown.NotBefore is null || hi is null || hi >= unknown.NotBefore)
                && (unknown.NotAfter is null || lo is null || lo <= unknown.NotAfter);
        }
        var coarser = (DatePrecision)Math.Max((int)a.Precision, (int)b.Precision);
        var x = a.Value!.Value;
        var y = b.Value!.Value;
        return coarser switch
        {
            DatePrecision.Day => x == y,
            DatePrecision.Month => x.Year == y.Year && x.Month == y.Month,
            _ => x.Year == y.Year,
        };
    }

    /// <summary>Two entries whose dates are further apart than this are two events, not two dates for one.</summary>
    public const int ConflictWindowDays = 7;

    /// <summary>
    /// Two entries conflict when they would be one event but for their dates: same identity, both dated, dates
    /// incompatible yet less than <see cref="ConflictWindowDays"/> apart (gap between their periods), and no article
    /// reports both (an article that gives two dates describes two events, e.g. two visits). Observations at
    /// different dates are successive observations, never a conflict; at one date with two counts they conflict.
    /// Symmetric by construction.
    /// </summary>
    public static bool Conflicting(TimelineEntry a, TimelineEntry b)
    {
        if (a.Type != b.Type || a.Source != b.Source || a.Target != b.Target || !a.Parties.SequenceEqual(b.Parties)) return false;
        if (a.Date.Value is null || b.Date.Value is null) return false;
        if (Vocabulary.IsObservation(a.Type))
        {
            if (!DatesCompatible(a.Date, b.Date) || a.Count == b.Count) return false;
        }
        else
        {
            if (DatesCompatible(a.Date, b.Date)) return false;
            var gap = Math.Max(a.Date.Earliest!.Value.DayNumber - b.Date.Latest!.Value.DayNumber, b.Date.Earliest!.Value.DayNumber - a.Date.Latest!.Value.DayNumber);
            if (gap >= ConflictWindowDays) return false;
        }
        return AreasCompatible(a.Area, b.Area) && !a.Reports.Select(r => r.ArticleId).Intersect(b.Reports.Select(r => r.ArticleId)).Any();
    }

    /// <summary>Areas are compatible when either is unstated or they share a family (security, development...).</summary>
    public static bool AreasCompatible(string? a, string? b) =>
        a is null || b is null || AreaFamilies(a).Overlaps(AreaFamilies(b));

    public static HashSet<string> AreaFamilies(string? area)
    {
        var families = new HashSet<string>();
        if (area is null) return families;
        foreach (var token in area.Split([',', ';', '/', ' '], StringSplitOptions.RemoveEmptyEntries))
            families.Add(token.ToLowerInvariant() switch
            {
                "security" or "military" or "defense" or "defence" or "counterterrorism" or "counter-terrorism" => "security",
                "development" or "aid" or "economic" or "humanitarian" or "financial" or "budget" => "development",
                var other => other,
            });
        return families;
    }

    /// <summary>The entry made of <paramref name="reports"/>, in reading order (its id: that of the first, unless given).</summary>
    internal static TimelineEntry ToEntry(List<RecordedEvent> reports, string? id = null)
    {
        var first = reports[0];
        var best = reports.OrderBy(r => (int)r.Event.Date.Precision).First();
        var date = best.Event.Date;
        if (date.Precision == DatePrecision.Unknown)
        {
            // All undated: the narrowest bounds any report gives.
            var notBefore = reports.Select(r => r.Event.Date.NotBefore).Where(d => d is not null).Max();
            var notAfter = reports.Select(r => r.Event.Date.NotAfter).Where(d => d is not null).Min();
            date = EventDate.Unknown(notBefore, notAfter);
        }
        // Decision: an event with no date and no bounds was reported before its article was published, so it holds at
        // any asOf from the earliest publication of its reports on. It is placed there and flagged Undated (never guessed earlier).
        var placed = date.PlacedOn ?? reports.Min(r => r.PublishedOn);
        var independent = IndependentGroups(reports);
        var confidence = Math.Min(MaxConfidence, 1 - independent.Select(g => 1 - g.Max(r => Math.Clamp(r.Event.Confidence, 0, 1))).Aggregate(1.0, (p, q) => p * q));
        // Reports of one event may each name part of its area ("security", "security,development"): keep them all.
        var areas = reports.SelectMany(r => (r.Event.Area ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
        var area = areas.Count == 0 ? null : string.Join(",", areas);
        var modality = reports.Any(r => r.Event.Modality == Modality.Asserted) ? Modality.Asserted : best.Event.Modality;
        return new TimelineEntry(
            id ?? EntryId(first),
            first.Event.Type, first.Event.Source, first.Event.Target,
            first.Event.Parties.OrderBy(p => p, StringComparer.Ordinal).ToList(),
            area, reports.Select(r => r.Event.Count).FirstOrDefault(c => c is not null),
            date, placed, date.PlacedOn is null, modality, Math.Round(confidence, 4),
            reports.Select(r => r.ArticleId).Distinct().Count(), independent.Count,
            reports.Select(SourceReport.Of).ToList(), []);
    }

    /// <summary>
    /// Reports are independent when they come from different publishers and different wire copy: the same
    /// story republished by two outlets shares its lead (the article's wire fingerprint) and counts once, and
    /// one outlet reporting an event twice counts once. The relation is transitive (A and B share a wire story, B and C
    /// a publisher: one source). An empty fingerprint or publisher relates nothing.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<RecordedEvent>> IndependentGroups(IReadOnlyList<RecordedEvent> reports)
    {
        var parent = Enumerable.Range(0, reports.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        for (var i = 0; i < reports.Count; i++)
            for (var j = i + 1; j < reports.Count; j++)
            {
                var a = reports[i].Article;
                var b = reports[j].Article;
                if (a.ArticleId == b.ArticleId || (!string.IsNullOrEmpty(a.WireFingerprint) && a.WireFingerprint == b.WireFingerprint)
                    || (!string.IsNullOrWhiteSpace(a.Publisher) && string.Equals(a.Publisher, b.Publisher, StringComparison.OrdinalIgnoreCase)))
                    parent[Find(i)] = Find(j);
            }
        return Enumerable.Range(0, reports.Count).GroupBy(Find).Select(g => (IReadOnlyList<RecordedEvent>)g.Select(i => reports[i]).ToList()).ToList();
    }
}
