using System.Diagnostics;
using JasperFx.Events;
using Marten;
using Monitoring.Store.Articles;
using Monitoring.Store.Review;
using Npgsql;

namespace Monitoring.Store.Relationships;

/// <summary>How a rebuild went: the events read, the history documents written, the time it took.</summary>
public sealed record RebuildReport(long Events, long Documents, double Seconds)
{
    public double EventsPerSecond => Events / Seconds;
}

/// <summary>How to rebuild.</summary>
/// <param name="Parallel">Ranges of the event sequence on several workers; false for Marten's daemon rebuild (one thread), kept as the baseline.</param>
/// <param name="Workers">Ranges read and written at once (default: one per core).</param>
/// <param name="RangeEvents">Sequence numbers per range (default: about four ranges per worker, so a slow range does not hold the end).</param>
/// <param name="PageEvents">Events read, and their documents copied, per round trip within a range.</param>
public sealed record RebuildSettings(bool Parallel = true, int? Workers = null, long? RangeEvents = null, int PageEvents = 5_000);

/// <summary>
/// Rebuilds the relationship histories from the stored events: what an operator runs after a change to the projection
/// (not to the extractor: that is a re-extraction). The events are the truth; the histories are derived and replaced whole.
/// The projection only inserts documents whose ids and content derive from their event
/// (<see cref="RelationshipHistoryProjection.DocumentsOf(IEvent)"/>), so the event sequence can be cut into ranges rebuilt side by
/// side in any order, and the result is the daemon's, document for document. Events appended meanwhile are projected
/// inline by their own commit, and change detection may complete a history first; a page that meets documents already
/// stored that way is copied again skipping them.
/// </summary>
public sealed class HistoryRebuild(IDocumentStore store)
{
    /// <summary>The event types the projection files: the others (the articles' text above all) are not read.</summary>
    private static readonly string[] Projected = [MartenTables.EventReportedType, MartenTables.ArticleReextractedType, MartenTables.CorrectionRecordedType];

    /// <param name="starting">Told the number of stored events before the rebuild starts (for progress).</param>
    public Task<RebuildReport> RunAsync(Action<long>? starting = null, CancellationToken ct = default) => RunAsync(new RebuildSettings(), starting, null, ct);

    /// <param name="starting">Told the number of stored events before the rebuild starts.</param>
    /// <param name="progress">
    /// Told, after each page, how far the parallel rebuild has got in the event sequence: the sequence numbers covered so far
    /// and the highest one (events of other types and gaps count as covered). The daemon rebuild tells nothing.
    /// </param>
    /// <exception cref="OperationCanceledException">Cancelled: the histories are partial until a rebuild runs to its end.</exception>
    public async Task<RebuildReport> RunAsync(RebuildSettings settings, Action<long>? starting, Action<long, long>? progress, CancellationToken ct)
    {
        var events = (await store.Advanced.FetchEventStoreStatistics(token: ct)).EventCount;
        starting?.Invoke(events);
        var clock = Stopwatch.StartNew();
        if (settings.Parallel) await RebuildInRangesAsync(settings, progress, ct);
        else
        {
            using var daemon = await store.BuildProjectionDaemonAsync();
            await daemon.RebuildProjectionAsync<RelationshipHistoryProjection>(TimeSpan.FromHours(2), ct);
        }
        // The rebuild's batches leave a change row per batch and history: folded now rather than by the first questions.
        await new HistoryChanges(store).CompactAllAsync(store, ct);
        var seconds = clock.Elapsed.TotalSeconds;
        await using var session = store.QuerySession();
        var documents = await session.Query<HistoryReport>().LongCountAsync(ct);
        return new RebuildReport(events, documents, seconds);
    }

    private async Task RebuildInRangesAsync(RebuildSettings settings, Action<long, long>? progress, CancellationToken ct)
    {
        // The counter's triggers would double the COPYs' time; it is seeded again from the rows at the end.
        var changes = new HistoryChanges(store);
        await using (var session = store.QuerySession()) await changes.RemoveTriggersAsync(session, ct);
        var deferred = await DeferPairIndexAsync(ct);
        try
        {
            await CopyRangesAsync(settings, progress, ct);
        }
        finally
        {
            // Also when stopped: the pair index is back and the counter matches the rows again, partial as they are.
            await RestoreAsync(deferred);
            await using var session = store.QuerySession();
            await changes.InstallAsync(session, CancellationToken.None);
        }
    }

