using JasperFx.Events;
using Marten;
using Monitoring.Extraction;
using Monitoring.Store.Relationships;
using Npgsql;

namespace Monitoring.Store.Articles.Ingesting;

/// <summary>
/// Ingestion of many articles at once, for loading an archive. The streams are exactly those of
/// <see cref="IngestArticleHandler"/> (<see cref="ArticleStream.Started"/>) and it is just as idempotent: stored keys
/// and twins within the batch are duplicates.
/// </summary>
public static class IngestBatch
{
    /// <summary>
    /// Bulk import: one round trip finds the stored keys (<see cref="StoredArticles"/>), Marten's COPY-based
    /// <c>BulkInsertEventsAsync</c> writes the new streams, and a COPY of documents writes their relationship history
    /// (the projection's own documents, <see cref="RelationshipHistoryProjection.DocumentsOf(IEvent)"/>). Bulk appends run no
    /// inline projection and commit on their own connection, so the history follows in a second transaction; a
    /// <see cref="PendingImport"/> spans both, so that the next ingest or read completes it if the process dies in between.
    /// A concurrent writer that stores one of the articles first makes the COPY fail whole: the batch then goes
    /// through <see cref="AppendAsync"/>, one article at a time.
    /// </summary>
    public static async Task<IReadOnlyList<IngestOutcome>> ImportAsync(IDocumentStore store, IReadOnlyList<PreparedArticle> batch, CancellationToken ct = default,
        ImportTiming? timing = null)
    {
        if (batch.Count == 0) return [];
        var (outcomes, fresh) = await SortOutAsync(store, batch, ct);
        if (fresh.Count == 0) return outcomes;
        var streams = fresh.Select(p => (p.Key, ArticleStream.Started(p.Article, p.Format, p.Extraction, Extractor.Version))).ToList();
        return await BulkAppendAsync(store, streams, ct, timing) ? outcomes : await OneByOneAsync(store, batch, ct);
    }

    /// <summary>
    /// New streams written with Marten's COPY-based bulk append, then their relationship history with a COPY of the
    /// projection's documents, a <see cref="PendingImport"/> spanning both. False when a concurrent writer stored one
    /// of the streams first: the COPY failed whole and nothing was written.
    /// </summary>
    public static async Task<bool> BulkAppendAsync(IDocumentStore store, IReadOnlyList<(string Key, IReadOnlyList<object> Events)> streams, CancellationToken ct = default,
        ImportTiming? timing = null)
    {
        if (streams.Count == 0) return true;
        var graph = ((DocumentStore)store).Events;
        var now = Clock(store).GetUtcNow();
        var actions = streams.Select(s =>
        {
            var action = StreamAction.Start(graph, s.Key, s.Events.ToArray());
            foreach (var e in action.Events) e.Timestamp = now;
            return action;
        }).ToList();

        var pending = new PendingImport { Id = Guid.NewGuid(), Keys = streams.Select(s => s.Key).ToArray(), StartedAt = now };
        // Taken before the record is visible and kept until it is deleted: while it is held, nobody else completes the import.
        await using var alive = await PendingImport.HoldAsync(store, pending.Id, ct);
        await using (var session = store.LightweightSession())
        {
            session.Store(pending);
            await session.SaveChangesAsync(ct);
        }
        ImportFaults.Reached(ImportFaults.Recorded);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await store.BulkInsertEventsAsync(actions, 5_000, ct);
        }
        catch (Exception e) when (IsUniqueViolation(e))
        {
            await ForgetAsync(store, pending.Id, ct);
            return false;
        }
        var eventSeconds = clock.Elapsed.TotalSeconds;
        ImportFaults.Reached(ImportFaults.EventsCopied);

