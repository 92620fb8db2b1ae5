using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Monitoring.Benchmarks.Running;

/// <summary>Writes a run as JSON and as a Markdown table: a timestamped pair of files, and latest.json / latest.md.</summary>
public static class ResultWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static (string Json, string Markdown) Write(BenchResult result, string directory) =>
        WriteFiles(directory, result.StartedAt, $"n{result.Articles}", ToJson(result), Markdown(result), "latest");

    /// <summary>
    /// Writes <c>&lt;time&gt;-&lt;suffix&gt;.json|md</c> under <paramref name="directory"/>, and the same as
    /// <c>&lt;latest&gt;.json|md</c> when given: every bench command's results side by side.
    /// </summary>
    internal static (string Json, string Markdown) WriteFiles(string directory, DateTimeOffset startedAt, string suffix, string json, string markdown, string? latest)
    {
        Directory.CreateDirectory(directory);
        var stamp = startedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var jsonPath = Path.Combine(directory, $"{stamp}-{suffix}.json");
        var mdPath = Path.Combine(directory, $"{stamp}-{suffix}.md");
        File.WriteAllText(jsonPath, json);
        File.WriteAllText(mdPath, markdown);
        if (latest is not null)
        {
            File.WriteAllText(Path.Combine(directory, $"{latest}.json"), json);
            File.WriteAllText(Path.Combine(directory, $"{latest}.md"), markdown);
        }
        return (jsonPath, mdPath);
    }

    public static string ToJson(BenchResult result) => JsonSerializer.Serialize(result, Json);

    public static string Markdown(BenchResult r)
    {
        var sb = new StringBuilder();
        var x = r.Extraction;
        var i = r.Ingestion;
        var p = i.ProductionPath;
        sb.AppendLine(CultureInfo.InvariantCulture, $"# Monitor benchmark — {r.Articles:N0} articles, seed {r.Seed}");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Run {r.StartedAt:yyyy-MM-dd HH:mm} UTC, {r.Seconds:N0} s, {r.Machine}.");
        sb.AppendLine();
        sb.AppendLine("| measure | figure | target | met |");
        sb.AppendLine("| --- | --- | --- | --- |");
        Row(sb, "extraction, one core", $"{x.ExtractionMbPerSecOneCore:N2} MB/s, {x.ExtractionArticlesPerSecOneCore:N0} articles/s", "≥ 5 MB/s per core", x.ExtractionMbPerSecOneCore >= 5);
        Row(sb, $"extraction, all {x.Cores} cores", $"{x.ExtractionMbPerSecAllCores:N2} MB/s, {x.ExtractionArticlesPerSecAllCores:N0} articles/s", "", null);
        Row(sb, "baseline: read + split sentences", $"{x.BaselineMbPerSecOneCore:N2} MB/s one core, {x.BaselineMbPerSecAllCores:N2} MB/s all cores", "", null);
        Row(sb, "extraction time / baseline time", $"{x.TimeRatioToBaseline:N1}×", "", null);
        Row(sb, "extraction quality (sample)", $"recall {x.Quality.Recall:P0} ({x.Quality.Matched:N0}/{x.Quality.GoldEvents:N0} gold), precision {x.Quality.Precision:P0} ({x.Quality.MatchedExtracted:N0}/{x.Quality.ExtractedEvents:N0}), negations violated {x.Quality.MustNotViolations}/{x.Quality.MustNot}", "", null);
        Row(sb, $"ingestion end to end, {i.Path}", $"{i.ArticlesPerSec:N0} articles/s, {i.EventsPerSec:N0} events/s ({i.Accepted:N0} accepted, {i.Duplicates:N0} duplicates, {i.Events:N0} events, {i.Seconds:N0} s)", "≥ 1,000 articles/s", i.ArticlesPerSec >= 1000);
        Row(sb, "imports within that run (extraction competing for the cores)", $"{i.AppendEventsPerSec:N0} events/s ({i.AppendSeconds:N1} s of {i.Seconds:N1} s wall: event COPY {i.EventCopySeconds:N1} s, {i.HistoryDocuments:N0} history documents COPY {i.HistoryCopySeconds:N1} s, the rest duplicate checks and bookkeeping)", "", null);
        Row(sb, "ingestion profile", $"read + extract {i.PrepareSeconds:N1} s (overlapped with imports); importer waited {i.AppenderWaitSeconds:N1} s for extraction", "", null);
        Row(sb, "COPY baseline: same event rows, binary import", $"{r.Copy.RowsPerSec:N0} rows/s ({r.Copy.Rows:N0} rows, {r.Copy.Megabytes:N0} MB JSON)", "", null);
        Row(sb, "Marten append alone (bulk append of the events) as % of COPY", $"{r.Copy.MartenAppendPercentOfCopy:N0} % ({r.Appends[0].EventsPerSec:N0} / {r.Copy.RowsPerSec:N0} per s)", "≥ 50 %", r.Copy.MartenAppendPercentOfCopy >= 50);
        if (r.Appends.Count > 1 && r.Copy.RowsPerSec > 0)
            Row(sb, "whole import (events + history documents) as % of COPY", $"{100 * r.Appends[1].EventsPerSec / r.Copy.RowsPerSec:N0} % ({r.Appends[1].EventsPerSec:N0} / {r.Copy.RowsPerSec:N0} per s)", "", null);
        if (p is not null)
            Row(sb, $"ingestion, {p.Path}", $"{p.ArticlesPerSec:N0} articles/s, {p.EventsPerSec:N0} events/s ({p.Articles:N0} articles)", "", null);
        foreach (var a in r.Appends)
            Row(sb, a.What, $"{a.EventsPerSec:N0} events/s ({a.Events:N0} events)", "", null);
        var b = r.Rebuild;
        Row(sb, "projection rebuild from scratch, baseline (daemon RebuildProjectionAsync, one thread)", $"{b.EventsPerSec:N0} events/s ({b.StoreEvents:N0} events, {b.ProjectedEvents:N0} projected, {b.Seconds:N1} s; documents {b.DocumentsBefore:N0} → {b.DocumentsAfter:N0})", "", null);
        Row(sb, $"projection rebuild from scratch, parallel ({b.ParallelWorkers} workers over ranges of the event sequence)", $"{b.ParallelEventsPerSec:N0} events/s ({b.ParallelSeconds:N1} s, {b.Speedup:N2}× the daemon's in the same run; documents {b.ParallelDocumentsAfter:N0})", "≥ 30,000 events/s", b.ParallelEventsPerSec >= 30_000);
        Row(sb, "  of which without the parallelism: the same on 1 worker (direct event read, change counter suspended)", $"{b.OneWorkerEventsPerSec:N0} events/s ({b.OneWorkerSeconds:N1} s)", "", null);
        var largest = r.Queries.Count == 0 ? 0 : r.Queries.Max(q => q.StoreEvents);
        foreach (var q in r.Queries)
        {
            var stateAtMillion = q.Query.StartsWith("StateOf (", StringComparison.Ordinal) && q.StoreEvents == largest && q.PairEvents >= 10_000;
            Row(sb, $"{q.Query}, {q.Pair} ({q.PairEvents:N0} pair events, {q.StoreEvents:N0} in store)", $"median {q.MedianMs:N1} ms, p99 {q.P99Ms:N1} ms",
                stateAtMillion ? "p99 ≤ 10 ms at 1,000,000 events" : "", stateAtMillion && q.StoreEvents >= 1_000_000 ? q.P99Ms <= 10 : null);
        }
        var n = r.Notifications;
        Row(sb, "notifications: commit-to-webhook latency (daemon change detection → durable webhook, defaults)",
            n.Received == 0 ? $"not measured: {n.Note}" : $"median {n.MedianMs:N0} ms, p99 {n.P99Ms:N0} ms ({n.Received}/{n.Changes} changes){(n.Note is null ? "" : "; " + n.Note)}",
            "p99 ≤ 1 s", n.Received == 0 ? null : n.P99Ms <= 1000);
        Row(sb, "peak working set while ingesting", $"{r.Memory.PeakAtTenthMb:N0} MB after {r.Memory.ArticlesAtTenth:N0} articles, {r.Memory.PeakAtEndMb:N0} MB after {r.Memory.ArticlesAtEnd:N0} (process peak {r.Memory.ProcessPeakMb:N0} MB)", "≤ 1 GB at 1,000,000 articles", r.Memory.PeakAtEndMb <= 1000 ? true : false);
        return sb.ToString();
    }

    public static (string Json, string Markdown) Write(QueriesResult result, string directory) =>
        WriteFiles(directory, result.StartedAt, "queries", ToJson(result), Markdown(result), latest: null);

    public static string ToJson(QueriesResult result) => JsonSerializer.Serialize(result, Json);

    /// <summary>The query phase against the targets of a store at scale: a hot pair (≥ 150k reports) and a smaller one.</summary>
    public static string Markdown(QueriesResult r)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"# Monitor benchmark — the query phase on schema {r.Schema}, seed {r.Seed}");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Run {r.StartedAt:yyyy-MM-dd HH:mm} UTC, {r.Seconds:N0} s, {r.Machine}. Recorded-clock cuts drawn between " +
            $"{r.WrittenFrom:yyyy-MM-dd HH:mm:ss} and {r.WrittenUntil:yyyy-MM-dd HH:mm:ss} UTC, when the store was written: every such cut is mid-import.");
        sb.AppendLine();
        sb.AppendLine("| measure | figure | target | met |");
        sb.AppendLine("| --- | --- | --- | --- |");
        foreach (var q in r.Queries)
        {
            var hot = q.PairEvents >= 150_000;
            var (target, met) = q.Query switch
            {
                var s when s.StartsWith("StateOf (", StringComparison.Ordinal) && hot => ("median ≤ 5 ms, p99 ≤ 10 ms", (bool?)(q.MedianMs <= 5 && q.P99Ms <= 10)),
                var s when s.StartsWith("StateOf (", StringComparison.Ordinal) => ("p99 ≤ 5 ms", q.P99Ms <= 5),
                var s when s.StartsWith("StateOf, first", StringComparison.Ordinal) && hot => ("≤ 1 s (p99)", q.P99Ms <= 1000),
                _ => ("", null),
            };
            Row(sb, $"{q.Query}, {q.Pair} ({q.PairEvents:N0} pair events, {q.StoreEvents:N0} in store)", $"median {q.MedianMs:N1} ms, p99 {q.P99Ms:N1} ms", target, met);
        }
        Row(sb, "peak working set of the process over the query phase", $"{r.PeakMb:N0} MB (process peak {r.ProcessPeakMb:N0} MB)", "≤ 1 GB", r.PeakMb <= 1000);
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, string measure, string figure, string target, bool? met) =>
        sb.AppendLine(CultureInfo.InvariantCulture, $"| {measure} | {figure} | {target} | {(met is null ? "" : met.Value ? "yes" : "**no**")} |");
}
