using System.CommandLine;
using System.Globalization;
using Monitoring.Api.Hosting;
using Monitoring.Api.Relationships;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.Domain.Review;
using Monitoring.Store.Relationships;
using Spectre.Console;

namespace Monitoring.Cli.Commands;

/// <summary>The read side for analysts: relationships, show, timeline, audit, replay.</summary>
public static class RelationshipCommands
{

    public static Command List()
    {
        var actor = new Option<string?>("--actor") { Description = "Only relationships of this actor (a code such as NER)" };
        var clocks = new ClockOptions();
        var command = new Command("relationships", "Every relationship with its state.\n\nExamples:\n  monitor relationships\n  monitor relationships --actor NER --as-of 2024-01-01 --json\n  monitor relationships --known-at 2023-12-20")
        {
            actor, Output.JsonOption,
        };
        foreach (var option in clocks.All) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var asked = clocks.Read(parse);
            await using var host = await CliHost.StartAsync(ct);
            var relationships = host.Get<RelationshipService>();
            var code = (await relationships.OptionalActorAsync(parse.GetValue(actor), ct)).OrExit();
            var states = await relationships.AllAsync(code, asked, ct);
            if (parse.GetValue(Output.JsonOption)) Output.WriteJson(states.Select(RelationshipView.Of).ToList());
            else PrintRelationships(states);
            return 0;
        });
        return command;
    }

    public static Command Show() => PairStateCommand("show",
        "The state of one relationship, dimension by dimension.\n\nExamples:\n  monitor show USA NER\n  monitor show USA NER --as-of 2023-12-14\n  monitor show USA NER --as-of 2024-03-20 --known-at 2023-12-31\n  monitor show USA NER --recorded-at 2026-01-01T12:00:00Z --json",
        StateView.Of, PrintState);

    public static Command Timeline()
    {
        var (a, b) = PairArguments();
        var clocks = new ClockOptions();
        var command = new Command("timeline", "The dated events of one relationship, each once with all its sources.\n\nExamples:\n  monitor timeline USA NER\n  monitor timeline FRA NER --known-at 2023-12-14 --json")
        {
            a, b, Output.JsonOption,
        };
        foreach (var option in clocks.All) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var asked = clocks.Read(parse);
            await using var host = await CliHost.StartAsync(ct);
            var relationships = host.Get<RelationshipService>();
            var pair = await PairAsync(relationships, parse, a, b, ct);
            var entries = await relationships.TimelineAsync(pair, asked, ct);
            if (parse.GetValue(Output.JsonOption)) Output.WriteJson(TimelineView.Of(pair, asked, entries));
            else PrintTimeline(pair, asked, entries);
            return 0;
        });
        return command;
    }

    public static Command Audit()
    {
        var (a, b) = PairArguments();
        var clocks = new ClockOptions();
        var command = new Command("audit",
            "The state of one relationship and, under every dimension, the chain that establishes it: entries, events (rule, version, confidence), articles, quoted sentences; for a contested dimension, each side's chain; and the analysts' corrections (retracted by …, corrected from … to …), with the reports they took out.\n\nExamples:\n  monitor audit USA NER --as-of 2024-03-20\n  monitor audit USA NER --known-at 2024-03-18 --json\n  monitor audit USA NER --recorded-at 2026-01-01T12:00:00Z")
        {
            a, b, Output.JsonOption,
        };
        foreach (var option in clocks.All) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var asked = clocks.Read(parse);
            await using var host = await CliHost.StartAsync(ct);
            var relationships = host.Get<RelationshipService>();
            var pair = await PairAsync(relationships, parse, a, b, ct);
            var audited = await relationships.AuditAsync(pair, asked, ct);
            if (parse.GetValue(Output.JsonOption)) Output.WriteJson(AuditView.Of(audited));
            else PrintAudit(audited);
            return 0;
        });
        return command;
    }

    /// <summary>A command that answers with one relationship's state on the three clocks, as JSON or as text.</summary>
    private static Command PairStateCommand<TView>(string name, string description, Func<RelationshipState, TView> json, Action<RelationshipState> print)
    {
        var (a, b) = PairArguments();
        var clocks = new ClockOptions();
        var command = new Command(name, description) { a, b, Output.JsonOption };
        foreach (var option in clocks.All) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var asked = clocks.Read(parse);
            await using var host = await CliHost.StartAsync(ct);
            var relationships = host.Get<RelationshipService>();
            var pair = await PairAsync(relationships, parse, a, b, ct);
            var state = await relationships.StateAsync(pair, asked, ct);
            if (parse.GetValue(Output.JsonOption)) Output.WriteJson(json(state));
            else print(state);
            return 0;
        });
        return command;
    }

    public static Command Replay()
    {
        var to = new Option<string>("--to") { Description = "Publication date (yyyy-MM-dd) to replay the news to; with --recorded, an instant (ISO 8601)", Required = true };
        var recorded = new Option<bool>("--recorded") { Description = "Replay by recorded time instead: what Monitor itself held at the instant --to (for audit)" };
        var command = new Command("replay", """
            The world as the news told it by a date: the articles published by then and every relationship as it read then
            (as of that day, from those articles alone). It works on an imported archive, whenever it was recorded.
            With --recorded, the system as Monitor held it at an instant instead.

            Examples:
              monitor replay --to 2023-12-20
              monitor replay --to 2026-01-01T12:00:00Z --recorded --json
            """)
        {
            to, recorded, Output.JsonOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            var typed = parse.GetValue(to)!;
            var byRecorded = parse.GetValue(recorded);
            DateOnly? day = null;
            DateTimeOffset? instant = null;
            if (byRecorded) instant = OptionText.Time(typed, "--to");
            else day = ClockText.TryDate(typed, out var d) ? d
                : throw new CliException($"--to '{typed}' is not a publication date such as 2023-12-20 (yyyy-MM-dd); to replay to an instant of recorded time, add --recorded", 2);
            await using var host = await CliHost.StartAsync(ct);
            var relationships = host.Get<RelationshipService>();
            var replay = day is { } published ? await relationships.ReplayPublishedAsync(published, ct) : await relationships.ReplayRecordedAsync(instant!.Value, ct);
            if (parse.GetValue(Output.JsonOption)) Output.WriteJson(ReplayView.Of(replay));
            else
            {
                var article = replay.Articles.Count == 1 ? "article" : "articles";
                Console.WriteLine(day is { } p
                    ? $"As published by {p:yyyy-MM-dd}: {replay.Articles.Count} {article}"
                    : $"As recorded at {instant:O}: {replay.Articles.Count} {article}");
                var table = new Table().AddColumns("published", "publisher", "recorded", "extractor", "events");
                foreach (var a in replay.Articles)
                    table.AddRow(a.Published.ToString("yyyy-MM-dd") + (a.PublicationUnstated ? " (unstated: recorded)" : ""), Output.Text(a.Publisher ?? "?"),
                        a.IngestedAt.ToString("u"), a.ExtractorVersion, a.Events.ToString());
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
        AnsiConsole.MarkupLine($"[bold]{state.Pair.Id}[/] {ClockOptions.Heading(state.Clocks)}");
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
            var readings = d.IsContested
                ? string.Join(" vs ", d.Readings.Select(r => $"{Relationship.Words(r.Status)} ({r.IndependentSources} independent)"))
                  + (d.Prevailing is { } p ? $", {Relationship.Words(p)} prevails" : ", none prevails")
                : null;
            table.AddRow(d.Dimension, d.Side ?? "", Relationship.Words(d.Status) + (d.Modality == Modality.Asserted ? "" : $" ({d.Modality.ToCode()})"),
                d.Since.ToString(), Output.Text(string.Join("; ", new[] { readings, d.Count is { } c ? $"{c:N0} troops ({d.CountDate})" : null, d.Detail }.OfType<string>())),
                Output.Text(string.Join(", ", sources)));
        }
        AnsiConsole.Write(table);
        foreach (var e in state.Upcoming)
            Console.WriteLine($"  upcoming: {e.Type.Code()} {e.Source}{(e.Target is null ? "" : " → " + e.Target)} {e.Modality.ToCode()} for {e.Date}");
    }

    public static void PrintTimeline(ActorPair pair, Clocks clocks, IReadOnlyList<TimelineEntry> entries)
    {
        var heading = clocks == Clocks.Now ? "" : $" ({ClockOptions.Heading(clocks)})";
        AnsiConsole.MarkupLine($"[bold]Timeline {pair.Id}[/]{Output.Text(heading)}: {entries.Count} event{(entries.Count == 1 ? "" : "s")}");
        var table = new Table().AddColumns("date", "event", "actors", "modality", "confidence", "sources");
        foreach (var e in entries)
        {
            var actors = e.Parties.Count > 0 ? string.Join(" + ", e.Parties) : e.Target is null ? e.Source ?? "" : $"{e.Source} → {e.Target}";
            var detail = (e.Area is null ? "" : $" [{e.Area}]") + (e.Count is { } c ? $" {c:N0}" : "") + (e.ConflictsWith.Count > 0 ? " [conflicting dates]" : "");
            table.AddRow(e.Date.ToString(), Output.Text(e.Type.Code() + detail), actors, e.Modality.ToCode(), e.Confidence.ToString("0.00", CultureInfo.InvariantCulture),
                Output.Text($"{e.SourceCount} ({e.IndependentSources} independent): " + string.Join(", ", e.Reports.Select(r => $"{r.Publisher ?? r.ArticleId} {r.Published:yyyy-MM-dd}").Distinct())));
        }
        AnsiConsole.Write(table);
    }

    public static void PrintAudit(RelationshipState state) => PrintAudit(new RelationshipAnswers.Audited(state, [], [], []));

    public static void PrintAudit(RelationshipAnswers.Audited audited)
    {
        var state = audited.State;
        var notes = Notes(audited);
        var root = new Tree($"[bold]{state.Pair.Id}[/] {ClockOptions.Heading(state.Clocks)}");
        foreach (var d in state.Dimensions)
        {
            var node = root.AddNode($"[bold]{Output.Text(d.Key)}[/]: {Output.Text(Relationship.Words(d.Status))} since {d.Since}{(d.Count is { } c ? $", {c:N0} troops ({d.CountDate})" : "")}");
            if (!d.IsContested)
            {
                AddChain(node, state, d.EntryIds, notes);
                continue;
            }
            // Contested: each side with its own chain, and the rule that decided between them.
            var decided = d.Prevailing is { } p ? $"{Relationship.Words(p)} prevails" : "none prevails";
            node.AddNode(Output.Text($"decided by rule {Relationship.RuleName(d.Rule)}: {decided}"));
            foreach (var r in d.Readings)
            {
                var side = node.AddNode(Output.Text($"reading: {Relationship.Words(r.Status)} since {r.Since}, {r.IndependentSources} independent source{(r.IndependentSources == 1 ? "" : "s")}, confidence {r.Confidence:0.00}{(r.Status == d.Prevailing ? " (prevails)" : "")}"));
                AddChain(side, state, r.EntryIds, notes);
            }
        }
        // Visits set no status: they are audited as events of their own.
        if (Relationship.Occurrences(state) is { Count: > 0 } occurrences)
            AddChain(root.AddNode("[bold]events without a lasting state[/] (visits)"), state, occurrences.Select(e => e.Id), notes);
        // Every correction of the history, in force or not, and the extraction's reports it took out (they no longer count).
        if (audited.Corrections.Count > 0)
        {
            var inForce = audited.InForce.Select(c => c.Id).ToHashSet();
            var node = root.AddNode("[bold]corrections[/]");
            foreach (var c in audited.Corrections)
            {
                var line = node.AddNode(Output.Text($"{c.Id} {Corrections.Describe(c)}{(inForce.Contains(c.Id) || c.Kind == CorrectionKind.Undone ? "" : " (undone)")}"));
                if (!inForce.Contains(c.Id) || c.Kind is not (CorrectionKind.Retracted or CorrectionKind.Corrected)) continue;
                foreach (var r in audited.TakenOut.Where(r => ReportedEventKey.Of(r) == c.Key))
                    line.AddNode(Output.Text($"← took out event {r.EventId} ({r.ExtractorVersion}) of {r.Article.Publisher ?? r.ArticleId}: \"{r.Event.Evidence.FirstOrDefault()?.Quote.ReplaceLineEndings(" ")}\""));
            }
        }
        AnsiConsole.Write(root);
    }

    /// <summary>The chain under a dimension, a reading or the visits: entries ← events (rule, version, confidence) ← articles ← quoted sentences.</summary>
    /// <summary>Per event key, the corrections in force about it: what the chain says under the report.</summary>
    private static Dictionary<ReportedEventKey, List<Correction>> Notes(RelationshipAnswers.Audited audited)
    {
        var notes = new Dictionary<ReportedEventKey, List<Correction>>();
        foreach (var c in audited.InForce)
        {
            var key = c.Replacement is { } r ? ReportedEventKey.Of(r) : c.Key;
            if (key is null) continue;
            if (!notes.TryGetValue(key, out var list)) notes[key] = list = [];
            list.Add(c);
        }
        return notes;
    }

    private static void AddChain(IHasTreeNodes node, RelationshipState state, IEnumerable<string> entryIds, Dictionary<ReportedEventKey, List<Correction>> notes)
    {
        foreach (var e in entryIds.Select(state.Entry).OfType<TimelineEntry>())
        {
            var entry = node.AddNode(Output.Text($"← {e.Type.Code()} {e.Source}{(e.Target is null ? "" : " → " + e.Target)}{string.Join(" + ", e.Parties)} {e.Date} ({e.Date.Precision.ToCode()}), {e.Modality.ToCode()}, confidence {e.Confidence:0.00}, {e.SourceCount} source{(e.SourceCount == 1 ? "" : "s")} ({e.IndependentSources} independent)"));
            foreach (var r in e.Reports)
            {
                var report = entry.AddNode(Output.Text($"← event {r.EventId} rule {r.RuleId}@{r.RuleVersion} (extractor {r.ExtractorVersion}), date {r.Date}, confidence {r.Confidence:0.00}"));
                // An analyst's event names its correction; an extractor's event the confirmations of it.
                var made = Corrections.CorrectionOf(r.RuleId);
                foreach (var c in notes.GetValueOrDefault(ReportedEventKey.Of(e, r)) ?? [])
                    if (c.Id == made || (made is null && c.Kind == CorrectionKind.Confirmed))
                        report.AddNode(Output.Text(Corrections.Describe(c)));
                var published = r.PublicationUnstated ? $"publication date unstated, counted as published when recorded ({r.Published:yyyy-MM-dd})" : $"published {r.Published:yyyy-MM-dd}";
                var article = report.AddNode(Output.Text($"← {r.Publisher ?? "?"}, {published}, {r.Url ?? r.ArticleId}"));
                foreach (var ev in r.Evidence)
                    article.AddNode(Output.Text($"← sentence {ev.SentenceIndex} [{ev.Start}..{ev.End}]: \"{ev.Quote.ReplaceLineEndings(" ")}\""));
            }
        }
    }

    private static (Argument<string> A, Argument<string> B) PairArguments() =>
        (new Argument<string>("a") { Description = "One actor: a code or a name, e.g. USA, US, \"United States\"" },
         new Argument<string>("b") { Description = "The other actor, e.g. NER or Niger" });

    /// <summary>The pair as typed, through the same resolver and validation as HTTP (codes, ISO alpha-2 codes, names).</summary>
    private static async Task<ActorPair> PairAsync(RelationshipService relationships, ParseResult parse, Argument<string> a, Argument<string> b, CancellationToken ct) =>
        (await relationships.PairAsync(parse.GetValue(a)!, parse.GetValue(b)!, ct)).OrExit();
}
