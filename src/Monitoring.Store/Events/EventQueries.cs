using JasperFx.Events;
using Marten;
using Monitoring.Domain;
using Monitoring.Store.Articles;

namespace Monitoring.Store.Events;

public static class EventQueries
{
    /// <summary>
    /// Reported events of the current extractor version of their article, newest recorded first. Filters on
    /// type and article run in PostgreSQL; actor and date filters on the page read (dates live in the payload,
    /// with precision and bounds that SQL would flatten).
    /// </summary>
    public static async Task<IReadOnlyList<ListedEvent>> ListAsync(IQuerySession session, EventFilter filter, CancellationToken ct = default)
    {
        IQueryable<IEvent> query = session.Events.QueryAllRawEvents().Where(e => e.EventTypeName == MartenTables.EventReportedType);
        if (filter.ArticleId is { } article) query = query.Where(e => e.StreamKey == article);
        if (filter.BeforeSequence is { } before) query = query.Where(e => e.Sequence < before);
        var superseded = (await session.Events.QueryRawEventDataOnly<ArticleReextracted>().ToListAsync(ct))
            .Select(r => (r.ArticleId, r.SupersededVersion)).ToHashSet();

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
                if (skipped++ < filter.Skip) continue;
                results.Add(new ListedEvent(r.ReportId, e.Sequence, e.Timestamp, r.Article.ArticleId, r.Article.Publisher, r.Article.Url,
                    r.Article.Published, r.ExtractorVersion, r.Event));
                if (results.Count == filter.Take) break;
            }
        }
        return results;
    }

    public static bool Matches(ExtractedEvent e, EventFilter filter) =>
        (filter.Type is null || e.Type == filter.Type)
        && (filter.Actor is null || e.Actors.Contains(filter.Actor))
        && (filter.From is null || (e.Date.Latest ?? e.Date.PlacedOn) is not { } late || late >= filter.From)
        && (filter.To is null || (e.Date.Earliest ?? e.Date.PlacedOn) is not { } early || early <= filter.To);
}
