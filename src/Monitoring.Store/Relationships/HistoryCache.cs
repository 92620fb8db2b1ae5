using System.Runtime.CompilerServices;
using Marten;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.Domain.Review;
using Monitoring.Store.Articles.Ingesting;
using Npgsql;
using NpgsqlTypes;

namespace Monitoring.Store.Relationships;

/// <summary>
/// The pairs' histories this process has loaded, each with its <see cref="HistoryIndex"/>, so that a question on a long
/// relationship reads a few numbers from PostgreSQL instead of every report. Every question checks its pair first, in
/// one statement on the per-history change counter (<see cref="HistoryChanges"/>): how many rows, the sum of their ids'
/// hashes, how many rewritten or removed — a few index entries, whatever the length of the history. When those differ
/// from what is held, the rows modified since the latest held are read with the same counts (one statement, one
/// snapshot) and added; when they do not add up (a row rewritten by a projection rebuild, removed by a reset, or
/// committed late with an older time), the whole history is read again, and checked against the counter. So each
/// answer reflects what is committed when it is asked,
/// on any number of nodes. Memory is bounded: the least recently asked pairs are dropped beyond
/// <see cref="HistoryCacheOptions.MaxReports"/> reports. One per host (a singleton), holding per document store.
/// Analysts' corrections are read with the stamps too, and like supersessions they are rare and change what counts
/// everywhere, so a change to them reloads the pair: the index is built over the corrected history (as of now), and the
/// stored reports are kept beside it for a question asked before the newest correction (<see cref="CachedHistory"/>).
/// </summary>
public sealed class HistoryCache(HistoryCacheOptions options)
{
    private readonly ConditionalWeakTable<IDocumentStore, Pairs> _byStore = new();
    private long _loads, _topUps, _repairs;

    /// <summary>What the cache has done since the process started: whole histories read, histories topped up, counters repaired.</summary>
    public HistoryCacheCounts Counts => new(Interlocked.Read(ref _loads), Interlocked.Read(ref _topUps), Interlocked.Read(ref _repairs));

    /// <summary>The index of the pair's corrected history as committed now (its reports and both countries' context).</summary>
    public async Task<HistoryIndex> IndexAsync(IQuerySession session, ActorPair pair, CancellationToken ct = default) =>
        (await HistoryAsync(session, pair, ct)).Index;

    /// <summary>The pair's history as committed now: the index of its corrected history, and what it was made from.</summary>
    public async Task<CachedHistory> HistoryAsync(IQuerySession session, ActorPair pair, CancellationToken ct = default)
    {
        var pairs = _byStore.GetValue(session.DocumentStore, store => new Pairs(store, options.MaxReports));
        var held = pairs.Get(session.Database.Id.Identity, pair);
        await using var connection = await OpenAsync(session, ct);
        var now = await ReadAsync(connection, session, pairs, pair, Rows.None, null, ct);
        // A bulk import's record read with the stamps: one whose process died is completed before this answer.
        if (now.PendingImports > 0 && await IngestBatch.RecoverAsync(session.DocumentStore, ct) > 0)
            now = await ReadAsync(connection, session, pairs, pair, Rows.None, null, ct);
        if (held.Current is { } current && current.Fresh(now, pairs.Changes.TriggerCount))
            return pairs.Touch(held, current);

        await held.Refreshing.WaitAsync(ct);
        try
        {
            // Another question may have brought it up to date meanwhile.
            if (held.Current is { } latest && latest.Fresh(now, pairs.Changes.TriggerCount))
                return pairs.Touch(held, latest);
            var refreshed = held.Current is { } stale ? await AddNewAsync(connection, session, pairs, pair, stale, ct) : null;
            if (refreshed is not null) Interlocked.Increment(ref _topUps);
            refreshed ??= await LoadAsync(connection, session, pairs, pair, ct);
            held.Current = refreshed;
            return pairs.Touch(held, refreshed);
        }
        finally
        {
            held.Refreshing.Release();
        }
    }

    /// <summary>Drops every history held (tests that reset the store need not: a reset changes every stamp).</summary>
    public void Clear(IDocumentStore store) => _byStore.Remove(store);

