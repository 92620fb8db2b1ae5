using Marten;
using Marten.Services;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Monitoring.Store;

/// <summary>
/// Marten's log in short lines. Its own logger writes a failed command whole, parameters included: an article's text,
/// three times for each twin that loses the race on its stream key (a duplicate, answered as such). Here a failure is
/// one line with the PostgreSQL error, and a lost race on a key is not an error at all.
/// </summary>
public sealed class MartenLog(ILogger logger) : IMartenLogger, IMartenSessionLogger
{
    public IMartenSessionLogger StartSession(IQuerySession session) => this;

    public void SchemaChange(string sql) => logger.LogInformation("schema change: {Statements} statement(s)", sql.Split(';', StringSplitOptions.RemoveEmptyEntries).Length);

    public void LogSuccess(NpgsqlCommand command)
    {
    }

    public void LogSuccess(NpgsqlBatch batch)
    {
    }

    public void LogFailure(NpgsqlCommand command, Exception ex) => Failure(ex, null);

    public void LogFailure(NpgsqlBatch batch, Exception ex) => Failure(ex, null);

    public void LogFailure(Exception ex, string message) => Failure(ex, message);

    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit)
    {
    }

    public void OnBeforeExecute(NpgsqlCommand command)
    {
    }

    public void OnBeforeExecute(NpgsqlBatch batch)
    {
    }

    private void Failure(Exception ex, string? message)
    {
        var postgres = ex as PostgresException ?? ex.InnerException as PostgresException;
        var what = postgres is not null ? $"{postgres.SqlState} {postgres.MessageText}" : $"{ex.GetType().Name}: {ex.Message.Split('\n')[0]}";
        if (what.Length > 200) what = what[..200] + "…";
        // A unique key taken by a concurrent writer: the caller answers it (a duplicate article, a twin document).
        if (postgres?.SqlState == PostgresErrorCodes.UniqueViolation) logger.LogDebug("a concurrent writer came first: {What}", what);
        else logger.LogWarning("a database command failed{Context}: {What}", message is null ? "" : $" ({message})", what);
    }
}
