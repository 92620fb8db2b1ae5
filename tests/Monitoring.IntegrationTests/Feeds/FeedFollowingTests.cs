using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitoring.Api.Feeds;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.IntegrationTests.Notifications;
using Monitoring.Store.Articles;
using Monitoring.Store.Relationships;

namespace Monitoring.IntegrationTests.Feeds;

/// <summary>
/// serve follows feeds with no command run: a real RSS document on a loopback server, polled by the service's own
/// background work; each new entry ingested once, a 304 answered, an error visible in the status and recovered from,
/// and nothing ingested twice after a restart.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FeedFollowingTests(PostgresServer server)
{
    private const string Rss = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
          <channel>
            <title>Sahel Wire</title>
            <link>https://example.org/</link>
            <description>News</description>
            <item>
              <title>Mali expels French ambassador</title>
              <link>https://example.org/news/mali-ambassador</link>
              <guid>https://example.org/news/mali-ambassador</guid>
              <pubDate>Mon, 31 Jan 2022 18:00:00 GMT</pubDate>
              <content:encoded><![CDATA[<p>Mali's transitional government expelled the French ambassador on Monday, giving him 72 hours to leave the country, after remarks by French officials about the junta.</p>]]></content:encoded>
            </item>
          </channel>
        </rss>
        """;

    private const string Atom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>Horn Monitor</title>
          <id>urn:horn-monitor</id>
          <updated>2024-01-02T09:00:00Z</updated>
          <entry>
            <title>Somalia recalls its ambassador from Ethiopia</title>
            <id>urn:horn-monitor:1</id>
            <link href="{base}/page.html"/>
            <updated>2024-01-02T09:00:00Z</updated>
            <summary>Mogadishu reacts to the port deal.</summary>
          </entry>
        </feed>
        """;

    private const string Page = """
        <html><head><title>Somalia recalls its ambassador from Ethiopia</title></head>
        <body><nav>Home | World</nav><article><h1>Somalia recalls its ambassador from Ethiopia</h1>
        <p>Somalia recalled its ambassador to Ethiopia on Tuesday, 2 January 2024, after Ethiopia signed a port deal with the breakaway region of Somaliland.</p>
        </article><footer>© Horn Monitor</footer></body></html>
        """;

    /// <summary>A feed server on loopback: /rss.xml with an ETag, /flaky.xml that fails with 500 the first time.</summary>
    private sealed class FeedServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        public readonly ConcurrentQueue<(string Path, int Status)> Requests = new();
        private int _flaky;

        private FeedServer(WebApplication app) => _app = app;

        public Uri Base => new(_app.Urls.First());

        public static async Task<FeedServer> StartAsync()
        {
            var builder = WebApplication.CreateBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var server = new FeedServer(app);
            app.MapGet("/rss.xml", (HttpContext http) =>
            {
                if (http.Request.Headers.IfNoneMatch == "\"v1\"")
                {
                    server.Requests.Enqueue(("/rss.xml", 304));
                    return Results.StatusCode(304);
                }
                server.Requests.Enqueue(("/rss.xml", 200));
                http.Response.Headers.ETag = "\"v1\"";
                return Results.Text(Rss, "application/rss+xml");
            });
            // Atom with summaries only: each entry's linked page is fetched and read as HTML.
            app.MapGet("/atom.xml", (HttpContext http) =>
            {
                server.Requests.Enqueue(("/atom.xml", 200));
                return Results.Text(Atom.Replace("{base}", $"{http.Request.Scheme}://{http.Request.Host}"), "application/atom+xml");
            });
            app.MapGet("/page.html", () =>
            {
                server.Requests.Enqueue(("/page.html", 200));
                return Results.Text(Page, "text/html");
            });
            app.MapGet("/bad.xml", () =>
            {
                server.Requests.Enqueue(("/bad.xml", 200));
                return Results.Text("<rss><channel><item><title>cut off", "application/rss+xml");
            });
            app.MapGet("/slow.xml", async (CancellationToken ct) =>
            {
                server.Requests.Enqueue(("/slow.xml", 0));
                await Task.Delay(Timeout.Infinite, ct); // never answers: the reader's timeout ends it
                return Results.Ok();
            });
            app.MapGet("/flaky.xml", () =>
            {
                var first = Interlocked.Increment(ref server._flaky) == 1;
                server.Requests.Enqueue(("/flaky.xml", first ? 500 : 200));
                return first ? Results.StatusCode(500) : Results.Text(Rss.Replace("Sahel Wire", "Flaky Wire"), "application/rss+xml");
            });
            await app.StartAsync();
            return server;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private static Task<WebApplication> ServeAsync(PostgresServer server, string schema, TestClock clock) =>
        FeedNode.StartAsync(server, schema, clock, new FeedPollingOptions(TimeSpan.FromMilliseconds(200), FetchTimeout: TimeSpan.FromSeconds(2)));

    private static Task<int> ArticlesAsync(WebApplication node) => FeedNode.ArticlesAsync(node);

    [Fact]
    public async Task serve_polls_a_feed_ingests_each_entry_once_answers_304_and_shows_errors_until_they_recover()
    {
        await using var feeds = await FeedServer.StartAsync();
        var clock = new TestClock();
        var schema = PostgresServer.NewSchema("feeds");
        var app = await ServeAsync(server, schema, clock);
        var service = app.Services.GetRequiredService<FeedService>();
        try
        {
            var rss = (await service.AddAsync(new Uri(feeds.Base, "/rss.xml").ToString(), "Sahel Wire", null, "1m", default)).Value!;
            var flaky = (await service.AddAsync(new Uri(feeds.Base, "/flaky.xml").ToString(), null, null, "1m", default)).Value!;
            Assert.Equal(rss.Id, (await service.AddAsync(new Uri(feeds.Base, "/rss.xml").ToString(), null, null, null, default)).Value!.Id);

            // The first poll: the entry becomes an article, with its relationship; the flaky feed's 500 is in its status.
            await Eventually.HoldsAsync(async () => await ArticlesAsync(app) == 1, "the feed's entry to be ingested");
            await using (var session = app.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession())
                Assert.Contains((await RelationshipQueries.PairsAsync(session)).Select(p => p.Id), id => id == "FRA-MLI");
            await Eventually.HoldsAsync(async () => (await service.ListAsync(default)).Single(f => f.Id == flaky.Id).State.ConsecutiveErrors == 1,
                "the flaky feed's error to be recorded");
            var failing = FeedView.Of((await service.ListAsync(default)).Single(f => f.Id == flaky.Id));
            Assert.Equal("failing", failing.Health);
            Assert.Contains("500", failing.LastError);
            // Backing off: the next poll after one error waits twice the interval.
            Assert.Equal(TimeSpan.FromMinutes(2), failing.NextPoll - failing.LastPoll);
            var healthy = FeedView.Of((await service.ListAsync(default)).Single(f => f.Id == rss.Id));
            Assert.Equal("healthy", healthy.Health);
            Assert.NotNull(healthy.LastNewArticle);

            // Time moves past the interval and the backoff: a conditional GET answered 304, and the flaky feed recovers
            // (its entry is the same text as the first feed's: a duplicate, nothing appended).
            clock.Advance(TimeSpan.FromMinutes(3));
            await Eventually.HoldsAsync(() => feeds.Requests.Contains(("/rss.xml", 304)), "a conditional GET answered 304");
            await Eventually.HoldsAsync(async () => (await service.ListAsync(default)).Single(f => f.Id == flaky.Id).State.ConsecutiveErrors == 0,
                "the flaky feed to recover");
            Assert.Equal(1, await ArticlesAsync(app));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        // A restart on the same schema goes on from the stored state: nothing is ingested twice.
        clock.Advance(TimeSpan.FromMinutes(3));
        var before = feeds.Requests.Count;
        var again = await ServeAsync(server, schema, clock);
        try
        {
            await Eventually.HoldsAsync(() => feeds.Requests.Count >= before + 2, "the feeds to be polled after the restart");
            Assert.Equal(1, await ArticlesAsync(again));
        }
        finally
        {
            await again.StopAsync();
            await again.DisposeAsync();
        }
    }

    [Fact]
    public async Task an_atom_summary_is_read_from_its_linked_page_and_malformed_or_silent_feeds_show_their_error()
    {
        await using var feeds = await FeedServer.StartAsync();
        var app = await ServeAsync(server, PostgresServer.NewSchema("feeds_atom"), new TestClock());
        var service = app.Services.GetRequiredService<FeedService>();
        try
        {
            var atom = (await service.AddAsync(new Uri(feeds.Base, "/atom.xml").ToString(), null, null, null, default)).Value!;
            var bad = (await service.AddAsync(new Uri(feeds.Base, "/bad.xml").ToString(), null, null, null, default)).Value!;
            var slow = (await service.AddAsync(new Uri(feeds.Base, "/slow.xml").ToString(), null, null, null, default)).Value!;

            await Eventually.HoldsAsync(async () => await ArticlesAsync(app) == 1, "the Atom entry's page to be ingested");
            Assert.Contains(("/page.html", 200), feeds.Requests);
            await using (var session = app.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession())
            {
                var article = Assert.Single(await ArticleSearch.ListAsync(session, new ArticleQuery()));
                Assert.Equal(new DateOnly(2024, 1, 2), article.Published);
                Assert.EndsWith("/page.html", article.Url);
                Assert.Contains((await RelationshipQueries.PairsAsync(session)).Select(p => p.Id), id => id == "ETH-SOM");
            }
            await Eventually.HoldsAsync(async () =>
            {
                var all = await service.ListAsync(default);
                return all.Single(f => f.Id == bad.Id).State.ConsecutiveErrors == 1 && all.Single(f => f.Id == slow.Id).State.ConsecutiveErrors == 1;
            }, "the malformed and the silent feed's errors to be recorded");
            var all = (await service.ListAsync(default)).ToDictionary(f => f.Id, FeedView.Of);
            Assert.Equal("healthy", all[atom.Id].Health);
            Assert.Equal("failing", all[bad.Id].Health);
            Assert.Contains("timed out", all[slow.Id].LastError);
            Assert.Contains("malformed feed", all[bad.Id].LastError);
            // Polled once each: an error waits out its backoff, it is not retried at every tick.
            Assert.Single(feeds.Requests, r => r.Path == "/bad.xml");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task files_dropped_in_a_followed_folder_while_serve_runs_are_ingested_once_and_a_bad_one_lands_in_rejected()
    {
        var folder = Directory.CreateTempSubdirectory("monitor-drop-").FullName;
        var app = await ServeAsync(server, PostgresServer.NewSchema("feeds_drop"), new TestClock());
        try
        {
            Assert.Null((await app.Services.GetRequiredService<FeedService>().AddAsync("folder:" + folder, "wires", null, null, default)).Refusal);
            File.WriteAllText(Path.Combine(folder, "mali.json"), """
                {"title":"Mali expels French ambassador","text":"Mali's transitional government expelled the French ambassador on Monday, giving him 72 hours to leave.","published":"2022-01-31","publisher":"Wire"}
                """);
            File.WriteAllText(Path.Combine(folder, "empty.txt"), "");
            await Eventually.HoldsAsync(() => File.Exists(Path.Combine(folder, "done", "mali.json")), "the good file to be taken");
            await Eventually.HoldsAsync(() => File.Exists(Path.Combine(folder, "rejected", "empty.txt.reason.txt")), "the bad file to be rejected");
            Assert.Contains("empty", File.ReadAllText(Path.Combine(folder, "rejected", "empty.txt.reason.txt")));
            Assert.Equal(1, await ArticlesAsync(app));
            // Dropped again, the same text appends nothing.
            File.WriteAllText(Path.Combine(folder, "mali-again.json"), File.ReadAllText(Path.Combine(folder, "done", "mali.json")));
            await Eventually.HoldsAsync(() => File.Exists(Path.Combine(folder, "done", "mali-again.json")), "the copy to be taken");
            Assert.Equal(1, await ArticlesAsync(app));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task a_new_feed_entry_leads_with_no_command_run_to_a_signed_webhook_for_the_change_it_causes()
    {
        await using var feeds = await FeedServer.StartAsync();
        await using var receiver = new WebhookReceiver("whsec-feed-test-secret-0123456789");
        await receiver.StartAsync();
        var app = await ServeAsync(server, PostgresServer.NewSchema("feeds_hook"), new TestClock());
        try
        {
            await app.Services.GetRequiredService<Monitoring.Notifications.Subscriptions.SubscriptionService>().CreateAsync(
                new Monitoring.Notifications.Subscriptions.CreateSubscription("feed test", receiver.Url,
                    new Monitoring.Notifications.Subscriptions.ChangeFilter(Pair: "FRA-MLI"), receiver.Secret), default);
            await app.Services.GetRequiredService<FeedService>().AddAsync(new Uri(feeds.Base, "/rss.xml").ToString(), "Sahel Wire", null, null, default);

            await Eventually.HoldsAsync(() => receiver.Accepted.Count > 0, "a webhook for the feed entry's change");
            var hook = receiver.Accepted[0];
            Assert.True(hook.SignatureValid);
            Assert.Equal("FRA-MLI", hook.Payload.Change.Pair);
            Assert.Contains(hook.Payload.Change.Causes, c => c.Url == "https://example.org/news/mali-ambassador");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task a_private_feed_is_refused_unless_allowed_and_a_missing_folder_is_named()
    {
        var schema = PostgresServer.NewSchema("feeds_refused");
        await using var host = await MonitorTestHost.StartAsync(server, schema);
        // The tests allow private addresses in their environment; a service set as a deployment is by default refuses them.
        var service = new FeedService(host.Store, new Monitoring.Notifications.NotificationSettings(), TimeProvider.System);
        var refused = await service.AddAsync("http://169.254.169.254/latest/meta-data", null, null, null, default);
        Assert.NotNull(refused.Refusal);
        var missing = await service.AddAsync("folder:/nonexistent/drop", null, null, null, default);
        Assert.Contains("does not exist", missing.Refusal!.Detail);
        var interval = await service.AddAsync("https://example.org/rss.xml", null, null, "5s", default);
        Assert.Equal("every", interval.Refusal!.Parameter);
        Assert.Equal(Monitoring.Api.RefusalKind.UnknownFeed, (await service.PauseAsync("feed-0000", default)).Refusal!.Kind);
    }
}