    /// <summary>The rows modified since the held ones, added when they account for every change counted; null when they do not.</summary>
    private async Task<Held?> AddNewAsync(NpgsqlConnection connection, IQuerySession session, Pairs pairs, ActorPair pair, Held stale, CancellationToken ct)
    {
        // Supersessions and corrections are rare (a re-extraction, an analyst) and change what counts everywhere; a
        // rewritten or removed row (a rebuild, a reset) changes what was held: then everything is read again.
        if (stale.LastModified is not { } since) return null;
        var read = await ReadAsync(connection, session, pairs, pair, Rows.Since, since, ct);
        if (read.Supersessions != stale.Supersessions || read.Corrections != stale.Corrections || read.Reports.Rewrites != stale.Reports.Rewrites
            || read.Triggers != pairs.Changes.TriggerCount) return null;
        var fresh = read.Rows.Where(r => !stale.RowIds.Contains(r.Id)).ToList();
        // A row already held came back: it was rewritten.
        if (fresh.Count != read.Rows.Count) return null;
        var stamp = fresh.Aggregate(stale.Reports, (s, r) => s.With(r));
        // Committed late with an earlier modification time: the rows read do not add up to the count.
        if (stamp != read.Reports) return null;
        var added = Distinct(fresh, stale.EventIds).OrderBy(r => r.Sequence).ToList();
        var history = stale.History;
        history.Index.Add(Corrections.Kept(added, history.Corrections, null), []);
        foreach (var r in fresh) stale.RowIds.Add(r.Id);
        // A new list, not an addition: a question being answered from the stored reports may be reading the old one.
        return stale with { Reports = stamp, LastModified = Latest(fresh.Select(r => r.Modified).Append(since)), History = history with { Reports = [.. history.Reports, .. added] } };
    }

    private async Task<Held> LoadAsync(NpgsqlConnection connection, IQuerySession session, Pairs pairs, ActorPair pair, CancellationToken ct)
    {
        Interlocked.Increment(ref _loads);
        var read = await ReadAsync(connection, session, pairs, pair, Rows.All, null, ct);
        if (!read.Counted)
        {
            Interlocked.Increment(ref _repairs);
            // The counter is missing, or no longer matches the rows (a table recreated, triggers dropped): set it up again.
            await pairs.Changes.InstallAsync(session, ct);
            read = await ReadAsync(connection, session, pairs, pair, Rows.All, null, ct);
        }
        var eventIds = new HashSet<Guid>();
        var reports = Distinct(read.Rows, eventIds).OrderBy(r => r.Sequence).ToList();
        var supersessions = read.SupersessionRows.Select(r => (ExtractionSuperseded)r.Document)
            .DistinctBy(s => (s.ArticleId, s.SupersededVersion)).OrderBy(s => s.Sequence).ToList();
        var corrections = read.CorrectionRows.Select(r => (Correction)r.Document).DistinctBy(c => c.Id).OrderBy(c => c.Sequence).ToList();
        var index = HistoryIndex.Of(pair, Corrections.Apply(reports, corrections, null).OrderBy(r => r.Sequence), supersessions);
        // Still not counted right after a repair: never trusted as fresh, so every question reads the pair again (slow, not wrong).
        return new Held(new CachedHistory(index, reports, supersessions, corrections), read.Rows.Select(r => r.Id).ToHashSet(), eventIds,
            read.Reports, read.Supersessions, read.Corrections, Latest(read.Rows.Select(r => r.Modified)), Trusted: read.Counted);
    }

    private static DateTimeOffset? Latest(IEnumerable<DateTimeOffset?> times) => times.Where(t => t is not null).Max();

    /// <summary>One report per event id, as <see cref="RelationshipQueries.LoadAsync"/> reads them (a report may be filed under several histories).</summary>
    private static IEnumerable<RecordedEvent> Distinct(IEnumerable<Row> rows, HashSet<Guid> seen) =>
        rows.Select(r => (RecordedEvent)r.Document).Where(r => seen.Add(r.EventId)).ToList();

