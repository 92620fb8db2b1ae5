using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Monitoring.Extraction.Actors;

namespace Monitoring.Cli.Commands;

/// <summary>`monitor resolve "TEXT"`: the actors a phrase names, with their codes. Needs no database.</summary>
public static class ResolveCommand
{
    public static Command Create()
    {
        var text = new Argument<string>("text") { Description = "A phrase such as \"Russian President Vladimir Putin\", or - to read one phrase a line from standard input (one JSON line each)" };
        var date = new Option<string?>("--date") { Description = "The date the phrase was written (yyyy-MM-dd): who held an office then (default today, as for a phrase written now)" };
        var command = new Command("resolve", "Resolve the actors a phrase names to codes (ISO 3166-1 alpha-3 for states, upper-case names for blocs).\n\nExamples:\n  monitor resolve \"the Kremlin\"\n  monitor resolve \"US assistant secretary of state Molly Phee\" --json\n  printf 'Niamey\\nthe Elysée\\n' | monitor resolve -")
        {
            text, date, Output.JsonOption,
        };
        command.SetAction(parse =>
        {
            DateOnly on = parse.GetValue(date) is { } d
                ? DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var x) ? x
                    : throw new CliException($"--date '{d}' is not a date such as 2024-03-16", 2)
                // A person acts for the office they hold on the day the phrase was written, as in an article: a phrase typed
                // now names today's office-holders ("Bolsonaro" alone names no state once out of office).
                : DateOnly.FromDateTime(DateTime.UtcNow);
            var resolver = ActorResolver.Default;
            var input = parse.GetValue(text)!;
            if (input == "-")
            {
                string? line;
                while ((line = Console.In.ReadLine()) is not null)
                {
                    if (line.Trim().Length == 0) continue;
                    var each = resolver.ResolveAll(line, on, null, null);
                    Console.Out.WriteLine(JsonSerializer.Serialize(new { phrase = line, actors = each.Actors, unresolved = each.Unresolved }, Output.JsonLine));
                }
                return 0;
            }
            var resolution = resolver.ResolveAll(input, on, null, null);
            var actors = resolution.Actors;
            if (parse.GetValue(Output.JsonOption)) Output.WriteJson(new { phrase = input, actors, unresolved = resolution.Unresolved });
            else
            {
                if (actors.Count == 0 && resolution.Unresolved.Count == 0) Console.WriteLine("no actor named");
                foreach (var a in actors) Console.WriteLine($"{a.Code,-8} {a.Kind,-12} {a.Name}  (\"{a.MatchedText}\", by {a.How}{(a.Role == "place" ? "; a place, not an actor" : "")})");
                // Context-bound phrases ("the former colonial power") and ambiguous places say why they name nobody here.
                foreach (var u in resolution.Unresolved)
                    Console.WriteLine($"—        unresolved   \"{u.Text}\": {u.Why}" + (u.Candidates.Count > 0 ? $" ({string.Join(", ", u.Candidates)})" : ""));
            }
            return actors.Count == 0 ? 4 : 0;
        });
        return command;
    }
}
