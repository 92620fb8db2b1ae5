using System.Text;
using Monitoring.Notifications.Feed;
using Monitoring.Store.Exports;

namespace Monitoring.Api.Exports;

/// <summary>docs/data-dictionary.md, written from the tables' own schemas so the document cannot drift from the files.</summary>
public static class DataDictionary
{
    public static string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine("# Data dictionary: Monitor's export tables");
        md.AppendLine();
        md.AppendLine("<!-- Generated from the export schemas (src/Monitoring.Store/Exports/ExportTables.cs, src/Monitoring.Notifications/Feed/ChangeExport.cs).");
        md.AppendLine("     Do not edit: DataDictionaryTests fails while this file differs; MONITOR_APPROVE=1 rewrites it. -->");
        md.AppendLine();
        md.AppendLine("`monitor export events|states|changes --format csv|jsonl|parquet [-o FILE]` and `GET /export/{events|states|changes}?format=...`");
        md.AppendLine("write the same tables. The clocks: `--as-of`/`asOf` (valid date), `--known-at`/`knownAt` (publication date), `--recorded-at`/`recordedAt`");
        md.AppendLine("(recorded instant); filters: `actor` (code or name), `from`/`to` (events and changes), `type` (events).");
        md.AppendLine();
        md.AppendLine("The same columns, in the same order, in every format. Dates are `yyyy-MM-dd` (Parquet `DATE`), instants UTC ISO 8601");
        md.AppendLine("(Parquet `TIMESTAMP`), lists `;`-separated. An absent value is an empty field in CSV and `null` in JSON Lines and Parquet.");
        md.AppendLine("CSV is RFC 4180, UTF-8 without a byte-order mark; text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`)");
        md.AppendLine("gets a leading apostrophe. A month-precision date is the first of its month: read `precision` (and `earliest`/`latest`) with it.");
        Table(md, ExportTables.Events);
        Table(md, ExportTables.States);
        Table(md, ChangeExport.Table);
        return md.ToString();
    }

    private static void Table<TRow>(StringBuilder md, ExportTable<TRow> table)
    {
        md.AppendLine();
        md.AppendLine($"## `{table.Name}`");
        md.AppendLine();
        md.AppendLine(table.Meaning);
        md.AppendLine();
        md.AppendLine("| column | kind | meaning |");
        md.AppendLine("| --- | --- | --- |");
        foreach (var c in table.Columns)
            md.AppendLine($"| `{c.Name}` | {c.Kind.ToString().ToLowerInvariant()} | {c.Meaning.Replace("|", "\\|")} |");
    }
}
