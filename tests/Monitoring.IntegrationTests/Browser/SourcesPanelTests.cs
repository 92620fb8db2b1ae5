using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Monitoring.Api.Feeds;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.IntegrationTests.Notifications;
using static Microsoft.Playwright.Assertions;

namespace Monitoring.IntegrationTests.Browser;

/// <summary>
/// How the followed sources are doing, for anyone who may read: GET /feeds/status without a key (no URL, path or error text
/// in it), and the page's Sources panel drawn from it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SourcesPanelTests(PostgresServer server)
{
    private const string Rss = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Sahel Wire</title><link>https://example.org/</link><description>News</description>
          <item><title>Mali expels French ambassador</title><link>https://example.org/news/mali-ambassador</link>
            <guid>https://example.org/news/mali-ambassador</guid><pubDate>Mon, 31 Jan 2022 18:00:00 GMT</pubDate>
            <content:encoded><![CDATA[<p>Mali's transitional government expelled the French ambassador on Monday, 31 January 2022, giving him 72 hours to leave the country.</p>]]></content:encoded></item>
        </channel></rss>
        """;

    /// <summary>A feed server on loopback: /rss.xml answers the feed, /broken.xml fails with 500.</summary>
    private static async Task<WebApplication> FeedServerAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/rss.xml", () => Results.Text(Rss, "application/rss+xml"));
        app.MapGet("/broken.xml", () => Results.StatusCode(500));
        await app.StartAsync();
        return app;
    }

    /// <summary>A fed service: one healthy feed (polled, its entry stored), one failing, one drop folder paused.</summary>
    private static async Task<(TimelineService Service, WebApplication Feeds, string[] Secrets)> FollowingAsync(PostgresServer server, string hint)
    {
        var feeds = await FeedServerAsync();
        var service = await TimelineService.StartAsync(server, hint, new FeedPollingOptions(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5)));
        var following = service.Services.GetRequiredService<FeedService>();
        var rss = feeds.Urls.First() + "/rss.xml";
        var broken = feeds.Urls.First() + "/broken.xml";
        var folder = Directory.CreateTempSubdirectory("monitor-drop-").FullName;
        await following.AddAsync(rss, "Sahel Wire", null, "1h", default);
        await following.AddAsync(broken, "Broken Wire", null, "1h", default);
        var drop = (await following.AddAsync("folder:" + folder, "Desk drop", null, "1h", default)).Value!;
        await following.PauseAsync(drop.Id, default);
        await Eventually.HoldsAsync(async () => (await following.ListAsync(default)) is var all
                                                && all.Single(f => f.Definition.Name == "Sahel Wire").State.LastNewArticle is not null
                                                && all.Single(f => f.Definition.Name == "Broken Wire").State.ConsecutiveErrors > 0,
            "the feeds polled: one entry stored, one error");
        return (service, feeds, [rss, broken, folder, "HTTP 500", feeds.Urls.First()]);
    }

    [Fact]
    public async Task feed_status_is_open_to_readers_and_tells_neither_urls_nor_paths_nor_errors()
    {
        var (service, feeds, secrets) = await FollowingAsync(server, "feedstatus");
        await using var _ = service;
        await using var __ = feeds;
        using var http = new HttpClient { BaseAddress = service.BaseAddress };

        var response = await http.GetAsync("/feeds/status");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/feeds")).StatusCode);
        var items = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!);
        Assert.Equal(["Broken Wire", "Desk drop", "Sahel Wire"], items.Keys.Order());
        Assert.Equal("feed", items["Sahel Wire"].GetProperty("kind").GetString());
        Assert.Equal("active", items["Sahel Wire"].GetProperty("state").GetString());
        Assert.Equal(0, items["Sahel Wire"].GetProperty("consecutiveErrors").GetInt32());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, items["Sahel Wire"].GetProperty("lastNewArticle").ValueKind);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, items["Sahel Wire"].GetProperty("nextPoll").ValueKind);
        Assert.True(items["Broken Wire"].GetProperty("consecutiveErrors").GetInt32() >= 1);
        Assert.Equal("folder", items["Desk drop"].GetProperty("kind").GetString());
        Assert.Equal("paused", items["Desk drop"].GetProperty("state").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, items["Desk drop"].GetProperty("nextPoll").ValueKind);
        foreach (var secret in secrets) Assert.DoesNotContain(secret, body);
        Assert.DoesNotContain("\"url\"", body);
        Assert.DoesNotContain("lastError", body);
    }

    [BrowserFact]
    public async Task the_page_shows_each_followed_source_with_its_last_poll_errors_and_state()
    {
        var (service, feeds, secrets) = await FollowingAsync(server, "sourcespanel");
        await using var _ = service;
        await using var __ = feeds;
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var ___ = playwright;
        await using var ____ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, Locale = "en-GB", TimezoneId = "UTC" });
        Assertions.SetDefaultExpectTimeout(15_000);

        await page.GotoAsync(service.BaseAddress.ToString());

        var sources = page.GetByTestId("source");
        await Expect(sources).ToHaveCountAsync(3);
        var sahel = sources.Filter(new() { HasText = "Sahel Wire" });
        await Expect(sahel.GetByTestId("source-state")).ToHaveTextAsync("active");
        await Expect(sahel.GetByTestId("source-last-poll")).ToContainTextAsync("UTC");
        await Expect(sahel.GetByTestId("source-last-new")).ToContainTextAsync("UTC");
        await Expect(sahel.GetByTestId("source-errors")).ToHaveTextAsync("errors in a row: 0");
        var broken = sources.Filter(new() { HasText = "Broken Wire" });
        await Expect(broken.GetByTestId("source-state")).ToHaveTextAsync("failing");
        await Expect(broken.GetByTestId("source-errors")).Not.ToHaveTextAsync("errors in a row: 0");
        var drop = page.Locator("[data-testid=source][data-kind=folder]");
        await Expect(drop).ToHaveAttributeAsync("data-state", "paused");
        await Expect(drop.GetByTestId("source-next-poll")).ToHaveTextAsync("next poll: paused");
        var text = await page.GetByTestId("sources").InnerTextAsync();
        foreach (var secret in secrets) Assert.DoesNotContain(secret, text);
        Directory.CreateDirectory(Path.Combine(PostgresServer.RepositoryRoot, "artifacts"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(PostgresServer.RepositoryRoot, "artifacts", "sources-panel.png"), FullPage = true });
    }
}
