using System.CommandLine;
using System.Globalization;
using Monitoring.Api.Relationships;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Spectre.Console;

namespace Monitoring.Cli.Commands;

/// <summary>The read side for analysts: relationships, show, timeline, audit, replay.</summary>
public static class RelationshipCommands
{
    private static readonly Option<string?> AsOf = new("--as-of") { Description = "Valid date (yyyy-MM-dd): fold the events dated on or before it" };
    private static readonly Option<string?> KnownAt = new("--known-at") { Description = "Recorded time (ISO 8601, e.g. 2024-03-17T12:00:00Z): answer as the system would have then" };

    public static Command List()
    {
        var actor = new Option<string?>("--actor") { Description = "Only relationships of this actor (a code such as NER)" };
        var command = new Command("relationships", "Every relationship with its current state.\n\nExamples:\n  monitor relationships\n  monitor relationships --actor NER --as-of 2024-01-01 --json")
        {
            actor, AsOf, KnownAt, Output.JsonOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            var asOf = ParseAsOf(parse);
            var knownAt = ParseKnownAt(parse);
            await using var host = await CliHost.StartAsync(ct);
            var relationships = host.Get<RelationshipService>();
            var code = (await relationships.OptionalActorAsync(parse.GetValue(actor), ct)).OrExit();
            var states = await relationships.AllAsync(code, asOf, knownAt, ct);
            if (parse.GetValue(Output.JsonOption)) Output.WriteJson(states);
            else PrintRelationships(states);
            return 0;
        });
        return command;
    }

    public static Command Show() => PairStateCommand("show",
        "The state of one relationship, dimension by dimension.\n\nExamples:\n  monitor show USA NER\n  monitor show USA NER --as-of 2023-12-14\n  monitor show USA NER --known-at 2024-03-17T00:00:00Z --json",
        StateView.Of, PrintState);

    public static Command Timeline()
    {
        var (a, b) = PairArguments();
        var command = new Command("timeline", "The dated events of one relationship, each once with all its sources.\n\nExamples:\n  monitor timeline USA NER\n  monitor timeline FRA NER --known-at 2023-12-14T00:00:00Z --json")
        {
            a, b, KnownAt, Output.JsonOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            var knownAt = ParseKnownAt(parse);
            await using var host = await CliHost.StartAsync(ct);
            var relationships = host.Get<RelationshipService>();
            var pair = await PairAsync(relationships, parse, a, b, ct);
            var entries = await relationships.TimelineAsync(pair, knownAt, ct);
            if (parse.GetValue(Output.JsonOption)) Output.WriteJson(new { pair = pair.Id, entries });
            else PrintTimeline(pair, entries);
            return 0;
        });
        return command;
    }

    public static Command Audit() => PairStateCommand("audit",
        "The state of one relationship and, under every dimension, the chain that establishes it: entries, events (rule, version, confidence), articles, quoted sentences.\n\nExamples:\n  monitor audit USA NER --as-of 2024-03-20\n  monitor audit USA NER --json",
        AuditView.Of, PrintAudit);

    /// <summary>A command that answers with one relationship's state on both clocks, as JSON or as text.</summary>
    private static Command PairStateCommand<TView>(string name, string description, Func<RelationshipState, TView> json, Action<RelationshipState> print)
    {
        var (a, b) = PairArguments();
        var command = new Command(name, description) { a, b, AsOf, KnownAt, Output.JsonOption };
        command.SetAction(async (parse, ct) =>
        {
            var (asOf, knownAt) = (ParseAsOf(parse), ParseKnownAt(parse));
            await using var host = await CliHost.StartAsync(ct);
            var relationships = host.Get<RelationshipService>();
            var pair = await PairAsync(relationships, parse, a, b, ct);
            var state = await relationships.StateAsync(pair, asOf, knownAt, ct);
            if (parse.GetValue(Output.JsonOption)) Output.WriteJson(json(state));
            else print(state);
            return 0;
        });
        return command;
    }

    public static Command Replay()
    {
        var to = new Option<string>("--to") { Description = "Recorded time (ISO 8601) to replay the system to", Required = true };
        var command = new Command("replay", "The whole system as it was at a recorded time: the articles known then and every relationship's state.\n\nExample:\n  monitor replay --to 2024-03-17T12:00:00Z")
        {
            to, Output.JsonOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            var at = OptionText.Time(parse.GetValue(to)!, "--to")!.Value;
            await using var host = await CliHost.StartAsync(ct);
            var replay = await host.Get<RelationshipService>().ReplayAsync(at, ct);
            if (parse.GetValue(Output.JsonOption)) Output.WriteJson(replay);
            else
            {
                Console.WriteLine($"As recorded at {at:O}: {replay.Articles.Count} articles");
                var table = new Table().AddColumns("ingested at", "publisher", "published", "extractor", "events");
                foreach (var article in replay.Articles)
                    table.AddRow(article.IngestedAt.ToString("u"), Output.Text(article.Publisher ?? "?"), article.Published.ToString("yyyy-MM-dd"), article.ExtractorVersion, article.Events.ToString());
                AnsiConsole.Write(table);
                PrintRelationships(replay.Relationships);
            }
            return 0;
        });
        return command;
    }

    public static void PrintRelationships(IReadOnlyList<RelationshipState> states)
    {
        if (states.Count == 0)
        {
            Console.WriteLine("No relationship known yet: ingest articles first (monitor ingest FILES).");
            return;
        }
        foreach (var state in states)
        {
            AnsiConsole.MarkupLine($"[bold]{Output.Text(state.Pair.Id)}[/] ({state.Entries.Count} events)");
            foreach (var line in Relationship.Describe(state)) Console.WriteLine("  " + line);
        }
    }

    public static void PrintState(RelationshipState state)
    {
        AnsiConsole.MarkupLine($"[bold]{state.Pair.Id}[/] as of {(state.AsOf?.ToString("yyyy-MM-dd") ?? "today")}, as known {(state.KnownAt is { } k ? "at " + k.ToString("u") : "now")}");
        if (state.Dimensions.Count == 0)
        {
            Console.WriteLine("  no recorded event yet");
            return;
        }
        var table = new Table().AddColumns("dimension", "side", "status", "since", "detail", "sources");
        foreach (var d in state.Dimensions)
        {
            var entries = d.EntryIds.Select(state.Entry).OfType<TimelineEntry>().ToList();
            var sources = entries.SelectMany(e => e.Reports.Select(r => r.Publisher ?? r.ArticleId)).Distinct().ToList();
            table.AddRow(d.Dimension, d.Side ?? "", Relationship.Words(d.Status) + (d.Modality == Modality.Asserted ? "" : $" ({d.Modality.ToCode()})"),
                d.Since.ToString(), Output.Text(string.Join("; ", new[] { d.Count is { } c ? $"{c:N0} troops ({d.CountDate})" : null, d.Detail }.OfType<string>())),
                Output.Text(string.Join(", ", sources)));
        }
        AnsiConsole.Write(table);
        foreach (var e in state.Upcoming)
            Console.WriteLine($"  upcoming: {e.Type} {e.Source}{(e.Target is null ? "" : " → " + e.Target)} {e.Modality.ToCode()} for {e.Date}");
    }

    public static void PrintTimeline(ActorPair pair, IReadOnlyList<TimelineEntry> entries)
    {
        AnsiConsole.MarkupLine($"[bold]Timeline {pair.Id}[/]: {entries.Count} event{(entries.Count == 1 ? "" : "s")}");
        var table = new Table().AddColumns("date", "event", "actors", "modality", "confidence", "sources");
        foreach (var e in entries)
        {
            var actors = e.Parties.Count > 0 ? string.Join(" + ", e.Parties) : e.Target is null ? e.Source ?? "" : $"{e.Source} → {e.Target}";
            var detail = (e.Area is null ? "" : $" [{e.Area}]") + (e.Count is { } c ? $" {c:N0}" : "") + (e.ConflictsWith.Count > 0 ? " [conflicting dates]" : "");
            table.AddRow(e.Date.ToString(), Output.Text(e.Type + detail), actors, e.Modality.ToCode(), e.Confidence.ToString("0.00", CultureInfo.InvariantCulture),
                Output.Text($"{e.SourceCount} ({e.IndependentSources} independent): " + string.Join(", ", e.Reports.Select(r => $"{r.Publisher ?? r.ArticleId} {r.Published:yyyy-MM-dd}").Distinct())));
        }
        AnsiConsole.Write(table);
    }

    public static void PrintAudit(RelationshipState state)
    {
        var root = new Tree($"[bold]{state.Pair.Id}[/] as of {(state.AsOf?.ToString("yyyy-MM-dd") ?? "today")}, as known {(state.KnownAt is { } k ? "at " + k.ToString("u") : "now")}");
        foreach (var d in state.Dimensions)
        {
            var node = root.AddNode($"[bold]{Output.Text(d.Key)}[/]: {Output.Text(Relationship.Words(d.Status))} since {d.Since}{(d.Count is { } c ? $", {c:N0} troops ({d.CountDate})" : "")}");
            foreach (var e in d.EntryIds.Select(state.Entry).OfType<TimelineEntry>())
            {
                var entry = node.AddNode(Output.Text($"← {e.Type} {e.Source}{(e.Target is null ? "" : " → " + e.Target)}{string.Join(" + ", e.Parties)} {e.Date} ({e.Date.Precision.ToCode()}), {e.Modality.ToCode()}, confidence {e.Confidence:0.00}, {e.SourceCount} source{(e.SourceCount == 1 ? "" : "s")} ({e.IndependentSources} independent)"));
                foreach (var r in e.Reports)
                {
                    var report = entry.AddNode(Output.Text($"← event {r.EventId:N} rule {r.RuleId}@{r.RuleVersion} (extractor {r.ExtractorVersion}), date {r.Date}, confidence {r.Confidence:0.00}"));
                    var article = report.AddNode(Output.Text($"← {r.Publisher ?? "?"}, published {r.Published:yyyy-MM-dd}, {r.Url ?? r.ArticleId}"));
                    foreach (var ev in r.Evidence)
                        article.AddNode(Output.Text($"← sentence {ev.SentenceIndex} [{ev.Start}..{ev.End}]: \"{ev.Quote.ReplaceLineEndings(" ")}\""));
                }
            }
        }
        AnsiConsole.Write(root);
    }

    private static (Argument<string> A, Argument<string> B) PairArguments() =>
        (new Argument<string>("a") { Description = "One actor: a code or a name, e.g. USA, US, \"United States\"" },
         new Argument<string>("b") { Description = "The other actor, e.g. NER or Niger" });

    /// <summary>The pair as typed, through the same resolver and validation as HTTP (codes, ISO alpha-2 codes, names).</summary>
    private static async Task<ActorPair> PairAsync(RelationshipService relationships, ParseResult parse, Argument<string> a, Argument<string> b, CancellationToken ct) =>
        (await relationships.PairAsync(parse.GetValue(a)!, parse.GetValue(b)!, ct)).OrExit();

    private static DateOnly? ParseAsOf(ParseResult parse) => OptionText.Date(parse.GetValue(AsOf), "--as-of");

    private static DateTimeOffset? ParseKnownAt(ParseResult parse) => OptionText.Time(parse.GetValue(KnownAt), "--known-at");
}
