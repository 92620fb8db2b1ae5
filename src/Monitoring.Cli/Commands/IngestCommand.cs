using System.CommandLine;
using System.Threading.Channels;
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

    /// <summary>Ctrl+C or SIGTERM before the input ended: what was stored stays, the rest is not read.</summary>
    public const int StoppedExitCode = 130;

    /// <summary>How long a small input may pause before what it gave so far is stored: a pipe whose writer holds it open.</summary>
    private static readonly TimeSpan Stall = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Through <see cref="ArticleIngestion"/>, which picks the path; an archive shows its progress on stderr. The inputs are
    /// read on a thread of their own: a pipe blocks in open(2) until a writer comes and in read(2) until it writes, and
    /// neither heeds a token, so a stop leaves that thread behind instead of waiting on it. A small input that pauses has
    /// what it gave so far stored (each article answered on its own, as always below <see cref="ArticleIngestion.ArchiveFrom"/>).
    /// </summary>
    public static async Task<IReadOnlyList<IngestOutcome>> IngestAsync(ArticleIngestion ingestion, IEnumerable<IngestArticle> commands, CancellationToken ct)
    {
        var read = Channel.CreateUnbounded<IngestArticle>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        _ = Task.Run(() =>
        {
            try
            {
                foreach (var command in commands) read.Writer.TryWrite(command);
                read.Writer.TryComplete();
            }
            catch (Exception e)
            {
                read.Writer.TryComplete(e);
            }
        }, CancellationToken.None);

        var stored = new List<IngestOutcome>();
        var pending = new List<IngestArticle>();
        try
        {
            while (await read.Reader.WaitToReadAsync(ct))
            {
                while (read.Reader.TryRead(out var command)) pending.Add(command);
                if (pending.Count >= ArticleIngestion.ArchiveFrom || !await StallsAsync(read.Reader, ct)) continue;
                stored.AddRange(await ingestion.IngestAsync(pending, ct: ct));
                pending.Clear();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            var accepted = stored.Count(o => o.Status == IngestStatus.Accepted);
            throw new CliException($"stopped before the input ended: {accepted} article{(accepted == 1 ? "" : "s")} stored, the rest not read", StoppedExitCode);
        }
        if (pending.Count == 0) return stored;
        return [.. stored, .. await IngestAllAsync(ingestion, pending, ct)];
    }

    /// <summary>True when nothing more comes for a moment while the input is still open.</summary>
    private static async Task<bool> StallsAsync(ChannelReader<IngestArticle> reader, CancellationToken ct)
    {
        using var pause = CancellationTokenSource.CreateLinkedTokenSource(ct);
        pause.CancelAfter(Stall);
        try
        {
            await reader.WaitToReadAsync(pause.Token);
            return false;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return true;
        }
    }

    private static async Task<IReadOnlyList<IngestOutcome>> IngestAllAsync(ArticleIngestion ingestion, List<IngestArticle> all, CancellationToken ct)
    {
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
