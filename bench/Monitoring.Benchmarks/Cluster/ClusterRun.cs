using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Monitoring.Corpus;
using Npgsql;

namespace Monitoring.Benchmarks.Cluster;

/// <param name="MonitorDll">The built CLI (`monitor.dll`): the nodes are the product as users run it.</param>
/// <param name="Articles">Articles posted in each throughput run (the same ones for 1, 2 and 3 nodes).</param>
/// <param name="FailoverArticles">Articles of the failover run: the first half before the kill, the rest after.</param>
public sealed record ClusterOptions(string ConnectionString, string MonitorDll, string ResultsDirectory, int Nodes = 3, int Articles = 2_000,
    int FailoverArticles = 1_000, int Seed = 42, int BatchSize = 25, int CallersPerNode = 2);

/// <summary>Ingestion spread over <paramref name="Nodes"/> nodes: every article posted once (a batch a killed node did not answer goes to another).</summary>
public sealed record ThroughputFigures(int Nodes, int Accepted, int Duplicates, int Rejected, double Seconds, double ArticlesPerSec);

/// <param name="AssignedSeconds">From the kill -9 of the node holding the change detection to its assignment to a live node (Wolverine's leader).</param>
/// <param name="FirstWebhookSeconds">From the kill to the first webhook of a change recorded after it.</param>
/// <param name="Changes">Changes recorded (every kind: the subscription takes confidence changes too).</param>
/// <param name="Lost">Changes recorded that no webhook brought.</param>
/// <param name="Duplicated">Webhooks beyond the first for one change.</param>
/// <param name="Resubmitted">Batches the killed node had taken and not answered, posted again to another node (ingestion is idempotent).</param>
public sealed record FailoverFigures(int Nodes, int KilledNode, double AssignedSeconds, double FirstWebhookSeconds, double DeliveredAllSeconds, int Changes,
    int Received, int Lost, int Duplicated, int DuplicateChangeIds, int Resubmitted, int Accepted, int Duplicates, string? Note);

public sealed record ClusterResult(DateTimeOffset StartedAt, double Seconds, string Machine, int Articles, int Seed, IReadOnlyList<ThroughputFigures> Throughput,
    FailoverFigures Failover);

/// <summary>
/// `bench/bench cluster`: several `monitor serve` processes on loopback sharing one PostgreSQL. Ingestion is spread over
/// 1, 2, then 3 nodes (articles/s each); then, with 3 nodes and a webhook subscription, the node that holds the change
/// detection is killed with SIGKILL in the middle of ingestion, and the run measures how long until another node holds
/// it, and counts the changes recorded against the webhooks received (lost, duplicated).
/// </summary>
public sealed class ClusterRun(ClusterOptions options, TextWriter progress)
{
    private const string Schema = "monitor_cluster";

