using Marten;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.Store.Articles;

namespace Monitoring.Store.Relationships;

/// <summary>
/// The questions analysts ask of a relationship, answered the same way for the CLI and the HTTP API:
/// the pair's history (one document per report, of the pair and of each country) indexed once per process and kept
/// up to date by <see cref="HistoryCache"/>, then cut at the question's two clocks by the pure model.
/// </summary>
public sealed class RelationshipAnswers(HistoryCache cache)
{
    public async Task<RelationshipState> StateAsync(IQuerySession session, ActorPair pair, DateOnly? asOf, DateTimeOffset? knownAt, CancellationToken ct = default)
    {
        var history = await cache.IndexAsync(session, pair, ct);
        return history.StateOf(asOf, knownAt);
    }

    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(IQuerySession session, ActorPair pair, DateTimeOffset? knownAt, CancellationToken ct = default)
    {
        var history = await cache.IndexAsync(session, pair, ct);
        return history.Timeline(knownAt);
    }

    /// <summary>Every relationship with its current state (or as of / as known at), latest change first.</summary>
    public async Task<IReadOnlyList<RelationshipState>> AllAsync(IQuerySession session, string? actor, DateOnly? asOf, DateTimeOffset? knownAt, CancellationToken ct = default)
    {
        var states = new List<RelationshipState>();
        foreach (var pair in await RelationshipQueries.PairsAsync(session, actor, ct))
        {
            var state = await StateAsync(session, pair, asOf, knownAt, ct);
            if (state.Entries.Count > 0) states.Add(state);
        }
        return states;
    }

    public sealed record ArticleAsKnown(string ArticleId, string? Publisher, string? Url, DateOnly Published, string ExtractorVersion, int Events, DateTimeOffset IngestedAt);

    public sealed record Replay(DateTimeOffset To, IReadOnlyList<ArticleAsKnown> Articles, IReadOnlyList<RelationshipState> Relationships);

    /// <summary>
    /// The whole system as it was at recorded time <paramref name="to"/>: each article as its stream stood then
    /// (Marten's time travel over the article stream), and each relationship folded from what was recorded by then.
    /// </summary>
    public async Task<Replay> ReplayAsync(IQuerySession session, DateTimeOffset to, CancellationToken ct = default)
    {
        var ingested = await session.Events.QueryAllRawEvents()
            .Where(e => e.EventTypeName == MartenTables.ArticleIngestedType && e.Timestamp <= to)
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
        var articles = new List<ArticleAsKnown>();
        foreach (var e in ingested)
        {
            var summary = await session.Events.AggregateStreamAsync<ArticleSummary>(e.StreamKey!, timestamp: to, token: ct);
            if (summary is not null)
                articles.Add(new ArticleAsKnown(summary.Id, summary.Publisher, summary.Url, summary.Published, summary.ExtractorVersion, summary.Events, e.Timestamp));
        }
        return new Replay(to, articles, await AllAsync(session, null, null, to, ct));
    }
}
