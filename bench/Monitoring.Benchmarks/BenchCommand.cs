using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Monitoring.Api.Hosting;
using Monitoring.Benchmarks.Running;
using Monitoring.Cli;
using Monitoring.Corpus;

namespace Monitoring.Benchmarks;

/// <summary>`bench/bench generate` writes a synthetic corpus with gold events; `bench/bench run` measures Monitor on it.</summary>
public static class BenchCommand
{
    public static RootCommand Create()
    {
        var bench = new RootCommand("Benchmarks of Monitor: a deterministic synthetic corpus, and a run that measures extraction, ingestion, queries, rebuild and memory.");
        bench.Subcommands.Add(Generate());
        bench.Subcommands.Add(Run());
        bench.Subcommands.Add(Queries());
        bench.Subcommands.Add(ClusterCommand());
        return bench;
    }

    private static Option<int> ArticlesOption(int defaultValue) =>
        new("--articles") { Description = "Number of articles", DefaultValueFactory = _ => defaultValue };

    private static readonly Option<bool> JsonOption = new("--json") { Description = "Write JSON instead of text" };

    private static readonly Option<int> SeedOption = new("--seed") { Description = "Seed of the corpus (the same seed gives the same corpus)", DefaultValueFactory = _ => 42 };

    private static Command Generate()
    {
        var articles = ArticlesOption(10_000);
        var output = new Option<string>("--out") { Description = "Directory for articles.jsonl and expected.jsonl", DefaultValueFactory = _ => "bench/corpus" };
        var command = new Command("generate", "Write a synthetic corpus as it is generated: articles.jsonl and their gold events in expected.jsonl.\n\nExample:\n  bench/bench generate --articles 100000 --seed 7 --out /tmp/corpus")
        {
            articles, SeedOption, output,
        };
        command.SetAction(parse =>
        {
            var dir = Path.GetFullPath(parse.GetValue(output)!);
            var written = CorpusWriter.Write(dir, parse.GetValue(articles), parse.GetValue(SeedOption), Console.Error);
            Console.Out.WriteLine($"{written.Articles:N0} articles ({written.Bytes / 1e6:N1} MB of text), {written.Events:N0} gold events in {dir}");
            return 0;
        });
        return command;
    }

