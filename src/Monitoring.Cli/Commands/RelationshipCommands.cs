using System.CommandLine;
using Marten;
using Monitoring.Domain;
using Monitoring.Service.Relationships;

namespace Monitoring.Cli.Commands;

public static class RelationshipCommands
{
    public static Command List()
    {
        var actor = new Option<string?>("--actor") { Description = "Only relationships of this actor (a code such as NER)" };
        var command = new Command("relationships", "List every relationship with its current state.") { actor, Output.JsonOption };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(ct);
            await using var session = host.Store.QuerySession();
            await PrintRelationshipsAsync(session, parse.GetValue(actor), ct);
            return 0;
        });
        return command;
    }

    public static Command Show()
    {
        var command = new Command("show", "not yet");
        return command;
    }

    public static Command Timeline()
    {
        var a = new Argument<string>("a") { Description = "First actor code, e.g. USA" };
        var b = new Argument<string>("b") { Description = "Second actor code, e.g. NER" };
        var command = new Command("timeline", "The dated events of one relationship with their sources.") { a, b, Output.JsonOption };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(ct);
            await using var session = host.Store.QuerySession();
            await PrintTimelineAsync(session, ActorPair.Of(parse.GetValue(a)!.ToUpperInvariant(), parse.GetValue(b)!.ToUpperInvariant()), ct);
            return 0;
        });
        return command;
    }

    public static async Task PrintRelationshipsAsync(IQuerySession session, string? actor, CancellationToken ct)
    {
        foreach (var pair in await RelationshipQueries.PairsAsync(session, actor, ct))
        {
            var history = await RelationshipQueries.LoadAsync(session, pair, ct);
            Console.WriteLine($"{pair.Id}: {history.Reports.Count} reports");
        }
    }

    public static async Task PrintTimelineAsync(IQuerySession session, ActorPair pair, CancellationToken ct)
    {
        var history = await RelationshipQueries.LoadAsync(session, pair, ct);
        Console.WriteLine($"Timeline {pair.Id}");
        foreach (var r in history.Reports.OrderBy(r => r.Event.Date.PlacedOn))
            Console.WriteLine($"  {r.Event.Date,-12} {r.Event.Type,-32} {r.Article.Publisher} (seq {r.Sequence}, {r.RecordedAt:O})");
    }
}