    private static async Task<NpgsqlConnection> OpenAsync(IQuerySession session, CancellationToken ct)
    {
        var connection = session.Database.CreateConnection();
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>
    /// The pair's change counts and, unless <paramref name="rows"/> is None, its report rows (all, or those modified after
    /// <paramref name="since"/>) and every supersession and correction row: one statement, so counts and rows come from
    /// one snapshot. Installs the counter when it is missing.
    /// </summary>
    private async Task<Read> ReadAsync(NpgsqlConnection connection, IQuerySession session, Pairs pairs, ActorPair pair, Rows rows,
        DateTimeOffset? since, CancellationToken ct)
    {
        try
        {
            return await TryReadAsync(connection, session, pairs, pair, rows, since, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            Interlocked.Increment(ref _repairs);
            await pairs.Changes.InstallAsync(session, ct);
            return await TryReadAsync(connection, session, pairs, pair, rows, since, ct);
        }
    }

    private static async Task<Read> TryReadAsync(NpgsqlConnection connection, IQuerySession session, Pairs pairs, ActorPair pair, Rows rows,
        DateTimeOffset? since, CancellationToken ct)
    {
        var (reports, supersessions, corrections, modified) = (pairs.ReportTable, pairs.SupersessionTable, pairs.CorrectionTable, MartenTables.LastModified);
        var sql = $"""
            select 10 + kind, null::varchar, sums.rows, sums.id_hashes, sums.rewrites, sums.change_rows, null::timestamptz, null::jsonb from ({pairs.Changes.SumsOf("@ids")}) sums
            union all
            select 4, null, count(*), 0, 0, 0, null, null from {pairs.PendingImportTable}
            union all
            select 7, null, ({pairs.Changes.TriggersInPlace}), 0, 0, 0, null, null
            """;
        if (rows != Rows.None)
            sql += $"""

                union all
                select 2, id, 1, hashtext(id)::bigint, 0, 0, {modified}, data from {reports} where history_id = any(@ids){(rows == Rows.Since ? $" and {modified} > @since" : "")}
                union all
                select 3, id, 1, hashtext(id)::bigint, 0, 0, {modified}, data from {supersessions} where history_id = any(@ids)
                union all
                select 6, id, 1, hashtext(id)::bigint, 0, 0, {modified}, data from {corrections} where history_id = any(@ids)
                """;
        await using var command = new NpgsqlCommand(sql, connection);
        var ids = new[] { pair.Id, pair.A, pair.B };
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = ids });
        if (rows == Rows.Since) command.Parameters.Add(new NpgsqlParameter("since", NpgsqlDbType.TimestampTz) { Value = since!.Value.UtcDateTime });
        var serializer = session.DocumentStore.Options.Serializer();
        var read = new Read();
        var changeRows = 0L;
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                var kind = reader.GetInt32(0);
                var stamp = new Stamp(reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
                var lastModified = reader.IsDBNull(6) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(6);
                switch (kind)
                {
                    case 10 + (int)HistoryChanges.Kind.Reports: read.Reports = stamp; changeRows += reader.GetInt64(5); break;
                    case 10 + (int)HistoryChanges.Kind.Supersessions: read.Supersessions = stamp; changeRows += reader.GetInt64(5); break;
                    case 10 + (int)HistoryChanges.Kind.Corrections: read.Corrections = stamp; changeRows += reader.GetInt64(5); break;
                    case 4: read.PendingImports = stamp.Rows; break;
                    case 7: read.Triggers = stamp.Rows; break;
                    case 2: read.Rows.Add(new Row(reader.GetString(1), stamp, lastModified, serializer.FromJson<HistoryReport>(reader, 7).Report)); break;
                    case 3: read.SupersessionRows.Add(new Row(reader.GetString(1), stamp, lastModified, serializer.FromJson<HistorySupersession>(reader, 7).Supersession)); break;
                    default: read.CorrectionRows.Add(new Row(reader.GetString(1), stamp, lastModified, serializer.FromJson<HistoryCorrection>(reader, 7).Correction)); break;
                }
            }
        if (rows == Rows.All)
            read.Counted = read.Triggers == pairs.Changes.TriggerCount
                && Matches(read.Rows, read.Reports) && Matches(read.SupersessionRows, read.Supersessions) && Matches(read.CorrectionRows, read.Corrections);
        if (changeRows > HistoryChanges.CompactAbove)
        {
            try
            {
                await pairs.Changes.CompactAsync(connection, ids, ct);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                // Best effort: the next question compacts.
            }
        }
        return read;
    }

    /// <summary>Whether the rows read are those the counter counts (how many, which ids).</summary>
    private static bool Matches(List<Row> rows, Stamp counted) => rows.Count == counted.Rows && rows.Sum(r => r.Stamp.IdHashes) == counted.IdHashes;

    /// <summary>Which rows to read with the counts: none, the report rows modified since a time (and every supersession and correction row), or all.</summary>
    private enum Rows { None, Since, All }

    /// <summary>
    /// What the counter says of a set of rows: how many, the sum of their ids' hashes, how many were ever rewritten or
    /// removed (a rebuild, a reset, an operator's SQL). The same figures, summed over rows read, check what was read.
    /// </summary>
    private readonly record struct Stamp(long Rows, long IdHashes, long Rewrites)
    {
        public Stamp With(Row row) => this with { Rows = Rows + 1, IdHashes = IdHashes + row.Stamp.IdHashes };
    }

