using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitoring.Api.Feeds;
using Monitoring.Api.Hosting;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.IntegrationTests.Notifications;
using Monitoring.Store.Articles;

namespace Monitoring.IntegrationTests.Feeds;

/// <summary>A `serve` node as the feed tests run it: background work on, the test clock, feed polling at the test's pace.</summary>
internal static class FeedNode
{
    public static async Task<WebApplication> StartAsync(PostgresServer server, string schema, TestClock clock, FeedPollingOptions polling)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton(polling);
        builder.AddMonitor(new MonitorSettings(server.ConnectionString, schema, RunBackgroundWork: true, Notifications: NotificationHost.Fast()));
        var app = builder.Build();
        await app.StartAsync();
        return app;
    }

    /// <summary>How many articles the node's store holds.</summary>
    public static async Task<int> ArticlesAsync(WebApplication node)
    {
        await using var session = node.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession();
        return (await ArticleSearch.ListAsync(session, new ArticleQuery(Limit: 1000))).Count;
    }
}
