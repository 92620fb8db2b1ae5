using System.CommandLine;
using Monitoring.Extraction.Reading;
using Monitoring.Store.Articles.Ingesting;
using Spectre.Console;

namespace Monitoring.Cli.Commands;

public static class IngestCommand
{
    public const int RejectedExitCode = 3;

    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Files, folders (with an optional manifest.json), globs, or - for standard input", Arity = ArgumentArity.OneOrMore };
        var published = new Option<string?>("--published") { Description = "Publication date (yyyy-MM-dd) for articles that carry none" };
        var publisher = new Option<string?>("--publisher") { Description = "Publisher for articles that name none" };
        var command = new Command("ingest", "Ingest articles: read, extract, store. The same article twice changes nothing.\n\nExamples:\n  monitor ingest seeds/\n  monitor ingest 'news/*.html' --publisher Reuters\n  cat a.txt | monitor ingest - --published 2024-03-17")
        {
            inputs, published, publisher, Output.JsonOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            var defaults = new ArticleMetadata(Publisher: parse.GetValue(publisher),
                Published: parse.GetValue(published) is { } p ? Manifest.ParseDate(p) : null);
            await using var host = await CliHost.StartAsync(ct);
            var outcomes = await IngestAsync(host.Ingestion, ArticleSources.Expand(parse.GetValue(inputs)!, defaults), ct);
            if (parse.GetValue(Output.JsonOption)) Output.WriteJson(outcomes);
            else PrintSummary(outcomes);
            return outcomes.Any(o => o.Status == IngestStatus.Rejected) ? RejectedExitCode : 0;
        });
        return command;
    }

    /// <summary>Through <see cref="ArticleIngestion"/>, which picks the path; an archive shows its progress on stderr.</summary>
    public static async Task<IReadOnlyList<IngestOutcome>> IngestAsync(ArticleIngestion ingestion, IEnumerable<IngestArticle> commands, CancellationToken ct)
    {
        var all = commands.ToList();
        if (all.Count < ArticleIngestion.ArchiveFrom) return await ingestion.IngestAsync(all, ct: ct);
        if (Console.IsErrorRedirected)
        {
            var done = 0;
            var lastReport = System.Diagnostics.Stopwatch.StartNew();
            return await ingestion.IngestAsync(all, batch =>
            {
                done += batch.Count;
                if (lastReport.Elapsed.TotalSeconds >= 10 || done == all.Count)
                {
                    Console.Error.WriteLine($"ingesting: {done:N0}/{all.Count:N0} articles");
                    lastReport.Restart();
                }
                return ValueTask.CompletedTask;
            }, ct);
        }
        IReadOnlyList<IngestOutcome> outcomes = [];
        await AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }).Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("ingesting", maxValue: all.Count);
                outcomes = await ingestion.IngestAsync(all, batch =>
                {
                    task.Increment(batch.Count);
                    return ValueTask.CompletedTask;
                }, ct);
            });
        return outcomes;
    }

    public static void PrintSummary(IReadOnlyList<IngestOutcome> outcomes)
    {
        var table = new Table().AddColumns("article", "status", "events", "reason");
        foreach (var o in outcomes)
            table.AddRow(Output.Text(o.Origin), o.Status.ToString().ToLowerInvariant(), o.Events.ToString(), Output.Text(o.Reason ?? ""));
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine($"{outcomes.Count(o => o.Status == IngestStatus.Accepted)} accepted, {outcomes.Count(o => o.Status == IngestStatus.Duplicate)} duplicate, {outcomes.Count(o => o.Status == IngestStatus.Rejected)} rejected");
    }
}
