using System.CommandLine;
using System.Diagnostics;
using Monitoring.Store.Relationships;
using Command = System.CommandLine.Command;

namespace Monitoring.Cli.Commands;

/// <summary>`monitor rebuild`: <see cref="HistoryRebuild"/>, with its progress and rate.</summary>
public static class RebuildCommand
{
    /// <summary>How often the progress line is printed.</summary>
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);

    public static Command Create()
    {
        var workers = new Option<int?>("--workers") { Description = "Ranges of the event sequence rebuilt at once (default: one per core)" };
        var daemon = new Option<bool>("--daemon") { Description = "Marten's daemon rebuild on one thread instead (the slower baseline)" };
        var command = new Command("rebuild", "Rebuild the relationship histories from the stored events (after a change to the projection; for a new extractor use reextract).\n\nExample:\n  monitor rebuild")
        {
            workers, daemon, Output.JsonOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(ct);
            var settings = new RebuildSettings(Parallel: !parse.GetValue(daemon), Workers: parse.GetValue(workers));
            var printed = Stopwatch.StartNew();
            var gate = new object();
            RebuildReport report;
            try
            {
                report = await host.Get<HistoryRebuild>().RunAsync(settings,
                    events => Console.Error.WriteLine($"rebuilding the relationship histories from {events:N0} events..."),
                    (covered, highest) =>
                    {
                        lock (gate)
                        {
                            if (printed.Elapsed < ProgressEvery) return;
                            printed.Restart();
                            Console.Error.WriteLine($"  {covered:N0} of {highest:N0} events ({100.0 * covered / Math.Max(1, highest):N0} %)");
                        }
                    }, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw new CliException("stopped: the relationship histories are partial until a rebuild runs to its end; run `monitor rebuild` again",
                    IngestCommand.StoppedExitCode);
            }
            var (events, documents, seconds) = (report.Events, report.Documents, report.Seconds);
            if (parse.GetValue(Output.JsonOption)) Output.WriteJson(new { events, documents, seconds, eventsPerSecond = report.EventsPerSecond });
            else Console.WriteLine($"rebuilt {documents:N0} history documents from {events:N0} events in {seconds:N1} s ({report.EventsPerSecond:N0} events/s)");
            return 0;
        });
        return command;
    }
}
