using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Faults;

/// <summary>
/// Fault suite, issue 15 defect 7: twenty `monitor ingest` started at once on a fresh schema all succeed; once 10 of 20
/// failed with "Unable to attain the global lock in time to apply database changes".
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ConcurrentStartTests(PostgresServer server)
{
    [Fact]
    public async Task twenty_ingests_started_at_once_on_a_fresh_schema_all_succeed_and_store_each_article_once()
    {
        var cli = new CliRunner(server, PostgresServer.NewSchema("concurrentstart"));
        var seeds = MonitorTestHost.SeedsInPublicationOrder;

        var runs = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => cli.RunAsync($"ingest seeds/{seeds[i % seeds.Count]} --json")));

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.Error}"));
        Assert.DoesNotContain(runs, r => r.Error.Contains("global lock", StringComparison.OrdinalIgnoreCase));
        var accepted = runs.Count(r => r.Output.Contains("\"accepted\"", StringComparison.Ordinal));
        Assert.Equal(seeds.Count, accepted);
    }
}
