using Marten;
using Npgsql;

namespace Monitoring.Store.Relationships;

/// <summary>
/// A change counter per history, written in the same transaction as its documents, so that the history cache checks a
/// pair in a few index entries however long its history (<see cref="HistoryCache"/>). PostgreSQL keeps it, not Monitor:
/// statement triggers on the three history tables add, per transaction and history, how many rows came and went, the sum
/// of their ids' hashes, and how many were rewritten or removed. Triggers, because every writer goes through them — the
/// inline projection, the bulk import's COPY, a projection rebuild, a reset, an operator's SQL — and one row per
/// transaction, because concurrent writers then never wait on each other. A reader's snapshot sees the counts of exactly
/// the transactions whose rows it sees. The counter is installed on first use and re-seeded from the rows whenever it no
/// longer matches them (a table recreated by a schema change loses its triggers), under a lock that holds writers back
/// for the seeding only. Marten owns the tables; this class owns the counter: the one place its SQL lives.
/// </summary>
public sealed class HistoryChanges
{
    /// <summary>What the counter counts, per history: the three document types filed under a history id.</summary>
    public enum Kind : short { Reports = 0, Supersessions = 1, Corrections = 2 }

    /// <summary>The three triggers' operations (plus TRUNCATE, which has no transition table).</summary>
    private static readonly string[] Operations = ["insert", "update", "delete", "truncate"];

    /// <summary>Change rows a pair may gather before a question folds them into one per history and kind.</summary>
    public const int CompactAbove = 64;

    private readonly string _schema;

    public HistoryChanges(IDocumentStore store)
    {
        _schema = store.Options.DatabaseSchemaName;
        Tables =
        [
            (Kind.Reports, MartenTables.DocumentTable<HistoryReport>(store)),
            (Kind.Supersessions, MartenTables.DocumentTable<HistorySupersession>(store)),
            (Kind.Corrections, MartenTables.DocumentTable<HistoryCorrection>(store)),
        ];
    }

    /// <summary>The counter's table: (history_id, kind, tx) with the rows, id hashes and rewrites of that transaction.</summary>
    public string Table => $"{_schema}.monitor_history_changes";

    public readonly (Kind Kind, string Table)[] Tables;

    /// <summary>How many of the counter's triggers are installed and enabled when all is well.</summary>
    public int TriggerCount => Tables.Length * Operations.Length;

    /// <summary>
    /// A statement giving the counter's triggers that are in place and enabled on the three tables: fewer than
    /// <see cref="TriggerCount"/> means a table was recreated (or triggers disabled) and the counter must be re-seeded.
    /// </summary>
    public string TriggersInPlace =>
        $"select count(*) from pg_catalog.pg_trigger where tgrelid in ({string.Join(", ", Tables.Select(t => $"'{t.Table}'::regclass"))}) " +
        $"and tgname like 'monitor_history_%' and tgenabled <> 'D'";

    /// <summary>Per kind, for the histories @ids: total rows, id hashes, rewrites, and how many change rows hold them.</summary>
    public string SumsOf(string ids) =>
        $"select kind, sum(rows)::bigint as rows, sum(id_hashes)::bigint as id_hashes, sum(rewrites)::bigint as rewrites, count(*) as change_rows from {Table} where history_id = any({ids}) group by kind";

