using System.CommandLine;
using Monitoring.Api.Exports;
using Monitoring.Api.Relationships;
using Monitoring.Domain;
using Monitoring.Store.Exports;

namespace Monitoring.Cli.Commands;

/// <summary><c>monitor export events|states|changes</c>: the flat tables of docs/data-dictionary.md, to a file or stdout.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var what = new Argument<string>("table") { Description = "events, states or changes" };
        var format = new Option<string>("--format") { Description = "csv, jsonl or parquet (default: from the -o file's extension, else csv)" };
        var clockOptions = new ClockOptions();
        var actor = new Option<string?>("--actor") { Description = "Only relationships of this actor (a code or a name: NER, Niger)" };
        var from = new Option<string?>("--from") { Description = "Events or changes that may have happened on or after this date (yyyy-MM-dd)" };
        var to = new Option<string?>("--to") { Description = "Events or changes that may have happened on or before this date (yyyy-MM-dd)" };
        var type = new Option<string?>("--type") { Description = "Only events of this type (agreement_denounced; AgreementDenounced is accepted too)" };
        var output = new Option<FileInfo?>("-o", "--output") { Description = "Write to this file (replaced only once the export is complete); default stdout" };
        var command = new Command("export", """
            A flat table for pandas, R or a spreadsheet: one row per event per relationship, per dimension, or per change.
            Columns and their meanings: docs/data-dictionary.md.

            Examples:
              monitor export events -o events.parquet
              monitor export events --actor Niger --from 2023-01-01 --format csv > niger.csv
              monitor export states --as-of 2024-01-01 --known-at 2023-12-31 --format jsonl
            """)
        {
            what, format, actor, from, to, type, output,
        };
        foreach (var option in clockOptions.All) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var typed = parse.GetValue(what)!;
            var table = ExportService.Table(typed) ?? throw new CliException($"'{typed}' is not an export table; one of: {string.Join(", ", ExportService.Tables)}", 2);
            var file = parse.GetValue(output);
            var formatText = parse.GetValue(format) ?? file?.Extension.TrimStart('.') switch { "parquet" or "jsonl" or "ndjson" => file.Extension.TrimStart('.'), _ => "csv" };
            var exportFormat = ExportFormats.Parse(formatText) ?? throw new CliException($"--format '{formatText}' is not a format; one of: csv, jsonl, parquet", 2);
            WorldEventType? eventType = parse.GetValue(type) is { } t
                ? Vocabulary.ParseType(t) ?? throw new CliException($"--type '{t}' is not an event type; one of: {string.Join(", ", Vocabulary.TypeCodes)}", 2)
                : null;
            var clocks = clockOptions.Read(parse);
            var (fromDate, toDate) = (OptionText.Date(parse.GetValue(from), "--from"), OptionText.Date(parse.GetValue(to), "--to"));
            if (fromDate > toDate) throw new CliException($"--to {toDate:yyyy-MM-dd} is before --from {fromDate:yyyy-MM-dd}", 2);
            var request = new ExportRequest(exportFormat, clocks, null, fromDate, toDate, eventType);
            if (ExportService.Misfit(table, request) is { } misfit) throw new CliException(misfit, 2);
            if (exportFormat == ExportFormat.Parquet && file is null && !Console.IsOutputRedirected)
                throw new CliException("Parquet is binary: write it with -o FILE or redirect stdout", 2);

            await using var host = await CliHost.StartAsync(ct);
            request = request with { Actor = (await host.Get<RelationshipService>().OptionalActorAsync(parse.GetValue(actor), ct)).OrExit() };
            var progress = Console.IsErrorRedirected ? null : new Progress<int>(n => { if (n % 50 == 0) Console.Error.Write($"\rexport: {n} relationships..."); });
            var exports = host.Get<ExportService>();
            long rows;
            if (file is null)
            {
                await using var stdout = Console.OpenStandardOutput();
                rows = await exports.WriteAsync(table, request, stdout, progress, ct);
            }
            else
            {
                // Written beside the target and moved over it at the end: an interrupted export leaves the old file whole.
                var partial = file.FullName + ".partial";
                try
                {
                    await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: true))
                        rows = await exports.WriteAsync(table, request, stream, progress, ct);
                    File.Move(partial, file.FullName, overwrite: true);
                }
                finally
                {
                    if (File.Exists(partial)) File.Delete(partial);
                }
            }
            if (progress is not null) Console.Error.Write("\r");
            Console.Error.WriteLine($"export: {rows:N0} {table} rows{(file is null ? "" : $" to {file.FullName}")} ({exportFormat.Extension()})");
            return 0;
        });
        return command;
    }

}
