using Marten;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.Domain.Review;
using Monitoring.Store.Articles;

namespace Monitoring.Store.Relationships;

/// <summary>
/// The questions analysts ask of a relationship, answered the same way for the CLI and the HTTP API:
/// the pair's history (one document per report, of the pair and of each country) indexed once per process and kept
/// up to date by <see cref="HistoryCache"/>, then cut at the question's two clocks by the pure model.
/// </summary>
public sealed class RelationshipAnswers(HistoryCache cache)
{
    public async Task<RelationshipState> StateAsync(IQuerySession session, ActorPair pair, Clocks clocks, CancellationToken ct = default)
    {
        var history = await cache.HistoryAsync(session, pair, ct);
        return history.StateOf(clocks);
    }

    /// <summary>The pair's timeline on the clocks: entries placed by <see cref="Clocks.AsOf"/>, of the reports known on the other two.</summary>
    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(IQuerySession session, ActorPair pair, Clocks clocks, CancellationToken ct = default)
    {
        var history = await cache.HistoryAsync(session, pair, ct);
        return history.Timeline(clocks);
    }

    /// <summary>
    /// A state with what the analysts did to its history: the corrections recorded by <see cref="Clocks.RecordedAt"/> (in
    /// force or not), and the extraction's reports they took out, which the fold no longer sees but the audit still lists.
    /// </summary>
    public sealed record Audited(RelationshipState State, IReadOnlyList<Correction> Corrections, IReadOnlyList<Correction> InForce,
        IReadOnlyList<RecordedEvent> TakenOut);

    public async Task<Audited> AuditAsync(IQuerySession session, ActorPair pair, Clocks clocks, CancellationToken ct = default)
    {
        var history = await cache.HistoryAsync(session, pair, ct);
        var state = history.StateOf(clocks);
        var recorded = history.Corrections.Where(c => clocks.RecordedAt is not { } t || c.RecordedAt <= t).ToList();
        var inForce = Corrections.InForce(recorded, null);
        var kept = Corrections.Kept(history.Reports, inForce, null).Select(r => r.EventId).ToHashSet();
        var takenOut = Relationship.Known(pair, history.Reports, history.Supersessions, clocks).Where(r => !kept.Contains(r.EventId)).ToList();
        return new Audited(state, recorded, inForce, takenOut);
    }

    /// <summary>Every relationship with entries on the clocks and its state there, in pair order.</summary>
    public async Task<IReadOnlyList<RelationshipState>> AllAsync(IQuerySession session, string? actor, Clocks clocks, CancellationToken ct = default)
    {
        var states = new List<RelationshipState>();
        foreach (var pair in await RelationshipQueries.PairsAsync(session, actor, ct))
        {
            var state = await StateAsync(session, pair, clocks, ct);
            if (state.Entries.Count > 0) states.Add(state);
        }
        return states;
    }

    /// <param name="PublicationUnstated">The article gave no publication date: it counts as published on the day it was recorded.</param>
    public sealed record ArticleAsKnown(string ArticleId, string? Publisher, string? Url, DateOnly Published, string ExtractorVersion, int Events,
        DateTimeOffset IngestedAt, bool PublicationUnstated = false);

    /// <summary>The whole system at a point: the articles that count on <see cref="Clocks"/> and every relationship as it read then.</summary>
    public sealed record Replay(Clocks Clocks, IReadOnlyList<ArticleAsKnown> Articles, IReadOnlyList<RelationshipState> Relationships);

    /// <summary>
    /// The world as the news told it by <paramref name="to"/> (publication clock): the articles published by then, in order of
    /// publication, as the current extractor reads them, and every relationship as of that day from what they said. This is
    /// the replay that works on an imported archive, whenever it was recorded.
    /// </summary>
    public async Task<Replay> ReplayPublishedAsync(IQuerySession session, DateOnly to, CancellationToken ct = default)
    {
        var clocks = new Clocks(AsOf: to, KnownAt: to);
        var articles = new List<ArticleAsKnown>();
        foreach (var (e, ingested) in await IngestionsAsync(session, null, ct))
        {
            var published = ingested.PublicationUnstated ? DateOnly.FromDateTime(e.Timestamp.UtcDateTime) : ingested.Published;
            if (published > to) continue;
            var summary = await session.Events.AggregateStreamAsync<ArticleSummary>(e.StreamKey!, token: ct);
            if (summary is not null)
                articles.Add(new ArticleAsKnown(summary.Id, summary.Publisher, summary.Url, published, summary.ExtractorVersion, summary.Events,
                    e.Timestamp, ingested.PublicationUnstated));
        }
        articles.Sort((x, y) => x.Published != y.Published ? x.Published.CompareTo(y.Published) : x.IngestedAt.CompareTo(y.IngestedAt));
        return new Replay(clocks, articles, await AllAsync(session, null, clocks, ct));
    }

    /// <summary>
    /// The whole system as Monitor held it at <paramref name="to"/> (recorded clock), for audit: each article as its stream
    /// stood then (Marten's time travel over the article stream), and each relationship, as of that day, folded from what was
    /// recorded by then.
    /// </summary>
    public async Task<Replay> ReplayRecordedAsync(IQuerySession session, DateTimeOffset to, CancellationToken ct = default)
    {
        var clocks = new Clocks(AsOf: DateOnly.FromDateTime(to.UtcDateTime), RecordedAt: to);
        var articles = new List<ArticleAsKnown>();
        foreach (var (e, ingested) in await IngestionsAsync(session, to, ct))
        {
            var summary = await session.Events.AggregateStreamAsync<ArticleSummary>(e.StreamKey!, timestamp: to, token: ct);
            if (summary is not null)
                articles.Add(new ArticleAsKnown(summary.Id, summary.Publisher, summary.Url, summary.Published, summary.ExtractorVersion, summary.Events,
                    e.Timestamp, ingested.PublicationUnstated));
        }
        return new Replay(clocks, articles, await AllAsync(session, null, clocks, ct));
    }

    private static async Task<IReadOnlyList<(JasperFx.Events.IEvent Event, ArticleIngested Ingested)>> IngestionsAsync(IQuerySession session,
        DateTimeOffset? recordedBy, CancellationToken ct)
    {
        var query = session.Events.QueryAllRawEvents().Where(e => e.EventTypeName == MartenTables.ArticleIngestedType);
        if (recordedBy is { } t) query = query.Where(e => e.Timestamp <= t);
        var events = await query.OrderBy(e => e.Sequence).ToListAsync(ct);
        return events.Where(e => e.Data is ArticleIngested).Select(e => (e, (ArticleIngested)e.Data)).ToList();
    }
}
