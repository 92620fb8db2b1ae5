using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitoring.Api.Hosting;
using Monitoring.Extraction.Reading;
using Monitoring.Store.Articles.Ingesting;
using Monitoring.Store.Relationships;
using Wolverine;

namespace Monitoring.IntegrationTests.Infrastructure;

/// <summary>A Monitor host (Marten + Wolverine) on its own schema, with scenario helpers.</summary>
public sealed class MonitorTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private MonitorTestHost(IHost host, string schema)
    {
        _host = host;
        Schema = schema;
    }

    public string Schema { get; }
    public IServiceProvider Services => _host.Services;
    public IDocumentStore Store => _host.Services.GetRequiredService<IDocumentStore>();
    public IMessageBus Bus => _host.Services.GetRequiredService<IMessageBus>();
    public RelationshipAnswers Answers => _host.Services.GetRequiredService<RelationshipAnswers>();

    /// <param name="clock">The host's clock, the event store's recorded times included (a <see cref="TestClock"/> to move time on).</param>
    public static async Task<MonitorTestHost> StartAsync(PostgresServer server, string schemaHint, TimeProvider? clock = null)
    {
        var schema = PostgresServer.NewSchema(schemaHint);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (clock is not null) builder.Services.AddSingleton(clock);
        builder.AddMonitor(new MonitorSettings(server.ConnectionString, schema));
        var host = builder.Build();
        await host.StartAsync();
        return new MonitorTestHost(host, schema);
    }

    public static string SeedsFolder => Path.Combine(PostgresServer.RepositoryRoot, "seeds");

    /// <summary>Ingests one seed article with its manifest metadata.</summary>
    public Task<IngestOutcome> IngestSeedAsync(string file) =>
        Bus.InvokeAsync<IngestOutcome>(new IngestArticle(file, File.ReadAllBytes(Path.Combine(SeedsFolder, file)), ArticleFormat.Text, SeedManifest.Value[file]));

    public static readonly Lazy<IReadOnlyDictionary<string, ArticleMetadata>> SeedManifest = new(() =>
        Monitoring.Cli.Manifest.Parse(File.ReadAllText(Path.Combine(SeedsFolder, "manifest.json"))).Entries.ToDictionary(e => e.File, e => e.Metadata));

    /// <summary>Seed files in publication order.</summary>
    public static IReadOnlyList<string> SeedsInPublicationOrder =>
        SeedManifest.Value.OrderBy(kv => kv.Value.Published).Select(kv => kv.Key).ToList();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
