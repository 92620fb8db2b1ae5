using System.CommandLine;
using Monitoring.Api.Events;
using Monitoring.Domain;
using Monitoring.Store.Events;
using Spectre.Console;

namespace Monitoring.Cli.Commands;

public static class EventsCommand
{
    public static Command Create()
    {
        var type = new Option<string?>("--type") { Description = "An event type of the vocabulary, e.g. agreement_denounced (AgreementDenounced is accepted too)" };
        var actor = new Option<string?>("--actor") { Description = "An actor code, e.g. NER" };
        var from = new Option<string?>("--from") { Description = "Events that may have happened on or after this date (yyyy-MM-dd)" };
        var to = new Option<string?>("--to") { Description = "Events that may have happened on or before this date (yyyy-MM-dd)" };
        var article = new Option<string?>("--article") { Description = "Only the events of this article (its id, article-...)" };
        var limit = new Option<int>("--limit") { Description = "At most this many events", DefaultValueFactory = _ => 50 };
        var clocks = new ClockOptions();
        var command = new Command("events", "Reported events, newest recorded first.\n\nExamples:\n  monitor events --actor NER --type agreement_denounced\n  monitor events --from 2024-03-01 --to 2024-03-31 --json\n  monitor events --actor NER --known-at 2023-12-20")
        {
            type, actor, from, to, article, limit, Output.JsonOption,
        };
        foreach (var option in clocks.All) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var filter = new EventFilter(
                parse.GetValue(type) is { } t ? Vocabulary.ParseType(t)
                    ?? throw new CliException($"--type '{t}' is not an event type; one of: {string.Join(", ", Vocabulary.TypeCodes)}", 2) : null,
                null,
                OptionText.Date(parse.GetValue(from), "--from"), OptionText.Date(parse.GetValue(to), "--to"),
                parse.GetValue(article), 0, Math.Clamp(parse.GetValue(limit), 1, 10_000), Clocks: clocks.Read(parse));
            await using var host = await CliHost.StartAsync(ct);
            var events = (await host.Get<EventService>().ListAsync(filter, parse.GetValue(actor), ct)).OrExit();
            if (parse.GetValue(Output.JsonOption)) Output.WriteJson(events);
            else
            {
                var table = new Table().AddColumns("recorded", "date", "event", "actors", "source", "quote");
                foreach (var e in events)
                    table.AddRow(e.RecordedAt.ToString("u"), e.Event.Date.ToString(), e.Event.Type.Code() + (e.Correction is { } c ? $" [{Output.Text(c)}]" : ""), ExtractCommand.Actors(e.Event),
                        Output.Text($"{e.Publisher} {e.Published:yyyy-MM-dd}"), Output.Text(e.Event.Evidence.FirstOrDefault()?.Quote.ReplaceLineEndings(" ") ?? ""));
                AnsiConsole.Write(table);
            }
            return 0;
        });
        return command;
    }
}
