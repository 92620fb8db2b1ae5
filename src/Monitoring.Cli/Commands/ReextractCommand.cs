using System.CommandLine;
using Monitoring.Store.Articles.Reextracting;

namespace Monitoring.Cli.Commands;

public static class ReextractCommand
{
    public static Command Create()
    {
        var command = new Command("reextract", "Re-read stored articles with the current extractor version. The old derivations stay in the history (queryable with --known-at); current answers use the newest version.")
        {
            Output.JsonOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(ct);
            var report = await host.Bus.InvokeAsync<ReextractionReport>(new ReextractArticles(), ct);
            if (parse.GetValue(Output.JsonOption)) Output.WriteJson(report);
            else Console.WriteLine($"extractor {report.Version}: {report.Reextracted} of {report.Articles} articles re-read ({report.UpToDate} already current); {report.EventsBefore} superseded events, {report.EventsAfter} new");
            return 0;
        });
        return command;
    }
}
