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
/// relationship reads a few numbers from PostgreSQL instead of every report. Every question checks its pair's rows
/// first, in one statement: their count, the sum of their ids' hashes and their latest modification. When those differ
/// from what is held, the rows modified since are read with the same figures (one statement, one snapshot) and added;
/// when they still do not add up (a row rewritten by a projection rebuild, removed by a reset, or committed late
/// with an older time), the whole history is read again. So each answer reflects what is committed when it is asked,
/// on any number of nodes. Memory is bounded: the least recently asked pairs are dropped beyond
/// <see cref="HistoryCacheOptions.MaxReports"/> reports. One per host (a singleton), holding per document store.
/// Analysts' corrections are read with the stamps too, and like supersessions they are rare and change what counts
/// everywhere, so a change to them reloads the pair: the index is built over the corrected history (as of now), and the
/// stored reports are kept beside it for a question asked before the newest correction (<see cref="CachedHistory"/>).
/// </summary>
public sealed class HistoryCache(HistoryCacheOptions options)
{
    private readonly ConditionalWeakTable<IDocumentStore, Pairs> _byStore = new();

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
        if (held.Current is { } current && current.Fresh(now))
            return pairs.Touch(held, current);

        await held.Refreshing.WaitAsync(ct);
        try
        {
            // Another question may have brought it up to date meanwhile.
            if (held.Current is { } latest && latest.Fresh(now))
                return pairs.Touch(held, latest);
            var refreshed = held.Current is { } stale ? await AddNewAsync(connection, session, pairs, pair, stale, ct) : null;
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

    /// <summary>The rows modified since the held stamp, added when they account for every change; null when they do not.</summary>
    private static async Task<Held?> AddNewAsync(NpgsqlConnection connection, IQuerySession session, Pairs pairs, ActorPair pair, Held stale, CancellationToken ct)
    {
        // Supersessions are rare (a re-extraction) and change what counts everywhere: then everything is read again.
        if (stale.Stamp.LastModified is not { } since) return null;
        var read = await ReadAsync(connection, session, pairs, pair, Rows.Since, since, ct);
        if (read.Supersessions != stale.SupersessionStamp || read.Corrections != stale.CorrectionStamp) return null;
        var fresh = read.Rows.Where(r => !stale.RowIds.Contains(r.Id)).ToList();
        // A row already held came back: it was rewritten (a projection rebuild).
        if (fresh.Count != read.Rows.Count) return null;
        var stamp = fresh.Aggregate(stale.Stamp, (s, r) => s.With(r));
        // A row removed (a reset), or committed late with an earlier modification time: the figures do not add up.
        if (stamp != read.Reports) return null;
        var added = Distinct(fresh, stale.EventIds).OrderBy(r => r.Sequence).ToList();
        var history = stale.History;
        history.Index.Add(Corrections.Kept(added, history.Corrections, null), []);
        foreach (var r in fresh) stale.RowIds.Add(r.Id);
        // A new list, not an addition: a question being answered from the stored reports may be reading the old one.
        return stale with { Stamp = stamp, History = history with { Reports = [.. history.Reports, .. added] } };
    }

    private static async Task<Held> LoadAsync(NpgsqlConnection connection, IQuerySession session, Pairs pairs, ActorPair pair, CancellationToken ct)
    {
        var read = await ReadAsync(connection, session, pairs, pair, Rows.All, null, ct);
        var eventIds = new HashSet<Guid>();
        var reports = Distinct(read.Rows, eventIds).OrderBy(r => r.Sequence).ToList();
        var supersessions = read.SupersessionRows.Select(r => (ExtractionSuperseded)r.Document)
            .DistinctBy(s => (s.ArticleId, s.SupersededVersion)).OrderBy(s => s.Sequence).ToList();
        var corrections = read.CorrectionRows.Select(r => (Correction)r.Document).DistinctBy(c => c.Id).OrderBy(c => c.Sequence).ToList();
        var stamp = read.Rows.Aggregate(Stamp.Empty, (s, r) => s.With(r));
        var index = HistoryIndex.Of(pair, Corrections.Apply(reports, corrections, null).OrderBy(r => r.Sequence), supersessions);
        return new Held(new CachedHistory(index, reports, supersessions, corrections), read.Rows.Select(r => r.Id).ToHashSet(), eventIds, stamp,
            read.Supersessions, read.Corrections);
    }

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
    /// The stamps of the pair's report and supersession rows and, unless <paramref name="since"/> is null, the report rows
    /// modified after it and every supersession row: one statement, so stamps and rows come from one snapshot.
    /// </summary>
    private static async Task<Read> ReadAsync(NpgsqlConnection connection, IQuerySession session, Pairs pairs, ActorPair pair, Rows rows,
        DateTimeOffset? since, CancellationToken ct)
    {
        var (reports, supersessions, corrections, modified) = (pairs.ReportTable, pairs.SupersessionTable, pairs.CorrectionTable, MartenTables.LastModified);
        var sql = $"""
            select 0, null::varchar, count(*), coalesce(sum(hashtext(id)), 0)::bigint, max({modified}), null::jsonb from {reports} where history_id = any(@ids)
            union all
            select 1, null::varchar, count(*), coalesce(sum(hashtext(id)), 0)::bigint, max({modified}), null::jsonb from {supersessions} where history_id = any(@ids)
            union all
            select 5, null::varchar, count(*), coalesce(sum(hashtext(id)), 0)::bigint, max({modified}), null::jsonb from {corrections} where history_id = any(@ids)
            union all
            select 4, null::varchar, count(*), 0::bigint, null::timestamptz, null::jsonb from {pairs.PendingImportTable}
            """;
        if (rows != Rows.None)
            sql += $"""

                union all
                select 2, id, 1, hashtext(id)::bigint, {modified}, data from {reports} where history_id = any(@ids){(rows == Rows.Since ? $" and {modified} > @since" : "")}
                union all
                select 3, id, 1, hashtext(id)::bigint, {modified}, data from {supersessions} where history_id = any(@ids)
                union all
                select 6, id, 1, hashtext(id)::bigint, {modified}, data from {corrections} where history_id = any(@ids)
                """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = new[] { pair.Id, pair.A, pair.B } });
        if (rows == Rows.Since) command.Parameters.Add(new NpgsqlParameter("since", NpgsqlDbType.TimestampTz) { Value = since!.Value.UtcDateTime });
        var serializer = session.DocumentStore.Options.Serializer();
        var read = new Read();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var kind = reader.GetInt32(0);
            var lastModified = reader.IsDBNull(4) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(4);
            var stamp = new Stamp(reader.GetInt64(2), reader.GetInt64(3), lastModified);
            switch (kind)
            {
                case 0: read.Reports = stamp; break;
                case 1: read.Supersessions = stamp; break;
                case 4: read.PendingImports = stamp.Count; break;
                case 5: read.Corrections = stamp; break;
                case 6: read.CorrectionRows.Add(new Row(reader.GetString(1), stamp, serializer.FromJson<HistoryCorrection>(reader, 5).Correction)); break;
                case 2: read.Rows.Add(new Row(reader.GetString(1), stamp, serializer.FromJson<HistoryReport>(reader, 5).Report)); break;
                default: read.SupersessionRows.Add(new Row(reader.GetString(1), stamp, serializer.FromJson<HistorySupersession>(reader, 5).Supersession)); break;
            }
        }
        return read;
    }

    /// <summary>Which rows to read with the stamps: none, the report rows modified since a time (and every supersession row), or all.</summary>
    private enum Rows { None, Since, All }

    /// <summary>What identifies a set of rows cheaply: how many, the sum of their ids' hashes, the latest modification.</summary>
    private readonly record struct Stamp(long Count, long IdHashes, DateTimeOffset? LastModified)
    {
        public static readonly Stamp Empty = new(0, 0, null);

        public Stamp With(Row row) => new(Count + 1, IdHashes + row.Stamp.IdHashes,
            LastModified is { } m && m >= row.Stamp.LastModified ? m : row.Stamp.LastModified);
    }

    private sealed record Row(string Id, Stamp Stamp, object Document);

    private sealed class Read
    {
        public Stamp Reports;
        public Stamp Supersessions;
        public Stamp Corrections;
        public long PendingImports;
        public readonly List<Row> Rows = [];
        public readonly List<Row> SupersessionRows = [];
        public readonly List<Row> CorrectionRows = [];
    }

    /// <summary>One pair's history as held: its index, the rows it came from and their stamps.</summary>
    private sealed record Held(CachedHistory History, HashSet<string> RowIds, HashSet<Guid> EventIds, Stamp Stamp, Stamp SupersessionStamp, Stamp CorrectionStamp)
    {
        public bool Fresh(Read now) => Stamp == now.Reports && SupersessionStamp == now.Supersessions && CorrectionStamp == now.Corrections;
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