    /// <summary>
    /// Installs (or repairs) the counter: the table, the trigger functions and the triggers, then seeds it from the rows
    /// stored now. Writers to the three tables wait for the seeding; readers do not. Any cache holding a history sees
    /// a new rewrite count after a seeding, so it reads the history again.
    /// </summary>
    public async Task InstallAsync(IQuerySession session, CancellationToken ct)
    {
        await EnsureTablesAsync(session, ct);
        await using var connection = session.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var command = new NpgsqlCommand(InstallSql(), connection, tx)) await command.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Removes the counter's triggers, for a rebuild that rewrites every row and seeds the counter again at its end
    /// (<see cref="InstallAsync"/>): measured on 1M events, the triggers' transition tables doubled the time of the
    /// rebuild's COPYs. Until the seeding the counter does not match the rows, so a question in between finds the
    /// triggers missing and installs the counter itself (correct, and the rest of the rebuild is counted).
    /// </summary>
    public async Task RemoveTriggersAsync(IQuerySession session, CancellationToken ct)
    {
        await EnsureTablesAsync(session, ct);
        var sql = string.Join("\n", Tables.SelectMany(t => Operations.Select(op => $"drop trigger if exists {TriggerName(op)} on {t.Table};")));
        await using var connection = session.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The document tables first: Marten creates them on first write, and a question may come before any.</summary>
    private static async Task EnsureTablesAsync(IQuerySession session, CancellationToken ct)
    {
        await session.Database.EnsureStorageExistsAsync(typeof(HistoryReport), ct);
        await session.Database.EnsureStorageExistsAsync(typeof(HistorySupersession), ct);
        await session.Database.EnsureStorageExistsAsync(typeof(HistoryCorrection), ct);
    }

    /// <summary>The trigger of one operation (and its function): the same name on each of the three tables.</summary>
    private static string TriggerName(string operation) => $"monitor_history_{operation}d";

    /// <summary>How a change row joins the one of its history, kind and transaction: the figures add up.</summary>
    private string AddedUp =>
        $"on conflict (history_id, kind, tx) do update set rows = {Table}.rows + excluded.rows, id_hashes = {Table}.id_hashes + excluded.id_hashes, rewrites = {Table}.rewrites + excluded.rewrites";

    /// <summary>Held by a compaction, so that two never fold the same rows at once.</summary>
    private string CompactionLock => $"hashtext('{Table}/compact')";

    /// <summary>Folds the change rows matching <paramref name="where"/> into one per history and kind (transaction 0).</summary>
    private string FoldSql(string where) => $"""
        with gone as (delete from {Table} where {where} and tx <> 0 returning history_id, kind, rows, id_hashes, rewrites)
        insert into {Table} select history_id, kind, 0, sum(rows), sum(id_hashes), sum(rewrites) from gone group by history_id, kind
        {AddedUp}
        """;

    private string InstallSql()
    {
        var t = Table;
        var add = AddedUp;
        var functions = new Dictionary<string, string>
        {
            ["insert"] = $"insert into {t} select history_id, TG_ARGV[0]::smallint, txid_current(), count(*), sum(hashtext(id)), 0 from new_rows group by history_id {add};",
            ["update"] = $"""
                insert into {t} select history_id, TG_ARGV[0]::smallint, txid_current(), sum(n), sum(h), 1 from (
                  select history_id, 1 as n, hashtext(id)::bigint as h from new_rows
                  union all select history_id, -1, -hashtext(id)::bigint from old_rows) changed group by history_id {add};
                """,
            ["delete"] = $"insert into {t} select history_id, TG_ARGV[0]::smallint, txid_current(), -count(*), -sum(hashtext(id)), 1 from old_rows group by history_id {add};",
            // No transition table for a TRUNCATE: every history of the kind loses what the counter says it holds.
            ["truncate"] = $"insert into {t} select history_id, TG_ARGV[0]::smallint, txid_current(), -sum(rows), -sum(id_hashes), 1 from {t} where kind = TG_ARGV[0]::smallint group by history_id {add};",
        };
        var sql = new System.Text.StringBuilder($"""
            select pg_advisory_xact_lock(hashtext('{t}'));
            create table if not exists {t} (history_id varchar not null, kind smallint not null, tx bigint not null,
              rows bigint not null, id_hashes bigint not null, rewrites bigint not null, primary key (history_id, kind, tx));

            """);
        foreach (var (op, body) in functions)
            sql.AppendLine($"create or replace function {_schema}.{TriggerName(op)}() returns trigger language plpgsql as $body$ begin {body} return null; end $body$;");
        sql.AppendLine($"lock table {string.Join(", ", Tables.Select(x => x.Table))} in share row exclusive mode;");
        foreach (var (kind, table) in Tables)
        foreach (var op in Operations)
        {
            var name = TriggerName(op);
            var transition = op switch
            {
                "insert" => " referencing new table as new_rows",
                "update" => " referencing old table as old_rows new table as new_rows",
                "delete" => " referencing old table as old_rows",
                _ => "",
            };
            sql.AppendLine($"drop trigger if exists {name} on {table};");
            sql.AppendLine($"create trigger {name} after {op} on {table}{transition} for each statement execute function {_schema}.{name}('{(short)kind}');");
        }
        sql.AppendLine($"delete from {t};");
        foreach (var (kind, table) in Tables)
            sql.AppendLine($"insert into {t} select history_id, {(short)kind}, 0, count(*), sum(hashtext(id)), txid_current() from {table} group by history_id;");
        return sql.ToString();
    }

    /// <summary>
    /// Folds the change rows of these histories into one per history and kind (the sums do not change, so no held history
    /// goes stale). Best effort: skipped while another compaction runs.
    /// </summary>
    public async Task CompactAsync(NpgsqlConnection connection, string[] historyIds, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var locked = new NpgsqlCommand($"select pg_try_advisory_xact_lock({CompactionLock})", connection, tx))
            if (await locked.ExecuteScalarAsync(ct) is not true) return;
        await using var command = new NpgsqlCommand(FoldSql("history_id = any(@ids)"), connection, tx);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Varchar) { Value = historyIds });
        await command.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Folds every history's change rows (after a rebuild or a bulk import has left many); nothing before the counter is installed.</summary>
    public async Task CompactAllAsync(IDocumentStore store, CancellationToken ct)
    {
        try
        {
            await CompactAllOnceAsync(store, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // No counter yet: the first question installs it, seeded from the rows.
        }
    }

    private async Task CompactAllOnceAsync(IDocumentStore store, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand($"select pg_advisory_xact_lock({CompactionLock});\n{FoldSql("true")}", connection, tx);
        await command.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }
}
