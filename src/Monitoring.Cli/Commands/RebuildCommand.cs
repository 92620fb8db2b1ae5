using Command = System.CommandLine.Command;
using System.Diagnostics;
using Marten;
using Monitoring.Service.Relationships;

namespace Monitoring.Cli.Commands;

/// <summary>
/// Rebuilds the relationship histories from the stored events: what an operator runs after a change to the projection
/// (not to the extractor: that is <c>reextract</c>). The events are the truth; the histories are derived and replaced whole.
/// </summary>
public static class RebuildCommand
{
    public static Command Create()
    {
        var command = new Command("rebuild", "Rebuild the relationship histories from the stored events (after a change to the projection; for a new extractor use reextract).\n\nExample:\n  monitor rebuild")
        {
            Output.JsonOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(ct);
            var store = host.Store;
            var events = await CountAsync(store, $"select count(*) from {store.Options.Events.DatabaseSchemaName}.mt_events", ct);
            Console.Error.WriteLine($"rebuilding the relationship histories from {events:N0} events...");
            var clock = Stopwatch.StartNew();
            using (var daemon = await store.BuildProjectionDaemonAsync())
                await daemon.RebuildProjectionAsync<RelationshipHistoryProjection>(TimeSpan.FromHours(2), ct);
            var seconds = clock.Elapsed.TotalSeconds;
            var documents = await CountAsync(store, $"select count(*) from {store.Options.DatabaseSchemaName}.mt_doc_history_report", ct);
            if (parse.GetValue(Output.JsonOption)) Output.WriteJson(new { events, documents, seconds, eventsPerSecond = events / seconds });
            else Console.WriteLine($"rebuilt {documents:N0} history documents from {events:N0} events in {seconds:N1} s ({events / seconds:N0} events/s)");
            return 0;
        });
        return command;
    }

    private static async Task<long> CountAsync(IDocumentStore store, string sql, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return (await session.QueryAsync<long>(sql, ct)).Single();
    }
}
