using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitoring.Api.Feeds;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.IntegrationTests.Notifications;
using Xunit.Abstractions;

namespace Monitoring.IntegrationTests.Feeds;

/// <summary>
/// Two serve nodes on one database follow the same feed: one node at a time polls it (the per-feed advisory lock), each
/// new entry becomes one article, and when a node stops the other goes on polling.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FeedPollingClusterTests(PostgresServer server, ITestOutputHelper log)
{
    /// <summary>
    /// A feed on loopback that counts the polls in progress at once. Each answer takes a moment, as a distant feed's does, so
    /// that two nodes polling together would be seen overlapping.
    /// </summary>
    private sealed class CountingFeed : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<string> _entries = new();
        private int _inFlight;
        private int _maxInFlight;
        private int _polls;

        private CountingFeed(WebApplication app) => _app = app;

        public string Url => _app.Urls.First() + "/wire.xml";
        public int Polls => Volatile.Read(ref _polls);
        public int MaxConcurrentPolls => Volatile.Read(ref _maxInFlight);

        public void Publish(string day, string text) => _entries.Enqueue($"""
            <item><title>{day}</title><guid>urn:wire:{day}</guid><link>https://example.org/wire/{day}</link>
              <pubDate>{DateTime.Parse(day, System.Globalization.CultureInfo.InvariantCulture):R}</pubDate><content:encoded><![CDATA[<p>{text}</p>]]></content:encoded></item>
            """);

        public static async Task<CountingFeed> StartAsync()
        {
            var builder = WebApplication.CreateBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var feed = new CountingFeed(app);
            app.MapGet("/wire.xml", async () =>
            {
                var now = Interlocked.Increment(ref feed._inFlight);
                int seen;
                while (now > (seen = Volatile.Read(ref feed._maxInFlight)) && Interlocked.CompareExchange(ref feed._maxInFlight, now, seen) != seen)
                {
                }
                try
                {
                    await Task.Delay(300);
                    return Microsoft.AspNetCore.Http.Results.Text(
                        $"<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Wire</title><link>https://example.org/</link><description>News</description>{string.Concat(feed._entries)}</channel></rss>",
                        "application/rss+xml");
                }
                finally
                {
                    Interlocked.Decrement(ref feed._inFlight);
                    Interlocked.Increment(ref feed._polls);
                }
            });
            await app.StartAsync();
            return feed;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private static Task<WebApplication> NodeAsync(PostgresServer server, string schema, TestClock clock) =>
        FeedNode.StartAsync(server, schema, clock, new FeedPollingOptions(TimeSpan.FromMilliseconds(100), FetchTimeout: TimeSpan.FromSeconds(5)));

    private static Task<int> ArticlesAsync(WebApplication node) => FeedNode.ArticlesAsync(node);

    [Fact]
    public async Task two_nodes_never_poll_one_feed_at_once_ingest_each_entry_once_and_the_survivor_goes_on_polling()
    {
        await using var feed = await CountingFeed.StartAsync();
        feed.Publish("2022-01-31", "Mali's transitional government expelled the French ambassador on Monday, 31 January 2022.");
        var clock = new TestClock();
        var schema = PostgresServer.NewSchema("feedcluster");
        var first = await NodeAsync(server, schema, clock);
        var second = await NodeAsync(server, schema, clock);
        var firstStopped = false;
        try
        {
            await first.Services.GetRequiredService<FeedService>().AddAsync(feed.Url, "Wire", null, "1m", default);
            await Eventually.HoldsAsync(async () => await ArticlesAsync(second) == 1, "the first entry ingested");

            await PolledAsync(second, "the first poll stored");

            // Due again and again, with both nodes looking ten times a second: each due time is polled by one node, once.
            // Each round waits for the poll's state to be stored, so the clock never moves under a poll in progress.
            for (var round = 1; round <= 5; round++) await NextPollAsync(second, clock, $"poll round {round}");
            feed.Publish("2022-02-07", "Niger suspended its security cooperation with France on Monday, 7 February 2022.");
            await NextPollAsync(second, clock, "the poll after the second entry");
            Assert.Equal(2, await ArticlesAsync(first));
            Assert.Equal(2, await ArticlesAsync(second));

            // The first node goes; the second goes on.
            await first.StopAsync();
            await first.DisposeAsync();
            firstStopped = true;
            feed.Publish("2022-02-14", "Burkina Faso expelled the French ambassador on Monday, 14 February 2022.");
            await NextPollAsync(second, clock, "the poll by the node left");
            Assert.Equal(3, await ArticlesAsync(second));

            log.WriteLine($"{feed.Polls} polls of the feed by two nodes, at most {feed.MaxConcurrentPolls} at once; {await ArticlesAsync(second)} articles");
            Assert.Equal(1, feed.MaxConcurrentPolls);
            // One poll at the start and one per due time (5 rounds, the second entry, the third): none repeated.
            Assert.Equal(8, feed.Polls);
        }
        finally
        {
            await second.StopAsync();
            await second.DisposeAsync();
            if (!firstStopped)
            {
                await first.StopAsync();
                await first.DisposeAsync();
            }
        }
    }

    private static async Task<DateTimeOffset> PolledAsync(WebApplication node, string what, DateTimeOffset? after = null)
    {
        DateTimeOffset? last = null;
        await Eventually.HoldsAsync(async () =>
        {
            last = (await node.Services.GetRequiredService<FeedService>().ListAsync(default)).Single().State.LastPoll;
            return last is { } l && (after is null || l > after);
        }, what);
        return last!.Value;
    }

    /// <summary>Moves the clock past the feed's interval and waits until a poll of it is stored.</summary>
    private static async Task NextPollAsync(WebApplication node, TestClock clock, string what)
    {
        var before = await PolledAsync(node, what);
        clock.Advance(TimeSpan.FromMinutes(1));
        await PolledAsync(node, what, before);
    }
}
