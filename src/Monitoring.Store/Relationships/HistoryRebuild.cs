using System.Diagnostics;
using Marten;

namespace Monitoring.Store.Relationships;

/// <summary>How a rebuild went: the events read, the history documents written, the time it took.</summary>
public sealed record RebuildReport(long Events, long Documents, double Seconds)
{
    public double EventsPerSecond => Events / Seconds;
}

/// <summary>
/// Rebuilds the relationship histories from the stored events: what an operator runs after a change to the projection
/// (not to the extractor: that is a re-extraction). The events are the truth; the histories are derived and replaced whole.
/// </summary>
public sealed class HistoryRebuild(IDocumentStore store)
{
    /// <param name="starting">Told the number of stored events before the rebuild starts (for progress).</param>
    public async Task<RebuildReport> RunAsync(Action<long>? starting = null, CancellationToken ct = default)
    {
        var events = (await store.Advanced.FetchEventStoreStatistics(token: ct)).EventCount;
        starting?.Invoke(events);
        var clock = Stopwatch.StartNew();
        using (var daemon = await store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync<RelationshipHistoryProjection>(TimeSpan.FromHours(2), ct);
        // The rebuild's batches leave a change row per batch and history: folded now rather than by the first questions.
        await new HistoryChanges(store).CompactAllAsync(store, ct);
        var seconds = clock.Elapsed.TotalSeconds;
        await using var session = store.QuerySession();
        var documents = await session.Query<HistoryReport>().LongCountAsync(ct);
        return new RebuildReport(events, documents, seconds);
    }
}
