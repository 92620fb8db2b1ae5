namespace Monitoring.Store.Exports;

/// <summary>The kinds of value an export column holds: each format writes them its own way (Parquet with a logical type).</summary>
public enum ColumnKind { Text, Date, Integer, Number, Timestamp, Boolean }

/// <summary>One column of an export table: its name in every format, its kind, what it means (the data dictionary), its value.</summary>
public sealed record ExportColumn<TRow>(string Name, ColumnKind Kind, string Meaning, Func<TRow, object?> Value);

/// <summary>
/// A flat table's schema: the same columns, in the same order, for CSV, JSON Lines and Parquet, so that a row read
/// back from any of them compares with the others and with the API. <c>docs/data-dictionary.md</c> is generated from it.
/// </summary>
public sealed record ExportTable<TRow>(string Name, string Meaning, IReadOnlyList<ExportColumn<TRow>> Columns);
