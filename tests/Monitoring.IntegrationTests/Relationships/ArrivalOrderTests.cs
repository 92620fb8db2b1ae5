using Monitoring.Corpus;
using Monitoring.Domain.Relationships;
using Monitoring.Extraction.Reading;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.Store.Articles.Ingesting;
using Monitoring.Store.Relationships;

namespace Monitoring.IntegrationTests.Relationships;

/// <summary>
/// Arrival order changes nothing: the same articles ingested in publication order, in reverse, and by four writers at
/// once give the same answer for every pair, on every clock a reader would ask (entry ids, grouping, sources, states).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ArrivalOrderTests(PostgresServer server)
{
    // Enough generated news for corroboration chains, republished wire copy and conflicting dates on the hot pairs.
    private static readonly IReadOnlyList<GeneratedArticle> Corpus = new CorpusGenerator(11).Generate(400).ToList();

    [Fact]
    public async Task the_same_articles_in_any_order_or_concurrently_give_the_same_answer_for_every_pair()
    {
        var inOrder = Corpus.OrderBy(a => a.Published).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
        var reversed = Enumerable.Reverse(inOrder).ToList();

        await using var forward = await MonitorTestHost.StartAsync(server, "order_fwd");
        await using var backward = await MonitorTestHost.StartAsync(server, "order_rev");
        await using var together = await MonitorTestHost.StartAsync(server, "order_par");
        foreach (var a in inOrder) await IngestAsync(forward, a);
        foreach (var a in reversed) await IngestAsync(backward, a);
        // Four writers at once, each taking the next article as it comes: interleaved, racing commits.
        var queue = new System.Collections.Concurrent.ConcurrentQueue<GeneratedArticle>(inOrder);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var a)) await IngestAsync(together, a);
        })));

        var expected = await AnswersAsync(forward);
        Assert.True(expected.Count > 50, $"only {expected.Count} pairs: the corpus should make many");
        Assert.Contains(expected.Values, fingerprint => fingerprint.Contains("independent 2", StringComparison.Ordinal));
        foreach (var (name, host) in new[] { ("reverse order", backward), ("four writers", together) })
        {
            var actual = await AnswersAsync(host);
            Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
            var differing = expected.Keys.Where(pair => expected[pair] != actual[pair]).ToList();
            Assert.True(differing.Count == 0,
                $"{name}: {differing.Count} of {expected.Count} pairs differ, e.g. {differing.FirstOrDefault()}:\n"
                + $"{(differing.Count > 0 ? expected[differing[0]] : "")}\n--- vs ---\n{(differing.Count > 0 ? actual[differing[0]] : "")}");
        }
    }

    private static async Task IngestAsync(MonitorTestHost host, GeneratedArticle a)
    {
        var outcome = await host.Bus.InvokeAsync<IngestOutcome>(
            new IngestArticle(a.Id, System.Text.Encoding.UTF8.GetBytes(a.Text), ArticleFormat.Text, a.Metadata));
        Assert.NotEqual(IngestStatus.Rejected, outcome.Status);
    }

    /// <summary>
    /// Each pair's answer as a reader sees it, without what only says when the store learned it (sequence, recorded time):
    /// the timeline's entries (id, type, date, sources by event id, independent sources) and the state now and on the
    /// publication clock at the middle of the pair's news.
    /// </summary>
    private static async Task<Dictionary<string, string>> AnswersAsync(MonitorTestHost host)
    {
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var session = host.Store.QuerySession();
        foreach (var pair in await RelationshipQueries.PairsAsync(session))
        {
            var timeline = await host.Answers.TimelineAsync(session, pair, Clocks.Now);
            if (timeline.Count == 0) continue;
            var published = timeline.SelectMany(e => e.Reports).Select(r => r.Published).Order().ToList();
            var middle = published[published.Count / 2];
            var lines = timeline.Select(e =>
                $"{e.Id} {e.Type} {e.Date} independent {e.IndependentSources} [{string.Join(",", e.Reports.Select(r => r.EventId).Order())}]").ToList();
            lines.AddRange(Relationship.Describe(await host.Answers.StateAsync(session, pair, Clocks.Now)));
            lines.Add($"known at {middle:yyyy-MM-dd}:");
            lines.AddRange(Relationship.Describe(await host.Answers.StateAsync(session, pair, new Clocks(KnownAt: middle))));
            answers[pair.Id] = string.Join("\n", lines);
        }
        return answers;
    }
}
