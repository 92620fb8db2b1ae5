using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Monitoring.Feeds.Fetching;
using Monitoring.Feeds.Polling;

namespace Monitoring.Feeds.Tests;

/// <summary>The _poller against a feed _server on loopback, on a fake clock: no test waits for real _time to pass.</summary>
public sealed class FeedPollerTests : IAsyncLifetime
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(15);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingSink _sink = new();
    private FeedServer _server = null!;
    private FeedFetcher _fetcher = null!;
    private FeedPoller _poller = null!;

    // MONITOR_ALLOW_PRIVATE_URLS=true, as a test must to reach 127.0.0.1.
    private static readonly FetchOptions Options = new() { AllowPrivate = true, Timeout = TimeSpan.FromSeconds(5) };

    public async Task InitializeAsync()
    {
        _server = await FeedServer.StartAsync();
        _fetcher = new FeedFetcher(Options, _time);
        _poller = new FeedPoller(_fetcher, _time);
    }

    public async Task DisposeAsync()
    {
        _fetcher.Dispose();
        await _server.DisposeAsync();
    }

    private FeedDefinition Feed(string path) => new("feed-1", _server.Url(path), Every: Every);

    private const string ChadPage = """
        <html><head><meta property="article:published_time" content="2024-11-29"><title>Chad</title></head>
        <body><nav>Home | World</nav><article><h1>Chad expels French troops</h1>
        <p>Chad ended its defence cooperation agreement with France on Thursday, the foreign ministry said.</p></article></body></html>
        """;

    /// <summary>The RSS document of the reader tests, its links moved onto the test _server, its pages served.</summary>
    private void ServeSahelWire(string path = "/rss", string? etag = "\"v1\"", string extraItem = "")
    {
        var rss = Documents.Text("rss.xml").Replace("https://sahel-wire.example", _server.Url("")).Replace("</channel>", extraItem + "</channel>");
        _server.Serve(path, "application/rss+xml; charset=utf-8", rss, etag);
        _server.Serve("/2024/11/chad-french-troops", "text/html; charset=utf-8", ChadPage);
        // /2024/12/broken-date is not served: a 404, a permanent failure of that entry alone.
    }

    private async Task<PollResult> PollAsync(FeedDefinition feed, FeedState state) => await _poller.PollAsync(feed, state, _sink, CancellationToken.None);

    [Fact]
    public async Task each_new_entry_goes_to_the_sink_once_and_a_304_appends_nothing()
    {
        ServeSahelWire();
        var feed = Feed("/rss");

        var first = await PollAsync(feed, FeedState.New(_time.GetUtcNow()));

        Assert.Null(first.Error);
        Assert.Equal(["sahel-wire-1042", _server.Url("/2024/11/chad-french-troops"), _server.Url("/2024/12/broken-date")],
            first.Entries.Select(e => e.Key)); // oldest first, the undated last
        Assert.Equal([IngestStatus.Accepted, IngestStatus.Accepted, IngestStatus.Rejected], first.Entries.Select(e => e.Status));
        Assert.Equal("the linked page answered 404 Not Found", first.Entries[2].Reason);
        Assert.Equal(2, _sink.Calls);
        Assert.Equal("\"v1\"", first.State.ETag);
        Assert.Equal(_time.GetUtcNow(), first.State.LastNewArticle);
        Assert.Equal(_time.GetUtcNow() + Every, first.State.NextPoll);

        _time.Advance(Every);
        var second = await PollAsync(feed, first.State);

        Assert.Empty(second.Entries);
        Assert.Null(second.Error);
        Assert.Equal(2, _sink.Calls);
        Assert.Equal("\"v1\"", _server.Log.Last(l => l.Path == "/rss").IfNoneMatch);
        Assert.Equal(first.State.LastNewArticle, second.State.LastNewArticle);
        Assert.Equal(_time.GetUtcNow() + Every, second.State.NextPoll);
    }

    [Fact]
    public async Task a_summary_entry_is_read_from_its_linked_page_with_the_entrys_date_and_source()
    {
        ServeSahelWire();

        await PollAsync(Feed("/rss"), FeedState.New(_time.GetUtcNow()));

        var chad = _sink.Accepted.Single(a => a.Title == "Chad expels French troops");
        Assert.Contains("ended its defence cooperation agreement with France", chad.OriginalText);
        Assert.DoesNotContain("Home | World", chad.OriginalText);
        Assert.Equal("Another Outlet", chad.Publisher); // the entry's <source>
        Assert.Equal(new DateOnly(2024, 11, 29), chad.Published);
        Assert.Equal(_server.Url("/2024/11/chad-french-troops"), chad.Url);
        var pact = _sink.Accepted.Single(a => a.Title == "Mali and Burkina Faso sign defence pact");
        Assert.Equal("Sahel Wire", pact.Publisher); // no source: the feed's title
        Assert.Contains("mutual defence pact", pact.OriginalText);
        Assert.Equal(0, _server.Count("/2024/09/defence-pact")); // full content in the feed: the page is not fetched
    }

    [Fact]
    public async Task nothing_is_handed_over_twice_after_a_restart()
    {
        ServeSahelWire(etag: null);
        var feed = Feed("/rss");
        var first = await PollAsync(feed, FeedState.New(_time.GetUtcNow()));
        var stored = JsonSerializer.Serialize(first.State);

        // A new process: new client, new _poller, the state read back from storage; the feed has one entry more.
        _fetcher.Dispose();
        _fetcher = new FeedFetcher(Options, _time);
        _poller = new FeedPoller(_fetcher, _time);
        ServeSahelWire(etag: null, extraItem: """
            <item><title>Niger and Mali form a confederation</title><guid>sahel-wire-1100</guid>
            <pubDate>Sat, 06 Jul 2024 12:00:00 GMT</pubDate>
            <content:encoded><![CDATA[<p>Niger, Mali and Burkina Faso formed a confederation on Saturday.</p>]]></content:encoded></item>
            """);
        _time.Advance(Every);
        var second = await PollAsync(feed, JsonSerializer.Deserialize<FeedState>(stored)!);

        Assert.Equal(["sahel-wire-1100"], second.Entries.Select(e => e.Key));
        Assert.Equal(3, _sink.Calls);
        Assert.Equal(3, _sink.Accepted.Count);
    }

    [Fact]
    public async Task the_same_text_under_another_url_appends_nothing()
    {
        var item = (string guid, string link) => $"""
            <item><title>Same wire copy</title><guid>{guid}</guid><link>{link}</link><pubDate>Mon, 16 Sep 2024 09:30:00 GMT</pubDate>
            <content:encoded><![CDATA[<p>Mali and Burkina Faso signed a mutual defence pact on Monday.</p>]]></content:encoded></item>
            """;
        _server.Serve("/rss", "application/rss+xml", $"""
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Aggregator</title>
            {item("one", "https://one.example/pact")}{item("two", "https://two.example/pact")}</channel></rss>
            """);

        var result = await PollAsync(Feed("/rss"), FeedState.New(_time.GetUtcNow()));

        Assert.Equal([IngestStatus.Accepted, IngestStatus.Duplicate], result.Entries.Select(e => e.Status));
        Assert.Single(_sink.Accepted);
        Assert.Contains("https://two.example/pact", result.State.Seen);
    }

    [Fact]
    public async Task a_500_is_an_error_in_the_state_with_backoff_then_the_feed_recovers()
    {
        var failures = 1;
        ServeSahelWire(path: "/healthy");
        _server.On("/flaky", async context =>
        {
            if (Interlocked.Decrement(ref failures) >= 0)
            {
                context.Response.StatusCode = 500;
                return;
            }
            context.Response.Redirect(_server.Url("/healthy"));
            await Task.CompletedTask;
        });
        var feed = Feed("/flaky");

        var failed = await PollAsync(feed, FeedState.New(_time.GetUtcNow()));

        Assert.Equal("the feed answered 500 Internal Server Error", failed.Error);
        Assert.Equal(1, failed.State.ConsecutiveErrors);
        Assert.Equal(_time.GetUtcNow() + PollPolicy.Backoff(1, Every), failed.State.NextPoll);
        Assert.Equal(0, _sink.Calls);

        _time.Advance(failed.State.NextPoll - _time.GetUtcNow());
        var recovered = await PollAsync(feed, failed.State);

        Assert.Null(recovered.Error);
        Assert.Equal(0, recovered.State.ConsecutiveErrors);
        Assert.Equal(2, recovered.Accepted);
    }

    [Fact]
    public async Task a_feed_that_does_not_answer_times_out_on_the_clock_and_backs_off()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.On("/slow", async context =>
        {
            arrived.TrySetResult();
            try { await Task.Delay(Timeout.Infinite, context.RequestAborted); } // until the client gives up
            catch (OperationCanceledException) { }
        });
        var state = FeedState.New(_time.GetUtcNow());

        var poll = PollAsync(Feed("/slow"), state);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        _time.Advance(Options.Timeout);
        var result = await poll.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("the feed timed out after 5 s", result.Error);
        Assert.Equal(1, result.State.ConsecutiveErrors);
        Assert.Equal(_time.GetUtcNow() + PollPolicy.Backoff(1, Every), result.State.NextPoll);
    }

    [Theory]
    [InlineData(429, "Too Many Requests")]
    [InlineData(503, "Service Unavailable")]
    public async Task a_rate_limit_with_retry_after_is_honoured(int status, string phrase)
    {
        _server.On("/limited", context =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.RetryAfter = "7200";
            return Task.CompletedTask;
        });

        var result = await PollAsync(Feed("/limited"), FeedState.New(_time.GetUtcNow()));

        Assert.Equal($"the feed answered {status} {phrase}", result.Error);
        Assert.Equal(_time.GetUtcNow().AddHours(2), result.State.NextPoll);
        Assert.False(PollPolicy.IsDue(result.State, _time.GetUtcNow().AddMinutes(119)));
    }

    [Fact]
    public async Task a_retry_after_date_is_read_against_the_clock()
    {
        var until = _time.GetUtcNow().AddHours(3);
        _server.On("/limited", context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = until.ToString("R");
            return Task.CompletedTask;
        });

        var result = await PollAsync(Feed("/limited"), FeedState.New(_time.GetUtcNow()));

        Assert.Equal(until, result.State.NextPoll);
    }

    [Fact]
    public async Task a_malformed_feed_is_an_error_naming_the_problem()
    {
        _server.Serve("/broken", "application/rss+xml", Documents.Text("malformed.xml"));

        var result = await PollAsync(Feed("/broken"), FeedState.New(_time.GetUtcNow()));

        Assert.StartsWith("malformed feed:", result.Error);
        Assert.Equal(1, result.State.ConsecutiveErrors);
    }

    [Fact]
    public async Task a_page_given_as_a_feed_is_refused_by_its_content_type()
    {
        _server.Serve("/home", "text/html", "<html><body>Welcome</body></html>");

        var result = await PollAsync(Feed("/home"), FeedState.New(_time.GetUtcNow()));

        Assert.Equal("the URL serves an HTML page (text/html), not a feed: give the feed's own address", result.Error);
    }

    [Fact]
    public async Task an_atom_feed_is_polled_conditionally_on_last_modified()
    {
        const string modified = "Wed, 05 Jun 2024 12:00:00 GMT";
        var atom = Documents.Text("atom.xml").Replace("https://gulf-monitor.example", _server.Url(""));
        _server.On("/atom", async context =>
        {
            if (context.Request.Headers.IfModifiedSince == modified)
            {
                context.Response.StatusCode = 304;
                return;
            }
            context.Response.Headers.LastModified = modified;
            context.Response.ContentType = "application/atom+xml";
            await context.Response.WriteAsync(atom);
        });
        _server.Serve("/2024/06/oman-talks", "text/html", "<html><body><article><p>Oman hosted talks between Iran and the United States on Wednesday.</p></article></body></html>");

        var first = await PollAsync(Feed("/atom"), FeedState.New(_time.GetUtcNow()));
        _time.Advance(Every);
        var second = await PollAsync(Feed("/atom"), first.State);

        Assert.Equal(2, first.Accepted);
        Assert.Equal(modified, first.State.LastModified);
        Assert.Empty(second.Entries);
        Assert.Equal(modified, _server.Log.Last().IfModifiedSince);
        Assert.Equal(2, _sink.Calls);
    }

    [Fact]
    public async Task a_json_feed_is_polled_like_the_others()
    {
        var json = Documents.Text("feed.json").Replace("https://baltic-brief.example", _server.Url(""));
        _server.Serve("/feed.json", "application/feed+json", json);
        _server.Serve("/78", "text/html", "<html><body><article><p>Estonia summoned the Russian envoy on Friday over airspace violations.</p></article></body></html>");

        var result = await PollAsync(Feed("/feed.json"), FeedState.New(_time.GetUtcNow()));

        Assert.Equal(2, result.Accepted);
        Assert.Contains(_sink.Accepted, a => a.OriginalText.Contains("summoned the Russian envoy") && a.Published == new DateOnly(2024, 3, 1));
        Assert.All(_sink.Accepted, a => Assert.Equal("Baltic Brief", a.Publisher));
    }

    [Fact]
    public async Task redirects_are_followed_a_bounded_number_of_times()
    {
        ServeSahelWire();
        _server.On("/moved", context => { context.Response.Redirect("/rss", permanent: true); return Task.CompletedTask; });
        _server.On("/loop", context => { context.Response.Redirect("/loop"); return Task.CompletedTask; });
        _server.On("/elsewhere", context => { context.Response.Redirect("ftp://files.example/feed.xml"); return Task.CompletedTask; });

        Assert.Null((await PollAsync(Feed("/moved"), FeedState.New(_time.GetUtcNow()))).Error);
        Assert.Equal("the feed redirects more than 5 times", (await PollAsync(Feed("/loop"), FeedState.New(_time.GetUtcNow()))).Error);
        Assert.Equal(1 + Options.MaxRedirects, _server.Count("/loop"));
        Assert.Equal("a redirect was refused: the URL must be an absolute http or https URL",
            (await PollAsync(Feed("/elsewhere"), FeedState.New(_time.GetUtcNow()))).Error);
    }

    [Fact]
    public async Task without_the_private_urls_setting_a_loopback_feed_is_refused_before_any_request()
    {
        ServeSahelWire();
        using var strict = new FeedFetcher(Options with { AllowPrivate = false }, _time);

        var result = await new FeedPoller(strict, _time).PollAsync(Feed("/rss"), FeedState.New(_time.GetUtcNow()), _sink, CancellationToken.None);

        Assert.Contains("private or reserved address", result.Error);
        Assert.Equal(0, _server.Count("/rss"));
    }

    [Fact]
    public async Task an_oversized_feed_is_refused_not_buffered()
    {
        ServeSahelWire();
        using var small = new FeedFetcher(Options with { MaxFeedBytes = 512 }, _time);

        var result = await new FeedPoller(small, _time).PollAsync(Feed("/rss"), FeedState.New(_time.GetUtcNow()), _sink, CancellationToken.None);

        Assert.Equal("the answer is larger than 512 bytes", result.Error);
    }

    [Fact]
    public async Task when_the_store_fails_the_entry_is_tried_again_at_the_next_poll()
    {
        ServeSahelWire(etag: null);
        var feed = Feed("/rss");
        _sink.Override = a => a.Title == "Chad expels French troops" ? throw new InvalidOperationException("the database is unreachable") : null;

        var failed = await PollAsync(feed, FeedState.New(_time.GetUtcNow()));

        Assert.Equal("storing an article failed: the database is unreachable", failed.Error);
        Assert.Contains("sahel-wire-1042", failed.State.Seen); // stored before the failure: not tried again
        Assert.DoesNotContain(_server.Url("/2024/11/chad-french-troops"), failed.State.Seen);

        _sink.Override = null;
        _time.Advance(failed.State.NextPoll - _time.GetUtcNow());
        var retried = await PollAsync(feed, failed.State);

        Assert.Null(retried.Error);
        Assert.Equal(["Mali and Burkina Faso sign defence pact", "Chad expels French troops"], _sink.Accepted.Select(a => a.Title));
    }

    [Fact]
    public async Task a_linked_page_that_fails_for_now_is_tried_again_and_not_counted_as_seen()
    {
        ServeSahelWire(etag: "\"v1\"");
        var pageUp = false;
        _server.On("/2024/11/chad-french-troops", async context =>
        {
            if (!pageUp) { context.Response.StatusCode = 502; return; }
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync(ChadPage);
        });

        var first = await PollAsync(Feed("/rss"), FeedState.New(_time.GetUtcNow()));
        Assert.DoesNotContain(first.Entries, e => e.Title == "Chad expels French troops");
        Assert.Equal("the linked page answered 502 Bad Gateway", Assert.Single(first.Deferred!).Reason);
        Assert.Null(first.State.ETag); // else the next poll's 304 would hide the entry for good

        pageUp = true;
        _time.Advance(Every);
        var second = await PollAsync(Feed("/rss"), first.State);

        Assert.Equal(IngestStatus.Accepted, second.Entries.Single(e => e.Title == "Chad expels French troops").Status);
    }

    [Fact]
    public async Task a_linked_page_in_latin_1_is_read_in_its_declared_charset()
    {
        ServeSahelWire();
        _server.On("/2024/11/chad-french-troops", async context =>
        {
            context.Response.ContentType = "text/html; charset=iso-8859-1";
            await context.Response.Body.WriteAsync(System.Text.Encoding.Latin1.GetBytes(
                "<html><body><article><p>N'Djamena a mis fin \u00e0 la coop\u00e9ration de d\u00e9fense avec la France.</p></article></body></html>"));
        });

        await PollAsync(Feed("/rss"), FeedState.New(_time.GetUtcNow()));

        Assert.Contains(_sink.Accepted, a => a.OriginalText.Contains("coop\u00e9ration de d\u00e9fense"));
    }

    [Fact]
    public async Task a_linked_page_of_the_wrong_type_is_a_rejected_entry()
    {
        ServeSahelWire();
        _server.Serve("/2024/11/chad-french-troops", "application/pdf", "%PDF-1.7");

        var result = await PollAsync(Feed("/rss"), FeedState.New(_time.GetUtcNow()));

        var chad = result.Entries.Single(e => e.Title == "Chad expels French troops");
        Assert.Equal(IngestStatus.Rejected, chad.Status);
        Assert.Equal("the linked page is application/pdf, not an HTML page", chad.Reason);
    }
}