    public async Task<ClusterResult> RunAsync(CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        var sw = Stopwatch.StartNew();
        var corpus = new CorpusGenerator(options.Seed).Generate(options.Articles).Select(ToJson).ToList();
        var throughput = new List<ThroughputFigures>();
        for (var n = 1; n <= options.Nodes; n++)
            throughput.Add(await ThroughputAsync(n, corpus, ct));
        var failover = await FailoverAsync(ct);
        return new ClusterResult(started, sw.Elapsed.TotalSeconds, $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}",
            options.Articles, options.Seed, throughput, failover);
    }

    private async Task<ThroughputFigures> ThroughputAsync(int n, List<JsonObject> corpus, CancellationToken ct)
    {
        var schema = $"{Schema}_{n}";
        await DropAsync(schema, ct);
        var key = await CreateKeyAsync(schema, ct);
        var nodes = await StartAsync(schema, n, ct);
        try
        {
            progress.WriteLine($"cluster: {n} node(s) ready; posting {corpus.Count:N0} articles");
            var sw = Stopwatch.StartNew();
            var outcome = await IngestAsync(nodes, corpus, key, ct);
            var seconds = sw.Elapsed.TotalSeconds;
            progress.WriteLine($"cluster: {n} node(s): {outcome.Accepted:N0} accepted in {seconds:N1} s ({outcome.Accepted / seconds:N0} articles/s)");
            return new ThroughputFigures(n, outcome.Accepted, outcome.Duplicates, outcome.Rejected, seconds, outcome.Accepted / seconds);
        }
        finally
        {
            await StopAllAsync(nodes);
        }
    }

    private async Task<FailoverFigures> FailoverAsync(CancellationToken ct)
    {
        const string schema = Schema + "_failover";
        await DropAsync(schema, ct);
        var key = await CreateKeyAsync(schema, ct);
        using var receiver = new Running.WebhookReceiver();
        var nodes = await StartAsync(schema, options.Nodes, ct);
        try
        {
            var subscribe = new JsonObject
            {
                ["name"] = "cluster-bench", ["url"] = receiver.Url,
                ["filter"] = new JsonObject { ["includeConfidenceChanges"] = true },
            };
            using (var request = new HttpRequestMessage(HttpMethod.Post, "/subscriptions") { Content = JsonContent.Create(subscribe) })
            {
                request.Headers.Add("X-Api-Key", key);
                var response = await nodes[0].Http.SendAsync(request, ct);
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"subscription refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            }
            var holder = await WaitForHolderAsync(schema, nodes, TimeSpan.FromSeconds(120), ct)
                         ?? throw new TimeoutException("no node took the change detection within 120 s");
            progress.WriteLine($"cluster: failover run, node {holder.Number} holds the change detection");

            var corpus = new CorpusGenerator(options.Seed + 1).Generate(options.FailoverArticles).Select(ToJson).ToList();
            var half = corpus.Count / 2;
            var before = await IngestAsync(nodes, corpus[..half], key, ct);
            // Ingestion goes on through the kill: the callers of the killed node hand their batch back to the others.
            var after = IngestAsync(nodes, corpus[half..], key, ct);
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            var killedAt = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            holder.KillHard();
            progress.WriteLine($"cluster: kill -9 node {holder.Number} (pid {holder.ProcessId})");
            var survivors = nodes.Where(x => !x.Killed).ToList();
            double assigned = double.NaN;
            while (clock.Elapsed < TimeSpan.FromSeconds(300))
            {
                if (await HolderAsync(schema, survivors, ct) is not null)
                {
                    assigned = clock.Elapsed.TotalSeconds;
                    break;
                }
                await Task.Delay(100, ct);
            }
            progress.WriteLine($"cluster: change detection on a live node {assigned:N1} s after the kill");
            var rest = await after;
            progress.WriteLine($"cluster: ingestion done ({before.Accepted + rest.Accepted:N0} accepted, {rest.Resubmitted} batches posted again)");

            // Every change recorded, then every webhook: done when each change has one, or after five minutes.
            var changes = new List<long>();
            double deliveredAll = double.NaN;
            while (clock.Elapsed < TimeSpan.FromSeconds(600))
            {
                changes = await ChangesAsync(survivors[0], ct);
                if (changes.Count > 0 && changes.All(receiver.Received.ContainsKey))
                {
                    deliveredAll = clock.Elapsed.TotalSeconds;
                    // A duplicate would come shortly after: a last look a few seconds on.
                    await Task.Delay(TimeSpan.FromSeconds(5), ct);
                    changes = await ChangesAsync(survivors[0], ct);
                    if (changes.All(receiver.Received.ContainsKey)) break;
                }
                await Task.Delay(500, ct);
            }
            var firstAfter = receiver.Deliveries.Where(d => d.RecordedAt > killedAt).Select(d => (d.ReceivedAt - killedAt).TotalSeconds).DefaultIfEmpty(double.NaN).Min();
            var lost = changes.Count(c => !receiver.Received.ContainsKey(c));
            var duplicated = receiver.Received.Values.Sum(count => count - 1);
            var note = double.IsNaN(assigned) ? "the change detection was not reassigned within 300 s"
                : lost > 0 ? "some changes were not delivered within 600 s of the kill" : null;
            return new FailoverFigures(options.Nodes, holder.Number, assigned, firstAfter, deliveredAll, changes.Count, receiver.Received.Count, lost, duplicated,
                changes.Count - changes.Distinct().Count(), rest.Resubmitted, before.Accepted + rest.Accepted, before.Duplicates + rest.Duplicates, note);
        }
        finally
        {
            await StopAllAsync(nodes);
        }
    }

    private sealed record Ingested(int Accepted, int Duplicates, int Rejected, int Resubmitted);

    /// <summary>
    /// Posts the articles in batches, <see cref="ClusterOptions.CallersPerNode"/> callers per live node taking batches from one
    /// queue. A caller whose node stops answering puts its batch back and stops; the others carry on.
    /// </summary>
    private async Task<Ingested> IngestAsync(IReadOnlyList<ServeNode> nodes, IReadOnlyList<JsonObject> articles, string key, CancellationToken ct)
    {
        var batches = new ConcurrentQueue<JsonArray>(articles.Chunk(options.BatchSize).Select(b => new JsonArray(b.Select(a => (JsonNode)a.DeepClone()).ToArray())));
        var (accepted, duplicates, rejected, resubmitted) = (0, 0, 0, 0);
        var callers = nodes.SelectMany(node => Enumerable.Range(0, options.CallersPerNode).Select(_ => Task.Run(async () =>
        {
            while (!node.Killed && batches.TryDequeue(out var batch))
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/articles") { Content = JsonContent.Create(new JsonObject { ["articles"] = batch.DeepClone() }) };
                    request.Headers.Add("X-Api-Key", key);
                    using var response = await node.Http.SendAsync(request, ct);
                    if (!response.IsSuccessStatusCode) throw new HttpRequestException($"node {node.Number}: {(int)response.StatusCode}");
                    var answer = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
                    Interlocked.Add(ref accepted, answer!["accepted"]!.GetValue<int>());
                    Interlocked.Add(ref duplicates, answer["duplicates"]!.GetValue<int>());
                    Interlocked.Add(ref rejected, answer["rejected"]!.GetValue<int>());
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    // The node died (or refused): the batch goes to another caller; what it had stored counts as duplicate there.
                    batches.Enqueue(batch);
                    Interlocked.Increment(ref resubmitted);
                    if (node.Killed) return;
                    await Task.Delay(200, ct);
                }
            }
        }, ct))).ToList();
        await Task.WhenAll(callers);
        if (!batches.IsEmpty) throw new InvalidOperationException($"{batches.Count} batches left with no node to take them");
        return new Ingested(accepted, duplicates, rejected, resubmitted);
    }

    private async Task<List<ServeNode>> StartAsync(string schema, int n, CancellationToken ct)
    {
        var nodes = Enumerable.Range(1, n).Select(i => ServeNode.Start(options.MonitorDll, options.ConnectionString, schema, i)).ToList();
        try
        {
            await Task.WhenAll(nodes.Select(x => x.WaitReadyAsync(TimeSpan.FromSeconds(180), ct)));
        }
        catch
        {
            await StopAllAsync(nodes);
            throw;
        }
        return nodes;
    }

    private static async Task StopAllAsync(IEnumerable<ServeNode> nodes)
    {
        foreach (var node in nodes)
        {
            await node.StopAsync();
            await node.DisposeAsync();
        }
    }

    /// <summary>The node holding the change detection (Wolverine's assignment of the Marten subscription), among those given.</summary>
    private async Task<ServeNode?> HolderAsync(string schema, IReadOnlyList<ServeNode> among, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"select node_id from {schema}_messages.wolverine_node_assignments where id like 'event-subscriptions://%relationshipchanges%'", connection);
        try
        {
            var holders = new List<Guid>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) holders.Add(reader.GetGuid(0));
            return among.FirstOrDefault(node => holders.Contains(node.NodeId));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return null;
        }
    }

    private async Task<ServeNode?> WaitForHolderAsync(string schema, IReadOnlyList<ServeNode> nodes, TimeSpan timeout, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < timeout)
        {
            if (await HolderAsync(schema, nodes, ct) is { } holder) return holder;
            await Task.Delay(200, ct);
        }
        return null;
    }

    /// <summary>Every change recorded, as the API lists them (confidence changes included), following `next`.</summary>
    private static async Task<List<long>> ChangesAsync(ServeNode node, CancellationToken ct)
    {
        var ids = new List<long>();
        string? next = "/notifications?confidenceChanges=true&limit=500";
        while (next is not null)
        {
            var page = await node.Http.GetFromJsonAsync<JsonObject>(next, ct);
            ids.AddRange(page!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()));
            next = page["next"]?.GetValue<string>();
        }
        return ids;
    }

    private async Task<string> CreateKeyAsync(string schema, CancellationToken ct)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Ingest to post articles, admin to subscribe.
        foreach (var a in new[] { options.MonitorDll, "keys", "create", "cluster-bench", "--scope", "read,ingest,admin" }) info.ArgumentList.Add(a);
        info.Environment["MONITOR_DB"] = options.ConnectionString;
        info.Environment["MONITOR_SCHEMA"] = schema;
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        var error = await process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new InvalidOperationException($"monitor keys create failed: {error}");
        return output.Split('\n')[0].Trim();
    }

    private async Task DropAsync(string schema, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync(ct);
        await using var drop = new NpgsqlCommand($"drop schema if exists {schema} cascade; drop schema if exists {schema}_messages cascade;", connection);
        await drop.ExecuteNonQueryAsync(ct);
    }

    private static JsonObject ToJson(GeneratedArticle a) => new()
    {
        ["title"] = a.Title, ["text"] = a.Text, ["publisher"] = a.Publisher, ["url"] = a.Url, ["published"] = a.Published.ToString("yyyy-MM-dd"),
    };
}
