using Marten;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;

namespace Monitoring.Service.Relationships;

/// <summary>Loads what a relationship question needs: the pair's history and both countries' context.</summary>
public static class RelationshipQueries
{
    public sealed record PairHistory(ActorPair Pair, IReadOnlyList<RecordedEvent> Reports, IReadOnlyList<ExtractionSuperseded> Supersessions);

    public static async Task<PairHistory> LoadAsync(IQuerySession session, ActorPair pair, CancellationToken ct = default)
    {
        var docs = await session.LoadManyAsync<RelationshipHistory>(ct, pair.Id, pair.A, pair.B);
        return new PairHistory(
            pair,
            docs.SelectMany(d => d.Reports).OrderBy(r => r.Sequence).ToList(),
            docs.SelectMany(d => d.Supersessions).DistinctBy(s => (s.ArticleId, s.SupersededVersion)).OrderBy(s => s.Sequence).ToList());
    }

    /// <summary>Every relationship the store knows (pair ids only; country contexts have no dash).</summary>
    public static async Task<IReadOnlyList<ActorPair>> PairsAsync(IQuerySession session, string? involving = null, CancellationToken ct = default)
    {
        var ids = await session.Query<RelationshipHistory>().Where(h => h.Id.Contains("-")).Select(h => h.Id).ToListAsync(ct);
        return ids.Select(ActorPair.Parse)
            .Where(p => involving is null || p.Involves(involving))
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .ToList();
    }
}