    /// <summary>
    /// Drops the report table's secondary indexes (the pair index), kept as their definitions: PostgreSQL builds an index
    /// over millions of rows by one sort far faster than it maintains it row by row through the COPYs. The primary key
    /// stays (a page meeting documents already stored is told so by it). Questions asked meanwhile read the table whole:
    /// slow, not wrong. Were the process killed before <see cref="RestoreAsync"/>, Marten creates the index again on the
    /// store's next use of the table (its schema check compares indexes too).
    /// </summary>
    private async Task<List<(string Name, string Definition)>> DeferPairIndexAsync(CancellationToken ct)
    {
        var (schema, table) = MartenTables.DocumentTableParts<HistoryReport>(store);
        var deferred = new List<(string, string)>();
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using (var command = new NpgsqlCommand(
            "select i.indexname, i.indexdef from pg_indexes i join pg_index x on x.indexrelid = format('%I.%I', i.schemaname, i.indexname)::regclass " +
            "where i.schemaname = @schema and i.tablename = @table and not x.indisprimary and not x.indisunique", connection))
        {
            command.Parameters.AddWithValue("schema", schema);
            command.Parameters.AddWithValue("table", table);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) deferred.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in deferred)
        {
            await using var drop = new NpgsqlCommand($"drop index if exists {schema}.\"{name}\"", connection);
            await drop.ExecuteNonQueryAsync(ct);
        }
        return deferred;
    }

    private async Task RestoreAsync(List<(string Name, string Definition)> deferred)
    {
        if (deferred.Count == 0) return;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(CancellationToken.None);
        foreach (var (_, definition) in deferred)
        {
            // CREATE INDEX IF NOT EXISTS: Marten may have made it again meanwhile (another node's schema check).
            await using var create = new NpgsqlCommand(definition.Replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", StringComparison.Ordinal), connection)
                { CommandTimeout = 0 };
            await create.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task CopyRangesAsync(RebuildSettings settings, Action<long, long>? progress, CancellationToken ct)
    {
        // As the projection's teardown does before a daemon rebuild: no document of a report that no longer exists survives.
        foreach (var type in new[] { typeof(HistoryReport), typeof(HistorySupersession), typeof(HistoryCorrection) })
            await store.Advanced.Clean.DeleteDocumentsByTypeAsync(type, ct);
        // Read after emptying the tables: any event committed above it has had its documents written by its own commit.
        var highest = await HighestSequenceAsync(ct);
        var workers = Math.Max(1, settings.Workers ?? Environment.ProcessorCount);
        var rangeEvents = Math.Max(1, settings.RangeEvents ?? Math.Max(settings.PageEvents, (highest + workers * 4 - 1) / (workers * 4)));
        var ranges = new List<(long From, long To)>();
        for (var from = 0L; from < highest; from += rangeEvents) ranges.Add((from, Math.Min(highest, from + rangeEvents)));
        var covered = 0L;
        await Parallel.ForEachAsync(ranges, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct }, async (range, token) =>
        {
            var after = range.From;
            while (after < range.To)
            {
                var read = await PageAsync(after, range.To, settings.PageEvents, token);
                var next = read.Count < settings.PageEvents ? range.To : read[^1].Sequence;
                await RelationshipHistoryProjection.CopyAsync(store, read.SelectMany(e => RelationshipHistoryProjection.DocumentsOf(e.Data, e.Sequence, e.At)).ToList(),
                    settings.PageEvents, token);
                progress?.Invoke(Interlocked.Add(ref covered, next - after), highest);
                after = next;
            }
        });
    }

    /// <summary>
    /// The projected events after one sequence number, up to another, in sequence order: their rows read and their data
    /// deserialized by Marten's serializer, without the rest of an <see cref="IEvent"/> (one comparison on 1M events, the
    /// machine shared: 79 s against 94 s through <c>QueryAllRawEvents</c>).
    /// </summary>
    private async Task<List<(object Data, long Sequence, DateTimeOffset At)>> PageAsync(long after, long upTo, int page, CancellationToken ct)
    {
        var serializer = store.Options.Serializer();
        var read = new List<(object, long, DateTimeOffset)>(page);
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"select seq_id, type, timestamp, data from {MartenTables.EventTable(store)} where seq_id > @after and seq_id <= @upTo and type = any(@types) order by seq_id limit @page",
            connection);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("upTo", upTo);
        command.Parameters.AddWithValue("types", Projected);
        command.Parameters.AddWithValue("page", page);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            object data = reader.GetString(1) switch
            {
                MartenTables.EventReportedType => serializer.FromJson<EventReported>(reader, 3),
                MartenTables.ArticleReextractedType => serializer.FromJson<ArticleReextracted>(reader, 3),
                _ => serializer.FromJson<CorrectionRecorded>(reader, 3),
            };
            read.Add((data, reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(2)));
        }
        return read;
    }

    private async Task<long> HighestSequenceAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return (await session.QueryAsync<long>($"select coalesce(max(seq_id), 0) from {MartenTables.EventTable(store)}", ct)).Single();
    }
}
