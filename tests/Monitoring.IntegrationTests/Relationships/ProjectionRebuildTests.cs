using System.Text.Json;
using Marten;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.Store.Articles;
using Monitoring.Store.Relationships;

namespace Monitoring.IntegrationTests.Relationships;

[Collection(PostgresCollection.Name)]
public sealed class ProjectionRebuildTests(PostgresServer server) : IAsyncLifetime
{
    private MonitorTestHost _host = null!;

    public async Task InitializeAsync() => _host = await MonitorTestHost.StartAsync(server, nameof(ProjectionRebuildTests));
    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task a_full_rebuild_gives_exactly_the_documents_of_incremental_updates()
    {
        foreach (var file in MonitorTestHost.SeedsInPublicationOrder) await _host.IngestSeedAsync(file);
        await using (var session = _host.Store.LightweightSession())
        {
            // Reports appended directly too, so the test does not depend on what the extractor finds.
            session.Events.StartStream("article-direct-1", Reported("article-direct-1", "MLI", "FRA"), Reported("article-direct-1", "ECOWAS", "MLI"));
            session.Events.StartStream("article-direct-2", Reported("article-direct-2", "MLI", "FRA"),
                new ArticleReextracted("article-direct-2", "test", "test2", ["FRA-MLI"]));
            await session.SaveChangesAsync();
        }
        var incremental = await Snapshot();

        using var daemon = await _host.Store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync<RelationshipHistoryProjection>(CancellationToken.None);
        var rebuilt = await Snapshot();

        Assert.NotEmpty(incremental);
        Assert.Equal(incremental.Keys.Order(), rebuilt.Keys.Order());
        foreach (var (id, json) in incremental) Assert.Equal(json, rebuilt[id]);
    }

    private static EventReported Reported(string article, string source, string target)
    {
        var day = new DateOnly(2022, 1, 31);
        var e = new ExtractedEvent(WorldEventType.AmbassadorExpelled, source, target, [], null, null, EventDate.Day(day), Modality.Asserted, 0.8, "test", "1",
            [new Evidence(0, 0, 4, "Test")]);
        return new EventReported(Guid.NewGuid(), new ArticleSource(article, "Wire", null, day, null, article), e, "test");
    }

    private async Task<Dictionary<string, string>> Snapshot()
    {
        await using var session = _host.Store.QuerySession();
        var reports = await session.Query<HistoryReport>().ToListAsync();
        var supersessions = await session.Query<HistorySupersession>().ToListAsync();
        return reports.ToDictionary(d => d.Id, d => JsonSerializer.Serialize(d))
            .Concat(supersessions.ToDictionary(d => d.Id, d => JsonSerializer.Serialize(d)))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
    }
}