        clock.Restart();
        var reports = actions.SelectMany(a => a.Events).SelectMany(RelationshipHistoryProjection.DocumentsOf).OfType<HistoryReport>().ToList();
        await RelationshipHistoryProjection.CopyAsync(store, reports, 5_000, ct);
        ImportFaults.Reached(ImportFaults.HistoryCopied);
        await ForgetAsync(store, pending.Id, ct);
        timing?.Add(actions.Sum(a => a.Events.Count), eventSeconds, reports.Count, clock.Elapsed.TotalSeconds);
        return true;
    }

    /// <summary>
    /// The transactional batch: all new streams in one session, the inline projection on the same commit. Used for a
    /// single article and when a bulk import collides with a concurrent writer.
    /// </summary>
    public static async Task<IReadOnlyList<IngestOutcome>> AppendAsync(IDocumentStore store, IReadOnlyList<PreparedArticle> batch, CancellationToken ct = default)
    {
        if (batch.Count == 0) return [];
        var (outcomes, fresh) = await SortOutAsync(store, batch, ct);
        if (fresh.Count == 0) return outcomes;
        await using var session = store.LightweightSession();
        foreach (var p in fresh)
            session.Events.StartStream(p.Key, ArticleStream.Started(p.Article, p.Format, p.Extraction, Extractor.Version).ToArray());
        try
        {
            await session.SaveChangesAsync(ct);
            return outcomes;
        }
        catch (Marten.Exceptions.ExistingStreamIdCollisionException) when (batch.Count == 1)
        {
            return [IngestOutcome.AlreadyStored(batch[0].Origin, batch[0].Key)];
        }
        catch (Marten.Exceptions.ExistingStreamIdCollisionException)
        {
            // A concurrent writer stored one of them first: the batch rolled back.
            return await OneByOneAsync(store, batch, ct);
        }
    }

    /// <summary>After a collision with a concurrent writer: every article on its own transaction, so each gets its own outcome.</summary>
    private static async Task<IReadOnlyList<IngestOutcome>> OneByOneAsync(IDocumentStore store, IReadOnlyList<PreparedArticle> batch, CancellationToken ct)
    {
        var single = new List<IngestOutcome>(batch.Count);
        foreach (var p in batch) single.AddRange(await AppendAsync(store, [p], ct));
        return single;
    }

    /// <summary>The outcome of every article (accepted unless stored already or a twin earlier in the batch), and the new ones.</summary>
    private static async Task<(List<IngestOutcome> Outcomes, List<PreparedArticle> Fresh)> SortOutAsync(IDocumentStore store, IReadOnlyList<PreparedArticle> batch, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var stored = await StoredArticles.KeysAsync(session, batch.Select(p => p.Key).Distinct().ToArray(), ct);
        var outcomes = new List<IngestOutcome>(batch.Count);
        var fresh = new List<PreparedArticle>(batch.Count);
        foreach (var p in batch)
        {
            if (!stored.Add(p.Key))
            {
                outcomes.Add(IngestOutcome.AlreadyStored(p.Origin, p.Key));
                continue;
            }
            fresh.Add(p);
            outcomes.Add(new IngestOutcome(p.Origin, IngestStatus.Accepted, p.Key, p.Extraction.Events.Count, null));
        }
        return (outcomes, fresh);
    }

    /// <summary>
    /// Completes the bulk imports whose process died (their record is there, its lock free: <see cref="PendingImport"/>):
    /// the history documents of their stored streams are written again (upserts: the same ids, the same content), then
    /// the record is deleted. Imports still running are left to finish. Whoever is about to count stored articles or
    /// read histories calls it first (<see cref="StoredArticles"/>, the history reads), so that a crash between the two
    /// COPYs is repaired before the next answer; with no record, it costs one query on an empty table.
    /// </summary>
    public static async Task<int> RecoverAsync(IDocumentStore store, CancellationToken ct = default)
    {
        IReadOnlyList<Guid> found;
        await using (var query = store.QuerySession())
            found = await query.Query<PendingImport>().Select(p => p.Id).ToListAsync(ct);
        var completed = 0;
        foreach (var id in found)
        {
            await using var owner = await PendingImport.TakeOverAsync(store, id, ct);
            if (owner is null) continue;
            await using var session = store.LightweightSession();
            // Read again under the lock: the import may have finished between the list and the lock.
            if (await session.LoadAsync<PendingImport>(id, ct) is not { } pending) continue;
            foreach (var key in pending.Keys)
                foreach (var e in await session.Events.FetchStreamAsync(key, token: ct))
                    foreach (var doc in RelationshipHistoryProjection.DocumentsOf(e).OfType<HistoryReport>()) session.Store(doc);
            session.Delete(pending);
            await session.SaveChangesAsync(ct);
            completed++;
        }
        return completed;
    }

    /// <summary>The event store's clock (<see cref="PostgresClock"/> over the host's): bulk appends are stamped as transactional ones are.</summary>
    internal static TimeProvider Clock(IDocumentStore store) => ((DocumentStore)store).Events.TimeProvider ?? throw new InvalidOperationException("the event store has no clock");

    private static async Task ForgetAsync(IDocumentStore store, Guid pending, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Delete<PendingImport>(pending);
        await session.SaveChangesAsync(ct);
    }

    /// <summary>A key already stored (a COPY that met a row another writer stored first): also the rebuild's test.</summary>
    internal static bool IsUniqueViolation(Exception e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } || (e.InnerException is { } inner && IsUniqueViolation(inner));
}
