using System.CommandLine;
using System.Text.Json;
using Monitoring.Domain.Relationships;
using Monitoring.Notifications.Detection;
using Monitoring.Notifications.Feed;
using Monitoring.Notifications.Webhooks;

namespace Monitoring.Cli.Commands;

/// <summary><c>monitor watch [filter]</c>: prints relationship changes as they are recorded, until Ctrl+C.</summary>
public static class WatchCommand
{
    public static Command Create()
    {
        var since = new Option<long?>("--since") { Description = "Start after this change id (as printed) instead of now; 0 replays every stored change" };
        var count = new Option<int?>("--count") { Description = "Exit after printing this many changes" };
        var filter = new FilterOptions();
        var command = new Command("watch", """
            Print relationship changes as they happen (one line each, or one JSON object per line with --json).
            Runs the change detection itself when no `monitor serve` does, so `monitor ingest` in another terminal shows up here.

            Examples:
              monitor watch --pair NER-USA
              monitor watch --actor NER --dimension agreements --json
              monitor watch --since 0 --count 10
            """)
        {
            since, count, Output.JsonOption,
        };
        filter.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var changes = filter.Read(parse);
            var json = parse.GetValue(Output.JsonOption);
            var limit = parse.GetValue(count);
            using var host = await CliHost.BuildWatchingAsync(ct);
            var feed = host.Services.GetRequiredService<ChangeStream>();
            // Read before the host starts its own change detection: what it detects now is news to this watch.
            var after = parse.GetValue(since) ?? await feed.LatestAsync(ct);
            await CliHost.StartOrExplainAsync(host, ct);
            if (!json) Console.Error.WriteLine($"watching relationship changes after #{after} [{FilterOptions.Describe(changes)}]; Ctrl+C to stop");
            var printed = 0;
            // SIGTERM and Ctrl+C reach the host's console lifetime, which stops the application: follow until either.
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct, host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
            try
            {
                await foreach (var change in feed.FollowAsync(after, changes, stopping.Token))
                {
                    Console.WriteLine(json ? JsonSerializer.Serialize(change, NotificationJson.Options) : Describe(change));
                    if (++printed == limit) break;
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            await host.StopAsync(CancellationToken.None);
            return 0;
        });
        return command;
    }

    public static string Describe(RelationshipChanged c)
    {
        var what = c.Kind switch
        {
            ChangeKind.Status => $"{c.Before ?? "(none)"} → {c.After}",
            ChangeKind.Detail => $"{c.After}, count {c.CountBefore?.ToString("N0") ?? "?"} → {c.CountAfter?.ToString("N0") ?? "?"}",
            _ => $"{c.After}, confidence {c.ConfidenceBefore:0.00} → {c.ConfidenceAfter:0.00}",
        };
        var dimension = c.Side is null ? c.Dimension : $"{c.Dimension}:{c.Side}";
        var sources = string.Join(", ", c.Causes.Select(x => x.Publisher ?? x.ArticleId).Distinct());
        return $"#{c.Id}  {c.Pair,-11} {dimension,-24} {what}  since {c.ValidFrom}"
            + $"{(c.Revision ? "  [revises the store's past]" : "")}{(c.RevisesPublished ? "  [revises what had been published]" : "")}"
            + $"{c.Contest switch { ContestChange.Began => "  [now contested]", ContestChange.Ended => "  [no longer contested]", _ => "" }}"
            + $"  recorded {c.RecordedAt:yyyy-MM-dd HH:mm:ss}  ({sources})";
    }
}
