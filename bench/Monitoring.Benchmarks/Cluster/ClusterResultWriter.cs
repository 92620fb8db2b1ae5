using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Monitoring.Benchmarks.Cluster;

/// <summary>Writes a cluster run as bench/results/&lt;time&gt;-cluster.json and .md (and cluster-latest.*).</summary>
public static class ClusterResultWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static (string Json, string Markdown) Write(ClusterResult result, string directory) =>
        Running.ResultWriter.WriteFiles(directory, result.StartedAt, "cluster", ToJson(result), Markdown(result), "cluster-latest");

    public static string ToJson(ClusterResult result) => JsonSerializer.Serialize(result, Json);

    public static string Markdown(ClusterResult r)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"# Monitor cluster run — `monitor serve` nodes on loopback sharing one PostgreSQL");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Run {r.StartedAt:yyyy-MM-dd HH:mm} UTC, {r.Seconds:N0} s, {r.Machine}; corpus seed {r.Seed}, {r.Articles:N0} articles per throughput run, posted over HTTP in batches (the nodes, PostgreSQL and the client share the machine's cores).");
        sb.AppendLine();
        sb.AppendLine("| nodes | accepted | seconds | articles/s | vs 1 node |");
        sb.AppendLine("| ---: | ---: | ---: | ---: | ---: |");
        var one = r.Throughput.FirstOrDefault()?.ArticlesPerSec ?? 0;
        foreach (var t in r.Throughput)
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {t.Nodes} | {t.Accepted:N0} | {t.Seconds:N1} | {t.ArticlesPerSec:N0} | {(one > 0 ? t.ArticlesPerSec / one : 0):N2}× |");
        var f = r.Failover;
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Failover: {f.Nodes} nodes, a webhook subscription taking every change; node {f.KilledNode}, which held the change detection, killed with SIGKILL in the middle of ingestion.");
        sb.AppendLine();
        sb.AppendLine("| measure | figure |");
        sb.AppendLine("| --- | --- |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| change detection held by a live node | {Seconds(f.AssignedSeconds)} after the kill |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| first webhook of a change recorded after the kill | {Seconds(f.FirstWebhookSeconds)} after the kill |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| every change delivered | {Seconds(f.DeliveredAllSeconds)} after the kill |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| changes recorded / with a webhook | {f.Changes:N0} / {f.Received:N0} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| changes lost | {f.Lost} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| webhooks duplicated | {f.Duplicated} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| change ids recorded twice | {f.DuplicateChangeIds} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| articles accepted / duplicates (batches posted again after the kill: {f.Resubmitted}) | {f.Accepted:N0} / {f.Duplicates:N0} |");
        if (f.Note is not null) sb.AppendLine(CultureInfo.InvariantCulture, $"| note | {f.Note} |");
        return sb.ToString();
    }

    private static string Seconds(double s) => double.IsNaN(s) ? "not reached" : $"{s.ToString("N1", CultureInfo.InvariantCulture)} s";
}
