using System.Text.Json;
using Monitoring.Benchmarks.Running;
using Monitoring.Corpus;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.Benchmarks.Tests;

/// <summary>The benchmark in CI: a tiny run that proves every phase works. Figures are never asserted against targets here.</summary>
[Collection(PostgresCollection.Name)]
public sealed class BenchSmokeTests(PostgresServer server)
{
    [Fact]
    public async Task bench_run_on_200_articles_writes_the_result_files_with_positive_figures()
    {
        var results = Path.Combine(Path.GetTempPath(), "monitor-bench-smoke-" + Guid.NewGuid().ToString("N")[..8]);
        var options = BenchOptions.Smoke(server.ConnectionString, results, PostgresServer.NewSchema("bench"));

        var result = await new BenchmarkRunner(options, TextWriter.Null).RunAsync(CancellationToken.None);
        var (json, markdown) = ResultWriter.Write(result, results);

        Assert.True(File.Exists(json) && File.Exists(markdown));
        Assert.True(File.Exists(Path.Combine(results, "latest.md")) && File.Exists(Path.Combine(results, "latest.json")));
        Assert.Contains("| measure | figure | target | met |", await File.ReadAllTextAsync(markdown));
        using (var parsed = JsonDocument.Parse(await File.ReadAllTextAsync(json)))
            Assert.Equal(200, parsed.RootElement.GetProperty("articles").GetInt32());

        Assert.True(result.Extraction.ExtractionMbPerSecOneCore > 0 && result.Extraction.BaselineMbPerSecOneCore > 0);
        Assert.Equal(200, result.Ingestion.Accepted + result.Ingestion.Duplicates + result.Ingestion.Rejected);
        Assert.True(result.Ingestion.ArticlesPerSec > 0 && result.Ingestion.EventsPerSec > 0 && result.Ingestion.Events >= result.Ingestion.Accepted);
        Assert.True(result.Ingestion.ProductionPath is { ArticlesPerSec: > 0, Accepted: > 0 });
        // COPY copies every event stored by then: the archive import, the bulk append alone, the transactional append alone.
        Assert.Equal(result.Ingestion.Events + result.Appends[0].Events + result.Appends[2].Events, result.Copy.Rows);
        Assert.True(result.Copy.RowsPerSec > 0 && result.Copy.MartenAppendPercentOfCopy > 0);
        Assert.True(result.Ingestion.EventCopySeconds > 0 && result.Ingestion.HistoryCopySeconds > 0 && result.Ingestion.HistoryDocuments > 0);
        Assert.True(result.Rebuild.EventsPerSec > 0 && result.Rebuild.StoreEvents >= options.StoreTarget);
        // The batched path leaves the projection exactly as a rebuild from the events makes it.
        Assert.Equal(result.Rebuild.DocumentsBefore, result.Rebuild.DocumentsAfter);
        Assert.NotEmpty(result.Queries);
        Assert.All(result.Queries, q => Assert.True(q.MedianMs > 0 && q.P99Ms >= q.MedianMs, $"{q.Query} {q.Pair}"));
        Assert.Contains(result.Queries, q => q.PairEvents >= options.HotPairMinEvents);
        Assert.Equal(4, result.Appends.Count(a => a.What.StartsWith("append mode comparison", StringComparison.Ordinal) && a.EventsPerSec > 0));
        Assert.True(result.Notifications is { Received: > 0, MedianMs: > 0 }, result.Notifications.Note);
        Assert.True(result.Memory.PeakAtEndMb > 0);
    }

    [Fact]
    public void the_same_seed_gives_the_same_corpus_and_another_seed_another()
    {
        static string Digest(int seed) => string.Join('\n', new CorpusGenerator(seed).Generate(300).Select(a => a.Text + JsonSerializer.Serialize(a.Events, CorpusJson.Options)));

        Assert.Equal(Digest(7), Digest(7));
        Assert.NotEqual(Digest(7), Digest(8));
    }

    [Fact]
    public void the_corpus_covers_the_whole_vocabulary_with_republished_stories()
    {
        var articles = new CorpusGenerator(11).Generate(2_000).ToList();

        var types = articles.SelectMany(a => a.Events).Select(e => e.Type).ToHashSet();
        Assert.Equal(Enum.GetNames<Monitoring.Domain.WorldEventType>().Order(), types.Order());
        Assert.Contains(articles.GroupBy(a => a.Story), g => g.Count() > 1 && g.Select(a => a.Publisher).Distinct().Count() == g.Count());
        Assert.Contains(articles, a => a.MustNot.Count > 0);
        Assert.True(articles.Select(a => a.Published.Year).Distinct().Count() >= 20);
    }
}
