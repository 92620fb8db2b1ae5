using System.CommandLine;
using System.Globalization;
using Monitoring.Api.Relationships;
using Monitoring.Api.Review;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.Domain.Review;
using Spectre.Console;

namespace Monitoring.Cli.Commands;

/// <summary>
/// Analyst review: <c>review</c> (the queue), <c>retract</c>, <c>confirm</c>, <c>correct</c>, <c>assert</c>, <c>undo</c> and
/// <c>corrections</c>, thin over <see cref="ReviewService"/> (the same as HTTP). The analyst is <c>--analyst</c>, else
/// MONITOR_ANALYST, else the OS user.
/// </summary>
public static class ReviewCommands
{
    private static readonly Option<string?> Analyst = new("--analyst") { Description = "Who makes the correction (default: MONITOR_ANALYST, else the OS user)" };

    private static Option<string?> Reason(bool required) =>
        new("--reason") { Description = required ? "Why (required): what the sentence really says" : "Why (optional)" };

    public static IEnumerable<Command> Create() => [Review(), Retract(), Confirm(), Correct(), Assert(), Undo(), List()];

    private static Command Review()
    {
        var actor = new Option<string?>("--actor") { Description = "Only this actor's relationships, e.g. NER" };
        var pair = new Option<string?>("--pair") { Description = "Only one relationship, e.g. USA-NER" };
        var limit = new Option<int>("--limit") { Description = "At most this many events", DefaultValueFactory = _ => 20 };
        var command = new Command("review", """
            The review queue: events that decide a state on a single source, low-confidence events, contested dimensions, approximate dates,
            and corrections whose event is no longer extracted, ranked by how much of a current state rests on them.

            Examples:
              monitor review
              monitor review --actor NER --limit 5
              monitor review --pair USA-NER --json
            """) { actor, pair, limit, Output.JsonOption };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(ct);
            ActorPair? only = null;
            if (parse.GetValue(pair) is { } typed)
            {
                var parts = typed.Split(['-', '/', ' '], 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (parts.Length != 2) throw new CliException($"--pair '{typed}' is not a relationship such as USA-NER", 2);
                only = (await host.Get<RelationshipService>().PairAsync(parts[0], parts[1], ct)).OrExit();
            }
            var actorCode = (await host.Get<RelationshipService>().OptionalActorAsync(parse.GetValue(actor), ct)).OrExit();
            var queue = await host.Get<ReviewService>().QueueAsync(actorCode, only, Math.Clamp(parse.GetValue(limit), 1, 10_000), ct);
            if (parse.GetValue(Output.JsonOption)) Output.WriteJson(queue);
            else if (queue.Count == 0) Console.WriteLine("Nothing to review.");
            else
            {
                var table = new Table().AddColumns("weight", "why", "event", "date", "source", "sentence", "key");
                foreach (var i in queue)
                    table.AddRow(i.Weight.ToString("0.00", CultureInfo.InvariantCulture), string.Join(", ", i.Reasons.Select(Code)),
                        Output.Text($"{i.Type.Code()} {i.Actors}"), i.Date.ToString(), Output.Text($"{i.Publisher ?? i.ArticleId} {i.Published:yyyy-MM-dd}"),
                        Output.Text(i.Quote?.ReplaceLineEndings(" ") ?? ""), Output.Text(i.Correction is { } c ? $"correction {c}" : i.Key));
                AnsiConsole.Write(table);
            }
            return 0;
        });
        return command;
    }

    private static string Code(ReviewReason r) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(r.ToString());

    private static Argument<string> EventArgument() => new("event") { Description = $"The event: {ReviewService.EventForms}" };

    private static Command Retract()
    {
        var e = EventArgument();
        var reason = Reason(required: true);
        var command = new Command("retract", "Retract an event extraction got wrong: it stops counting from now on (the audit shows who, when and why; --recorded-at before it gives the old answer).\n\nExample:\n  monitor retract 3f2b8c1e-9d4a-4c7e-8b1a-2e5f6a7b8c9d --reason \"the sentence reports a rumour\"")
        {
            e, reason, Analyst, Output.JsonOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            var why = RequiredReason(parse, reason);
            await using var host = await CliHost.StartAsync(ct);
            Print(parse, (await host.Get<ReviewService>().RetractAsync(parse.GetValue(e)!, AnalystOf(parse), why, ct)).OrExit());
            return 0;
        });
        return command;
    }

    private static Command Confirm()
    {
        var e = EventArgument();
        var reason = Reason(required: false);
        var command = new Command("confirm", "Confirm an event as read: no state changes, it leaves the review queue and the audit says who confirmed it.\n\nExample:\n  monitor confirm 3f2b8c1e-9d4a-4c7e-8b1a-2e5f6a7b8c9d")
        {
            e, reason, Analyst, Output.JsonOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(ct);
            Print(parse, (await host.Get<ReviewService>().ConfirmAsync(parse.GetValue(e)!, AnalystOf(parse), parse.GetValue(reason), ct)).OrExit());
            return 0;
        });
        return command;
    }

    private static (Option<string?> Date, Option<string?> Precision, Option<string?> Type, Option<string?> Source, Option<string?> Target, Option<string?> Modality) EventOptions() =>
        (new Option<string?>("--date") { Description = "The event's date, yyyy-MM-dd (the first day of the month or year with --precision)" },
         new Option<string?>("--precision") { Description = "day, month, year or unknown (default day with --date)" },
         new Option<string?>("--type") { Description = "An event type of the vocabulary, e.g. agreement_denounced" },
         new Option<string?>("--source") { Description = "The acting actor (a code or a name)" },
         new Option<string?>("--target") { Description = "The actor acted on (a code or a name)" },
         new Option<string?>("--modality") { Description = "asserted, planned or expected" });

    private static Command Correct()
    {
        var e = EventArgument();
        var reason = Reason(required: true);
        var (date, precision, type, source, target, modality) = EventOptions();
        var command = new Command("correct", "Correct what extraction read: the event is replaced by the analyst's reading from now on (a corrected target moves it to another relationship).\n\nExample:\n  monitor correct 3f2b8c1e-9d4a-4c7e-8b1a-2e5f6a7b8c9d --date 2024-03-15 --reason \"the statement was broadcast the evening before\"")
        {
            e, date, precision, type, source, target, modality, reason, Analyst, Output.JsonOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            var why = RequiredReason(parse, reason);
            var changes = new EventChanges(parse.GetValue(date), parse.GetValue(precision), parse.GetValue(type), parse.GetValue(source), parse.GetValue(target),
                parse.GetValue(modality));
            await using var host = await CliHost.StartAsync(ct);
            Print(parse, (await host.Get<ReviewService>().CorrectAsync(parse.GetValue(e)!, changes, AnalystOf(parse), why, ct)).OrExit());
            return 0;
        });
        return command;
    }

    private static Command Assert()
    {
        var reason = Reason(required: true);
        var (date, precision, type, source, target, modality) = EventOptions();
        var article = new Option<string?>("--article") { Description = "The article the event was read in (article-…)" };
        var sentence = new Option<int?>("--sentence") { Description = "The sentence it was read in (its index, from 0; default 0)" };
        var area = new Option<string?>("--area") { Description = "The area of cooperation or of the agreement, e.g. security" };
        var command = new Command("assert", "Assert an event extraction missed, tied to the article and sentence it was read in.\n\nExample:\n  monitor assert --type ties_severed --source NER --target FRA --date 2023-08-03 --article article-9c09... --sentence 4 --reason \"missed: 'broke off relations'\"")
        {
            type, source, target, date, precision, modality, area, article, sentence, reason, Analyst, Output.JsonOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            var why = RequiredReason(parse, reason);
            var asserted = new AssertedEvent(parse.GetValue(type), parse.GetValue(source), parse.GetValue(target), parse.GetValue(date), parse.GetValue(precision),
                parse.GetValue(article), parse.GetValue(sentence), parse.GetValue(modality), parse.GetValue(area));
            await using var host = await CliHost.StartAsync(ct);
            Print(parse, (await host.Get<ReviewService>().AssertAsync(asserted, AnalystOf(parse), why, ct)).OrExit());
            return 0;
        });
        return command;
    }

    private static Command Undo()
    {
        var id = new Argument<string>("correction") { Description = "The correction's id, as retract, correct, assert and corrections print it" };
        var reason = Reason(required: false);
        var command = new Command("undo", "Take a correction back: from now on the history reads as it did without it (the machine's reading, for a retraction).\n\nExample:\n  monitor undo 6c1d0f7a-2b3c-4d5e-8f90-a1b2c3d4e5f6")
        {
            id, reason, Analyst, Output.JsonOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(ct);
            Print(parse, (await host.Get<ReviewService>().UndoAsync(parse.GetValue(id)!, AnalystOf(parse), parse.GetValue(reason), ct)).OrExit());
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var limit = new Option<int>("--limit") { Description = "At most this many corrections", DefaultValueFactory = _ => 50 };
        var command = new Command("corrections", "Every analyst's correction, newest first (--analyst: one analyst's).\n\nExample:\n  monitor corrections --analyst alice --json")
        {
            Analyst, limit, Output.JsonOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(ct);
            var corrections = await host.Get<ReviewService>().ListAsync(parse.GetValue(Analyst), Math.Clamp(parse.GetValue(limit), 1, 10_000), ct);
            if (parse.GetValue(Output.JsonOption)) Output.WriteJson(corrections);
            else if (corrections.Count == 0) Console.WriteLine("No correction yet.");
            else
            {
                var table = new Table().AddColumns("id", "recorded", "what", "event");
                foreach (var c in corrections)
                    table.AddRow(c.Id.ToString(), c.RecordedAt.ToString("u"), Output.Text(c.Description + (c.Undone ? $" (undone by {c.UndoneBy})" : "")),
                        Output.Text(c.Key ?? ""));
                AnsiConsole.Write(table);
            }
            return 0;
        });
        return command;
    }

    /// <summary>--analyst, else MONITOR_ANALYST, else the OS user.</summary>
    private static string AnalystOf(ParseResult parse) =>
        parse.GetValue(Analyst) is { Length: > 0 } named ? named
        : Environment.GetEnvironmentVariable("MONITOR_ANALYST") is { Length: > 0 } configured ? configured
        : Environment.UserName;

    private static string RequiredReason(ParseResult parse, Option<string?> reason) =>
        parse.GetValue(reason) is { } r && !string.IsNullOrWhiteSpace(r) ? r : throw new CliException($"{parse.CommandResult.Command.Name} needs --reason \"why\"", 2);

    private static void Print(ParseResult parse, CorrectionView c)
    {
        if (parse.GetValue(Output.JsonOption)) Output.WriteJson(c);
        else Console.WriteLine($"correction {c.Id}: {c.Description}");
    }
}