    private sealed record Row(string Id, Stamp Stamp, DateTimeOffset? Modified, object Document);

    private sealed class Read
    {
        public Stamp Reports;
        public Stamp Supersessions;
        public Stamp Corrections;
        public long PendingImports;
        public long Triggers;
        /// <summary>For a read of all rows: whether they are exactly those the counter counts.</summary>
        public bool Counted;
        public readonly List<Row> Rows = [];
        public readonly List<Row> SupersessionRows = [];
        public readonly List<Row> CorrectionRows = [];
    }

    /// <summary>One pair's history as held: its index, the rows it came from, their counts and the latest modification.</summary>
    private sealed record Held(CachedHistory History, HashSet<string> RowIds, HashSet<Guid> EventIds, Stamp Reports, Stamp Supersessions, Stamp Corrections,
        DateTimeOffset? LastModified, bool Trusted)
    {
        /// <param name="triggers">How many of the counter's triggers make its counts trustworthy.</param>
        public bool Fresh(Read now, int triggers) =>
            Trusted && now.Triggers == triggers && Reports == now.Reports && Supersessions == now.Supersessions && Corrections == now.Corrections;
    }

    private sealed class Slot
    {
        public volatile Held? Current;
        public readonly SemaphoreSlim Refreshing = new(1, 1);
        public long LastAsked;
    }

    /// <summary>The histories held for one document store, per database and pair.</summary>
    private sealed class Pairs(IDocumentStore store, int maxReports)
    {
        public readonly string ReportTable = MartenTables.DocumentTable<HistoryReport>(store);
        public readonly string SupersessionTable = MartenTables.DocumentTable<HistorySupersession>(store);
        public readonly string PendingImportTable = MartenTables.DocumentTable<PendingImport>(store);
        public readonly string CorrectionTable = MartenTables.DocumentTable<HistoryCorrection>(store);
        public readonly HistoryChanges Changes = new(store);
        private readonly Dictionary<(string Database, string Pair), Slot> _slots = [];
        private long _clock;

        public Slot Get(string database, ActorPair pair)
        {
            lock (_slots)
            {
                if (!_slots.TryGetValue((database, pair.Id), out var slot)) _slots[(database, pair.Id)] = slot = new Slot();
                return slot;
            }
        }

        /// <summary>Marks the pair as just asked, and drops the least recently asked others while too many reports are held.</summary>
        public CachedHistory Touch(Slot slot, Held held)
        {
            lock (_slots)
            {
                slot.LastAsked = ++_clock;
                var total = _slots.Values.Sum(s => (long)(s.Current?.RowIds.Count ?? 0));
                foreach (var (key, other) in _slots.OrderBy(kv => kv.Value.LastAsked).ToList())
                {
                    if (total <= maxReports) break;
                    if (other == slot) continue;
                    total -= other.Current?.RowIds.Count ?? 0;
                    _slots.Remove(key);
                }
            }
            return held.History;
        }
    }
}

/// <summary>Whole histories read, histories topped up with their new rows, change counters repaired (re-seeded from the rows).</summary>
public sealed record HistoryCacheCounts(long Loads, long TopUps, long Repairs);

/// <summary>
/// One pair's history as the cache holds it: the index over the history as corrected now, and the stored reports,
/// supersessions and corrections it was made from. A question at a recorded instant before the newest correction sees
/// other corrections in force than the index was built with: it is answered by the from-scratch fold over the history
/// as corrected then (rare: an audit of the past), every other question by the index.
/// </summary>
public sealed record CachedHistory(HistoryIndex Index, IReadOnlyList<RecordedEvent> Reports, IReadOnlyList<ExtractionSuperseded> Supersessions,
    IReadOnlyList<Correction> Corrections)
{
    public RelationshipState StateOf(Clocks clocks) =>
        Monitoring.Domain.Review.Corrections.ChangedSince(Corrections, clocks.RecordedAt)
            ? Relationship.StateOf(Index.Pair, Monitoring.Domain.Review.Corrections.Apply(Reports, Corrections, clocks.RecordedAt), Supersessions, clocks)
            : Index.StateOf(clocks);

    public IReadOnlyList<TimelineEntry> Timeline(Clocks clocks) =>
        Monitoring.Domain.Review.Corrections.ChangedSince(Corrections, clocks.RecordedAt)
            ? Relationship.Timeline(Index.Pair, Monitoring.Domain.Review.Corrections.Apply(Reports, Corrections, clocks.RecordedAt), Supersessions, clocks)
            : Index.Timeline(clocks);
}
