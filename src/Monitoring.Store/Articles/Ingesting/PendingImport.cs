using Marten;
using Npgsql;

namespace Monitoring.Store.Articles.Ingesting;

/// <summary>
/// A bulk import under way, recorded before its events are written and deleted once their history documents are:
/// while it exists, its article streams may be stored without their relationship history. Its importer holds a
/// PostgreSQL advisory lock on it from before the record is committed until after it is deleted (<see cref="HoldAsync"/>);
/// PostgreSQL releases the lock when the importer's connection ends, so a record whose lock is free belongs to an import
/// whose process died, whatever its age, and whoever finds it completes it (<see cref="IngestBatch.RecoverAsync"/>) before
/// answering; a record whose lock is held belongs to a live import, which completes it itself.
/// </summary>
public sealed class PendingImport
{
    public Guid Id { get; set; }
    public string[] Keys { get; set; } = [];
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>The first key of the two-key advisory locks Monitor takes on imports (Marten's own locks use the one-key form).</summary>
    private const int LockSpace = 0x4d4f4e49; // "MONI"

    /// <summary>Holds the lock that says "this import is alive" until disposed; waits while another holds it.</summary>
    public static async Task<IAsyncDisposable> HoldAsync(IDocumentStore store, Guid id, CancellationToken ct = default) =>
        await LockAsync(store, id, wait: true, ct) ?? throw new InvalidOperationException("pg_advisory_lock returned without the lock");

    /// <summary>The import's lock when its importer is gone (its owner completes the record), null while the import is alive.</summary>
    internal static Task<IAsyncDisposable?> TakeOverAsync(IDocumentStore store, Guid id, CancellationToken ct) => LockAsync(store, id, wait: false, ct);

    private static async Task<IAsyncDisposable?> LockAsync(IDocumentStore store, Guid id, bool wait, CancellationToken ct)
    {
        // A connection of its own, held as long as the lock: the lock's lifetime is that connection's.
        var connection = store.Storage.Database.CreateConnection();
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(wait ? "select pg_advisory_lock(@space, @key), true" : "select null, pg_try_advisory_lock(@space, @key)", connection);
            command.Parameters.AddWithValue("space", LockSpace);
            command.Parameters.AddWithValue("key", KeyOf(id));
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                await reader.ReadAsync(ct);
                if (!reader.GetBoolean(1))
                {
                    await connection.DisposeAsync();
                    return null;
                }
            }
            return new Lock(connection, KeyOf(id));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static int KeyOf(Guid id) => BitConverter.ToInt32(id.ToByteArray(), 0);

    private sealed class Lock(NpgsqlConnection connection, int key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                // Unlocked explicitly: a pooled connection keeps its session's locks until it is reused.
                await using var command = new NpgsqlCommand("select pg_advisory_unlock(@space, @key)", connection);
                command.Parameters.AddWithValue("space", LockSpace);
                command.Parameters.AddWithValue("key", key);
                await command.ExecuteNonQueryAsync();
            }
            catch (NpgsqlException)
            {
                // A broken connection holds no lock any more.
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
