using Marten;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.Domain.Review;
using Monitoring.Store.Articles.Ingesting;

namespace Monitoring.Store.Relationships;

/// <summary>Loads what a relationship question needs: the pair's history and both countries' context.</summary>
public static class RelationshipQueries
{
    /// <param name="Reports">The reports as stored (extraction's reading): <see cref="Monitoring.Domain.Review.Corrections.Apply"/> with <paramref name="Corrections"/> gives the corrected history.</param>
    public sealed record PairHistory(ActorPair Pair, IReadOnlyList<RecordedEvent> Reports, IReadOnlyList<ExtractionSuperseded> Supersessions,
        IReadOnlyList<Correction> Corrections)
    {
        /// <summary>The reports as corrected at <paramref name="recordedAt"/> (null: now).</summary>
        public IReadOnlyList<RecordedEvent> Corrected(DateTimeOffset? recordedAt = null) => Monitoring.Domain.Review.Corrections.Apply(Reports, Corrections, recordedAt);
    }

    public static async Task<PairHistory> LoadAsync(IQuerySession session, ActorPair pair, CancellationToken ct = default)
    {
        var ids = new[] { pair.Id, pair.A, pair.B };
        var reports = await session.Query<HistoryReport>().Where(r => r.HistoryId.IsOneOf(ids)).ToListAsync(ct);
        var supersessions = await session.Query<HistorySupersession>().Where(s => s.HistoryId.IsOneOf(ids)).ToListAsync(ct);
        var corrections = await session.Query<HistoryCorrection>().Where(c => c.HistoryId.IsOneOf(ids)).ToListAsync(ct);
        return new PairHistory(
            pair,
            reports.Select(r => r.Report).DistinctBy(r => r.EventId).OrderBy(r => r.Sequence).ToList(),
            supersessions.Select(s => s.Supersession).DistinctBy(s => (s.ArticleId, s.SupersededVersion)).OrderBy(s => s.Sequence).ToList(),
            corrections.Select(c => c.Correction).DistinctBy(c => c.Id).OrderBy(c => c.Sequence).ToList());
    }

    /// <summary>
    /// Every relationship the store knows (pair ids only; country contexts have no dash), once a bulk import whose process
    /// died between its two COPYs is completed (its pairs would be missing).
    /// </summary>
    public static async Task<IReadOnlyList<ActorPair>> PairsAsync(IQuerySession session, string? involving = null, CancellationToken ct = default)
    {
        await IngestBatch.RecoverAsync(session.DocumentStore, ct);
        var ids = await session.Query<HistoryReport>().Select(r => r.HistoryId).Distinct().ToListAsync(ct);
        // A pair may hold only an analyst's event (a corrected target, an assertion): it is a relationship too.
        ids = [.. ids.Union(await session.Query<HistoryCorrection>().Select(c => c.HistoryId).Distinct().ToListAsync(ct))];
        return ids.Where(id => id.Contains('-')).Select(ActorPair.Parse)
            .Where(p => involving is null || p.Involves(involving))
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .ToList();
    }
}
