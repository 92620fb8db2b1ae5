using Marten;
using Npgsql;

namespace Monitoring.Api.Hosting;

/// <summary>
/// One host of a database starts at a time: every other waits its turn on a PostgreSQL advisory lock, from before the
/// first hosted service starts (Marten's schema changes, Wolverine's storage) until the last has. Without it, twenty
/// <c>monitor ingest</c> started at once on a fresh schema race for Marten's own migration lock, which gives up after a
/// few seconds ("Unable to attain the global lock in time to apply database changes"); with it, the first applies the
/// changes and the others find none to apply. The lock ends with its connection, so a process that dies holds nobody up.
/// </summary>
public sealed class StartUpLock(IDocumentStore store) : IHostedLifecycleService, IAsyncDisposable
{
    /// <summary>Keys of the lock: the two-key form, apart from Marten's one-key locks; the first is the bulk imports' too (PendingImport).</summary>
    private const int Space = 0x4d4f4e49, StartingUp = 1;

    /// <summary>Longer than any start-up, so that a crowd of them waits instead of failing.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private NpgsqlConnection? _held;

    public async Task StartingAsync(CancellationToken ct)
    {
        // The store's own database: the one whose schema the start-up changes.
        var connection = store.Storage.Database.CreateConnection();
        try
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
            patience.CancelAfter(Patience);
            await connection.OpenAsync(patience.Token);
            await using var command = new NpgsqlCommand("select pg_advisory_lock(@space, @key)", connection);
            command.Parameters.AddWithValue("space", Space);
            command.Parameters.AddWithValue("key", StartingUp);
            command.CommandTimeout = (int)Patience.TotalSeconds;
            await command.ExecuteNonQueryAsync(patience.Token);
            _held = connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken ct) => ReleaseAsync().AsTask();

    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ReleaseAsync();

    /// <summary>Unlocked explicitly: a pooled connection keeps its session's locks until it is reused.</summary>
    private async ValueTask ReleaseAsync()
    {
        if (Interlocked.Exchange(ref _held, null) is not { } connection) return;
        try
        {
            await using var command = new NpgsqlCommand("select pg_advisory_unlock(@space, @key)", connection);
            command.Parameters.AddWithValue("space", Space);
            command.Parameters.AddWithValue("key", StartingUp);
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
