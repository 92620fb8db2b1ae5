using System.CommandLine;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.Api.Relationships;

namespace Monitoring.Cli.Commands;

public static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Ingest the seed articles (seeds/, in publication order) and print every relationship and the US–Niger timeline. Idempotent: a second run appends nothing.");
        command.SetAction(async (_, ct) =>
        {
            var seeds = Path.Combine(Database.Home, "seeds");
            if (!Directory.Exists(seeds)) throw new CliException($"no seeds folder at {seeds}");
            await using var host = await CliHost.StartAsync(ct);
            var shown = Path.GetRelativePath(Directory.GetCurrentDirectory(), seeds);
            var outcomes = await IngestCommand.IngestAsync(host.Ingestion, ArticleSources.Expand([shown.StartsWith("..", StringComparison.Ordinal) ? seeds : shown], null), ct);
            IngestCommand.PrintSummary(outcomes);

            var relationships = host.Get<RelationshipService>();
            Console.WriteLine();
            RelationshipCommands.PrintRelationships(await relationships.AllAsync(null, Clocks.Now, ct));
            Console.WriteLine();
            var usNiger = ActorPair.Of("USA", "NER");
            RelationshipCommands.PrintTimeline(usNiger, Clocks.Now, await relationships.TimelineAsync(usNiger, Clocks.Now, ct));
            return outcomes.Any(o => o.Status == Store.Articles.Ingesting.IngestStatus.Rejected) ? IngestCommand.RejectedExitCode : 0;
        });
        return command;
    }
}
