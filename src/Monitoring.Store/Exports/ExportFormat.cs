namespace Monitoring.Store.Exports;

public enum ExportFormat { Csv, Jsonl, Parquet }

public static class ExportFormats
{
    /// <summary>csv, jsonl (or ndjson), parquet; null for anything else, so each face words its own error.</summary>
    public static ExportFormat? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "csv" => ExportFormat.Csv,
        "jsonl" or "ndjson" or "json-lines" => ExportFormat.Jsonl,
        "parquet" => ExportFormat.Parquet,
        _ => null,
    };

    public static string MediaType(this ExportFormat format) => format switch
    {
        ExportFormat.Csv => "text/csv; charset=utf-8",
        ExportFormat.Jsonl => "application/jsonl; charset=utf-8",
        _ => "application/vnd.apache.parquet",
    };

    public static string Extension(this ExportFormat format) => format switch
    {
        ExportFormat.Csv => "csv",
        ExportFormat.Jsonl => "jsonl",
        _ => "parquet",
    };
}
