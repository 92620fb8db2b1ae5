using Monitoring.Store.Relationships;
using Command = System.CommandLine.Command;

namespace Monitoring.Cli.Commands;

/// <summary>`monitor rebuild`: <see cref="HistoryRebuild"/>, with its rate.</summary>
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
            var report = await host.Get<HistoryRebuild>().RunAsync(
                events => Console.Error.WriteLine($"rebuilding the relationship histories from {events:N0} events..."), ct);
            var (events, documents, seconds) = (report.Events, report.Documents, report.Seconds);
            if (parse.GetValue(Output.JsonOption)) Output.WriteJson(new { events, documents, seconds, eventsPerSecond = report.EventsPerSecond });
            else Console.WriteLine($"rebuilt {documents:N0} history documents from {events:N0} events in {seconds:N1} s ({report.EventsPerSecond:N0} events/s)");
            return 0;
        });
        return command;
    }
}