    private static Command ClusterCommand()
    {
        var articles = ArticlesOption(2_000);
        var nodes = new Option<int>("--nodes") { Description = "Most nodes (throughput is measured with 1 up to this many; failover with this many)", DefaultValueFactory = _ => 3 };
        var failoverArticles = new Option<int>("--failover-articles") { Description = "Articles of the failover run (half before the kill)", DefaultValueFactory = _ => 1_000 };
        var command = new Command("cluster", "Start monitor serve nodes on loopback sharing one database (schemas monitor_cluster_*, dropped and re-created): ingestion spread over 1..N nodes, then kill -9 of the node holding the change detection, with the changes and webhooks counted. Writes bench/results/<time>-cluster.json|md.\n\nExample:\n  bench/bench cluster --articles 2000 --nodes 3")
        {
            articles, SeedOption, nodes, failoverArticles, JsonOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            var connectionString = (await MonitorSettings.FromConfigurationAsync(new ConfigurationBuilder().AddEnvironmentVariables().Build(),
                runBackgroundWork: false, token => Database.LocalAsync(Console.Error, token), ct)).ConnectionString;
            var dll = Path.Combine(Database.Home, "src", "Monitoring.Cli", "bin", "Release", "net10.0", "monitor.dll");
            if (!File.Exists(dll))
            {
                Console.Error.WriteLine($"bench: {dll} is missing: build the CLI first (./monitor --help builds it)");
                return 1;
            }
            var options = new Cluster.ClusterOptions(connectionString, dll, Path.Combine(Database.Home, "bench", "results"), Math.Max(1, parse.GetValue(nodes)),
                parse.GetValue(articles), parse.GetValue(failoverArticles), parse.GetValue(SeedOption));
            var result = await new Cluster.ClusterRun(options, Console.Error).RunAsync(ct);
            var (json, markdown) = Cluster.ClusterResultWriter.Write(result, options.ResultsDirectory);
            Console.Out.WriteLine(parse.GetValue(JsonOption) ? Cluster.ClusterResultWriter.ToJson(result) : File.ReadAllText(markdown));
            Console.Error.WriteLine($"written {json} and {markdown}");
            return 0;
        });
        return command;
    }

    private static Command Queries()
    {
        var schema = new Option<string>("--schema") { Description = "Schema an earlier `run` filled (read, never dropped)", DefaultValueFactory = _ => "monitor_bench" };
        var repetitions = new Option<int>("--repetitions") { Description = "Repetitions of each query", DefaultValueFactory = _ => 100 };
        var command = new Command("queries", "Measure the query phase alone on the store an earlier `run` left (same seed, same pairs), with the process's peak memory while it answers; writes bench/results/<time>-queries.json|md. Minutes, where the run that fills a 1M-article store takes an hour and a half.\n\nExample:\n  bench/bench queries --repetitions 30")
        {
            SeedOption, schema, repetitions, JsonOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            var connectionString = (await MonitorSettings.FromConfigurationAsync(new ConfigurationBuilder().AddEnvironmentVariables().Build(),
                runBackgroundWork: false, token => Database.LocalAsync(Console.Error, token), ct)).ConnectionString;
            var options = new BenchOptions(connectionString, Path.Combine(Database.Home, "bench", "results"), Seed: parse.GetValue(SeedOption),
                Schema: parse.GetValue(schema)!, QueryRepetitions: Math.Max(1, parse.GetValue(repetitions)));
            QueriesResult result;
            try
            {
                result = await new BenchmarkRunner(options, Console.Error).QueriesAsync(ct);
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine($"bench: {e.Message}");
                return 1;
            }
            var (json, markdown) = ResultWriter.Write(result, options.ResultsDirectory);
            Console.Out.WriteLine(parse.GetValue(JsonOption) ? ResultWriter.ToJson(result) : File.ReadAllText(markdown));
            Console.Error.WriteLine($"written {json} and {markdown}");
            return 0;
        });
        return command;
    }

    private static Command Run()
    {
        var articles = ArticlesOption(100_000);
        var schema = new Option<string>("--schema") { Description = "Schema for benchmark data (dropped and re-created)", DefaultValueFactory = _ => "monitor_bench" };
        var storeTarget = new Option<long>("--store-events") { Description = "Events in the store for the second query measurement", DefaultValueFactory = _ => 1_000_000 };
        var hotEvents = new Option<int>("--hot-events") { Description = "Minimum events of the queried relationship (topped up with direct reports)", DefaultValueFactory = _ => 10_000 };
        var repetitions = new Option<int>("--repetitions") { Description = "Repetitions of each query", DefaultValueFactory = _ => 100 };
        var notificationSamples = new Option<int>("--notification-samples") { Description = "Relationship changes timed from commit to webhook", DefaultValueFactory = _ => 50 };
        var command = new Command("run", "Measure Monitor on one database (its own schema), write bench/results/<time>.json|md and latest.json|md.\n\nExample:\n  bench/bench run --articles 100000")
        {
            articles, SeedOption, schema, storeTarget, hotEvents, repetitions, notificationSamples, JsonOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            // The database as the CLI finds it: MONITOR_DB, else docker compose or the local cluster.
            var connectionString = (await MonitorSettings.FromConfigurationAsync(new ConfigurationBuilder().AddEnvironmentVariables().Build(),
                runBackgroundWork: false, token => Database.LocalAsync(Console.Error, token), ct)).ConnectionString;
            var options = new BenchOptions(connectionString, Path.Combine(Database.Home, "bench", "results"),
                Articles: parse.GetValue(articles), Seed: parse.GetValue(SeedOption), Schema: parse.GetValue(schema)!, StoreTarget: parse.GetValue(storeTarget),
                HotPairMinEvents: parse.GetValue(hotEvents), QueryRepetitions: parse.GetValue(repetitions),
                NotificationSamples: Math.Max(1, parse.GetValue(notificationSamples)));
            var result = await new BenchmarkRunner(options, Console.Error).RunAsync(ct);
            var (json, markdown) = ResultWriter.Write(result, options.ResultsDirectory);
            Console.Out.WriteLine(parse.GetValue(JsonOption) ? ResultWriter.ToJson(result) : File.ReadAllText(markdown));
            Console.Error.WriteLine($"written {json} and {markdown}");
            return 0;
        });
        return command;
    }
}
