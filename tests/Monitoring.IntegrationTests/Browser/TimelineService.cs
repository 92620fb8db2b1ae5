using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitoring.Api.Hosting;
using Monitoring.Extraction.Reading;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.Store.Articles.Ingesting;
using Wolverine;

namespace Monitoring.IntegrationTests.Browser;

/// <summary>The HTTP service on a free loopback port over a fresh schema, as a browser reaches it.</summary>
public sealed class TimelineService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TimelineService(WebApplication app) => _app = app;

    public Uri BaseAddress => new(_app.Urls.First().TrimEnd('/') + "/");

    /// <param name="polling">Feed polling's tick (tests shorten it); the service's default otherwise.</param>
    public static async Task<TimelineService> StartAsync(PostgresServer server, string hint, Monitoring.Api.Feeds.FeedPollingOptions? polling = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (polling is not null) builder.Services.AddSingleton(polling);
        // As `monitor serve` wires it: background work on (change detection feeds the page's live stream), the page
        // served from the assembly.
        builder.AddMonitor(new MonitorSettings(server.ConnectionString, PostgresServer.NewSchema(hint), RunBackgroundWork: true));
        builder.AddMonitorWeb();
        var app = builder.Build();
        app.MapMonitor();
        await app.StartAsync();
        return new TimelineService(app);
    }

    public IServiceProvider Services => _app.Services;

    public Task<IngestOutcome> IngestSeedAsync(string file) =>
        _app.Services.GetRequiredService<IMessageBus>().InvokeAsync<IngestOutcome>(new IngestArticle(
            file, File.ReadAllBytes(Path.Combine(MonitorTestHost.SeedsFolder, file)), ArticleFormat.Text, MonitorTestHost.SeedManifest.Value[file]));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
