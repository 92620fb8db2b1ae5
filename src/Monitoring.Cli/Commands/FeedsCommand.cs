using System.CommandLine;
using Monitoring.Api.Feeds;
using Spectre.Console;

namespace Monitoring.Cli.Commands;

/// <summary><c>monitor feeds add|list|status|pause|resume|remove</c>: the sources <c>serve</c> follows.</summary>
public static class FeedsCommand
{
    public static Command Create()
    {
        var command = new Command("feeds", """
            The sources serve follows without anyone running a command: RSS 2.0, Atom and JSON Feed feeds, and drop folders.
            serve polls each due feed (every 15 minutes unless --every says otherwise), backs off on errors, and ingests each new
            entry once; a drop folder's new files are ingested once and moved to done/ or rejected/ (with the reason).

            Examples:
              monitor feeds add https://www.example.org/africa/rss.xml --name "Example Africa" --every 30m
              monitor feeds add folder:/srv/wires
              monitor feeds status
              monitor feeds pause feed-3f2a9c0d41e5b677
            """);
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List("list", "Every followed source, oldest first."));
        command.Subcommands.Add(List("status", "How each source is doing: last poll, last new article, errors, next poll."));
        command.Subcommands.Add(Change("pause", "Stop polling a source until resumed.", (s, id, ct) => s.PauseAsync(id, ct)));
        command.Subcommands.Add(Change("resume", "Poll a paused source again, at once.", (s, id, ct) => s.ResumeAsync(id, ct)));
        command.Subcommands.Add(Change("remove", "Stop following a source; what was ingested from it stays.", (s, id, ct) => s.RemoveAsync(id, ct)));
        return command;
    }

    private static Command Add()
    {
        var source = new Argument<string>("source") { Description = "A feed URL (http or https) or folder:PATH" };
        var name = new Option<string?>("--name") { Description = "The name shown for it" };
        var publisher = new Option<string?>("--publisher") { Description = "Credit its articles to this publisher (default: the entry's source, else the feed's title)" };
        var every = new Option<string?>("--every") { Description = "How often to poll: 15m (default), 1h, 90s, 1d" };
        var command = new Command("add", "Follow a feed or a drop folder.") { source, name, publisher, every, Output.JsonOption };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(ct);
            var feed = (await host.Get<FeedService>().AddAsync(parse.GetValue(source)!, parse.GetValue(name), parse.GetValue(publisher), parse.GetValue(every), ct)).OrExit();
            if (parse.GetValue(Output.JsonOption)) Output.WriteJson(FeedView.Of(feed));
            else Console.WriteLine($"{feed.Id}  {feed.Definition.Url}  every {FeedView.Interval(feed.Definition.Interval)}: serve polls it");
            return 0;
        });
        return command;
    }

    private static Command List(string name, string description)
    {
        var command = new Command(name, description) { Output.JsonOption };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(ct);
            var feeds = (await host.Get<FeedService>().ListAsync(ct)).Select(FeedView.Of).ToList();
            if (parse.GetValue(Output.JsonOption)) Output.WriteJson(feeds);
            else if (feeds.Count == 0) Console.WriteLine("No source followed yet: monitor feeds add URL");
            else
            {
                var table = new Table().AddColumns("id", "source", "every", "health", "last poll", "last new article", "errors", "next poll");
                foreach (var f in feeds)
                    table.AddRow(f.Id, Output.Text(f.Name is null ? f.Url : $"{f.Name} ({f.Url})"), f.Every, f.Health, f.LastPoll?.ToString("u") ?? "never",
                        f.LastNewArticle?.ToString("u") ?? "-", Output.Text(f.ConsecutiveErrors == 0 ? "0" : $"{f.ConsecutiveErrors}: {f.LastError}"),
                        f.NextPoll?.ToString("u") ?? "paused");
                AnsiConsole.Write(table);
            }
            return 0;
        });
        return command;
    }

    private static Command Change(string name, string description, Func<FeedService, string, CancellationToken, Task<Monitoring.Api.Answer<FollowedFeed>>> change)
    {
        var id = new Argument<string>("id") { Description = "The feed's id (feeds list shows it)" };
        var command = new Command(name, description) { id, Output.JsonOption };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(ct);
            var feed = (await change(host.Get<FeedService>(), parse.GetValue(id)!, ct)).OrExit();
            if (parse.GetValue(Output.JsonOption)) Output.WriteJson(FeedView.Of(feed));
            else Console.WriteLine($"{feed.Id}  {feed.Definition.Url}: {(name == "remove" ? "no longer followed" : name == "pause" ? "paused" : "resumed")}");
            return 0;
        });
        return command;
    }
}
