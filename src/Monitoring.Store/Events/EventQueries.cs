using JasperFx.Events;
using Marten;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.Domain.Review;
using Monitoring.Store.Articles;
using Monitoring.Store.Review;

namespace Monitoring.Store.Events;

public static class EventQueries
{
    /// <summary>
    /// Reported events of the extractor version of their article in force (now, or at the recorded clock), newest recorded
    /// first. Filters on type, article and recorded time run in PostgreSQL; actor, date and the other clocks on the page read
    /// (dates live in the payload, with precision and bounds that SQL would flatten).
    /// </summary>
    public static async Task<IReadOnlyList<ListedEvent>> ListAsync(IQuerySession session, EventFilter filter, CancellationToken ct = default)
    {
        IQueryable<IEvent> query = session.Events.QueryAllRawEvents().Where(e => e.EventTypeName == MartenTables.EventReportedType);
        if (filter.ArticleId is { } article) query = query.Where(e => e.StreamKey == article);
        if (filter.BeforeSequence is { } before) query = query.Where(e => e.Sequence < before);
        var clocks = filter.Clocks ?? Clocks.Now;
        if (clocks.RecordedAt is { } recordedBy) query = query.Where(e => e.Timestamp <= recordedBy);
        // A re-extraction stops the old version's events counting from its recorded time on.
        IQueryable<IEvent> reextractions = session.Events.QueryAllRawEvents().Where(e => e.EventTypeName == MartenTables.ArticleReextractedType);
        if (clocks.RecordedAt is { } t) reextractions = reextractions.Where(e => e.Timestamp <= t);
        var superseded = (await reextractions.ToListAsync(ct))
            .Select(e => e.Data).OfType<ArticleReextracted>()
            .Select(r => (r.ArticleId, r.SupersededVersion)).ToHashSet();
        var corrected = await CorrectionsByKeyAsync(session, clocks.RecordedAt, ct);

        var results = new List<ListedEvent>();
        var skipped = 0;
        const int PageSize = 500;
        for (var offset = 0; results.Count < filter.Take; offset += PageSize)
        {
            var batch = await query.OrderByDescending(e => e.Sequence).Skip(offset).Take(PageSize).ToListAsync(ct);
            if (batch.Count == 0) break;
            foreach (var e in batch)
            {
                if (e.Data is not EventReported r || superseded.Contains((r.Article.ArticleId, r.ExtractorVersion)) || !Matches(r.Event, filter)) continue;
                if (!OnTheClocks(r, e.Timestamp, clocks)) continue;
                if (skipped++ < filter.Skip) continue;
                results.Add(new ListedEvent(r.ReportId, e.Sequence, e.Timestamp, r.Article.ArticleId, r.Article.Publisher, r.Article.Url,
                    r.Article.Published, r.ExtractorVersion, r.Event,
                    corrected.TryGetValue(ReportedEventKey.Of(r.Article.ArticleId, r.Event).ToString(), out var c) ? Corrections.Describe(c) : null));
                if (results.Count == filter.Take) break;
            }
        }
        return results;
    }

    /// <summary>
    /// The latest retraction, correction or confirmation in force at <paramref name="recordedAt"/> (null: now) of each event key:
    /// what the list says of a report. Corrections are few (made by hand): all are read.
    /// </summary>
    private static async Task<Dictionary<string, Correction>> CorrectionsByKeyAsync(IQuerySession session, DateTimeOffset? recordedAt, CancellationToken ct)
    {
        IQueryable<IEvent> query = session.Events.QueryAllRawEvents().Where(e => e.EventTypeName == MartenTables.CorrectionRecordedType);
        if (recordedAt is { } t) query = query.Where(e => e.Timestamp <= t);
        var corrections = (await query.OrderBy(e => e.Sequence).ToListAsync(ct))
            .Where(e => e.Data is CorrectionRecorded).Select(e => ((CorrectionRecorded)e.Data).ToCorrection(e.Sequence, e.Timestamp));
        var byKey = new Dictionary<string, Correction>(StringComparer.Ordinal);
        foreach (var c in Corrections.InForce(corrections, recordedAt))
            if (c.Kind is CorrectionKind.Retracted or CorrectionKind.Corrected or CorrectionKind.Confirmed && c.Key is { } key)
                byKey[key.ToString()] = c;
        return byKey;
    }

    /// <summary>Whether a report counts on the publication clock and is placed by the valid one, as the relationship fold counts and places it.</summary>
    public static bool OnTheClocks(EventReported r, DateTimeOffset recordedAt, Clocks clocks)
    {
        var published = r.Article.PublicationUnstated ? DateOnly.FromDateTime(recordedAt.UtcDateTime) : r.Article.Published;
        if (clocks.KnownAt is { } knownAt && published > knownAt) return false;
        return clocks.AsOf is not { } asOf || (r.Event.Date.PlacedOn ?? published) <= asOf;
    }

    public static bool Matches(ExtractedEvent e, EventFilter filter) =>
        (filter.Type is null || e.Type == filter.Type)
        && (filter.Actor is null || e.Actors.Contains(filter.Actor))
        && (filter.From is null || (e.Date.Latest ?? e.Date.PlacedOn) is not { } late || late >= filter.From)
        && (filter.To is null || (e.Date.Earliest ?? e.Date.PlacedOn) is not { } early || early <= filter.To);
}
