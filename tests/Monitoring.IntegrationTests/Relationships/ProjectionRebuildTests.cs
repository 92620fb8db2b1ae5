using JasperFx.Events.Daemon;
using Marten;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.Service.Relationships;
using System.Text.Json;

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
        var incremental = await Snapshot();

        using var daemon = await _host.Store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync<RelationshipHistoryProjection>(CancellationToken.None);
        var rebuilt = await Snapshot();

        Assert.NotEmpty(incremental);
        Assert.Equal(incremental.Keys.Order(), rebuilt.Keys.Order());
        foreach (var (id, json) in incremental) Assert.Equal(json, rebuilt[id]);
    }

    private async Task<Dictionary<string, string>> Snapshot()
    {
        await using var session = _host.Store.QuerySession();
        var docs = await session.Query<RelationshipHistory>().ToListAsync();
        return docs.ToDictionary(d => d.Id, d => JsonSerializer.Serialize(d));
    }
}
