using System.Text.Json;
using Monitoring.Feeds.Polling;

namespace Monitoring.Feeds.Tests;

public class PollPolicyTests
{
    private static readonly DateTimeOffset Noon = new(2024, 3, 16, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(15);

    [Fact]
    public void a_new_feed_is_due_at_once_and_a_paused_one_never()
    {
        var state = FeedState.New(Noon);

        Assert.True(PollPolicy.IsDue(state, Noon));
        Assert.False(PollPolicy.IsDue(PollPolicy.Pause(state), Noon.AddDays(30)));
    }

    [Fact]
    public void a_success_polls_again_after_the_interval_and_clears_the_errors()
    {
        var failing = PollPolicy.Failed(FeedState.New(Noon), Every, Noon, "the feed answered 500 Internal Server Error");

        var state = PollPolicy.Succeeded(failing, Every, Noon.AddHours(1), "\"v2\"", null, ["a"], newArticle: true);

        Assert.Equal(0, state.ConsecutiveErrors);
        Assert.Null(state.LastError);
        Assert.Equal(Noon.AddHours(1) + Every, state.NextPoll);
        Assert.Equal(Noon.AddHours(1), state.LastNewArticle);
        Assert.Equal("\"v2\"", state.ETag);
        Assert.False(PollPolicy.IsDue(state, Noon.AddHours(1).AddMinutes(14)));
        Assert.True(PollPolicy.IsDue(state, Noon.AddHours(1).AddMinutes(15)));
    }

    [Fact]
    public void each_consecutive_error_doubles_the_wait_up_to_the_cap()
    {
        var state = FeedState.New(Noon);
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 8; i++)
        {
            var now = state.NextPoll;
            state = PollPolicy.Failed(state, Every, now, "timed out");
            waits.Add(state.NextPoll - now);
        }

        Assert.Equal([30, 60, 120, 240, 360, 360, 360, 360], waits.Select(w => (int)w.TotalMinutes));
        Assert.Equal(8, state.ConsecutiveErrors);
        Assert.Equal("timed out", state.LastError);
    }

    [Fact]
    public void a_feed_polled_less_often_than_the_cap_never_backs_off_below_its_interval()
    {
        Assert.Equal(TimeSpan.FromDays(1), PollPolicy.Backoff(5, TimeSpan.FromDays(1)));
    }

    [Fact]
    public void retry_after_is_honoured_but_never_shortens_the_interval_nor_exceeds_a_day()
    {
        var state = FeedState.New(Noon);

        Assert.Equal(Noon.AddHours(2), PollPolicy.Failed(state, Every, Noon, "429", TimeSpan.FromHours(2)).NextPoll);
        Assert.Equal(Noon + Every, PollPolicy.Failed(state, Every, Noon, "429", TimeSpan.FromSeconds(10)).NextPoll);
        Assert.Equal(Noon.AddDays(1), PollPolicy.Failed(state, Every, Noon, "503", TimeSpan.FromDays(30)).NextPoll);
    }

    [Fact]
    public void not_modified_keeps_the_validators_and_counts_as_a_success()
    {
        var state = PollPolicy.Succeeded(FeedState.New(Noon), Every, Noon, "\"v1\"", "Sat, 16 Mar 2024 11:00:00 GMT", ["a"], true);
        state = PollPolicy.Failed(state, Every, Noon.AddMinutes(15), "timed out");

        var after = PollPolicy.NotModified(state, Every, Noon.AddMinutes(45));

        Assert.Equal("\"v1\"", after.ETag);
        Assert.Equal("Sat, 16 Mar 2024 11:00:00 GMT", after.LastModified);
        Assert.Equal(0, after.ConsecutiveErrors);
        Assert.Equal(Noon, after.LastNewArticle);
    }

    [Fact]
    public void resuming_polls_at_once_and_keeps_the_error_count_until_a_success()
    {
        var state = PollPolicy.Pause(PollPolicy.Failed(FeedState.New(Noon), Every, Noon, "timed out"));

        var resumed = PollPolicy.Resume(state, Noon.AddMinutes(1));

        Assert.False(resumed.Paused);
        Assert.True(PollPolicy.IsDue(resumed, Noon.AddMinutes(1)));
        Assert.Equal(1, resumed.ConsecutiveErrors);
    }

    [Fact]
    public void health_says_waiting_healthy_failing_or_paused()
    {
        var waiting = FeedState.New(Noon);
        var failing = PollPolicy.Failed(waiting, Every, Noon, "timed out");
        var healthy = PollPolicy.NotModified(failing, Every, Noon.AddHours(1));

        Assert.Equal([FeedHealth.Waiting, FeedHealth.Failing, FeedHealth.Healthy, FeedHealth.Paused],
            [waiting.Health, failing.Health, healthy.Health, PollPolicy.Pause(failing).Health]);
    }

    [Fact]
    public void seen_keys_keep_the_newest_and_forget_the_oldest_past_the_bound()
    {
        var many = Enumerable.Range(0, PollPolicy.MaxSeenKeys + 10).Select(i => $"k{i}");

        var state = PollPolicy.Succeeded(FeedState.New(Noon), Every, Noon, null, null, many, true);

        Assert.Equal(PollPolicy.MaxSeenKeys, state.Seen.Count);
        Assert.Equal("k10", state.Seen[0]);
        Assert.Equal($"k{PollPolicy.MaxSeenKeys + 9}", state.Seen[^1]);
    }

    [Fact]
    public void the_state_round_trips_through_json()
    {
        var state = PollPolicy.Failed(PollPolicy.Succeeded(FeedState.New(Noon), Every, Noon, "\"e\"", "lm", ["a", "https://x.example/a"], true),
            Every, Noon.AddMinutes(15), "the feed answered 500 Internal Server Error");

        var json = JsonSerializer.Serialize(state);
        var back = JsonSerializer.Deserialize<FeedState>(json)!;

        Assert.DoesNotContain("\"Seen\"", json);

        Assert.Equal(state with { SeenKeys = null }, back with { SeenKeys = null });
        Assert.Equal(state.Seen, back.Seen);
    }

    [Theory]
    [InlineData("15m", 15 * 60)]
    [InlineData("1h", 3600)]
    [InlineData("1h30m", 5400)]
    [InlineData("90s", 90)]
    [InlineData("1d", 86400)]
    public void intervals_are_written_like_15m(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), PollInterval.Parse(text).Interval);
    }

    [Theory]
    [InlineData("15", "not an interval")]
    [InlineData("soon", "not an interval")]
    [InlineData("10s", "too often")]
    [InlineData("30d", "too seldom")]
    public void a_bad_interval_says_why(string text, string problem)
    {
        var (interval, reason) = PollInterval.Parse(text);

        Assert.Null(interval);
        Assert.Contains(problem, reason);
    }

    [Theory]
    [InlineData("folder:/srv/wires", true)]
    [InlineData("https://news.example/rss", false)]
    public void a_source_is_a_feed_url_or_a_drop_folder(string text, bool folder)
    {
        var (source, problem) = FollowedSource.Parse(text, allowPrivate: false);

        Assert.Null(problem);
        Assert.Equal(folder, source is FollowedSource.Folder);
    }

    [Theory]
    [InlineData("http://127.0.0.1/feed", "private or reserved")]
    [InlineData("ftp://news.example/feed", "http or https")]
    [InlineData("folder:", "needs a path")]
    public void a_bad_source_says_why(string text, string problem)
    {
        Assert.Contains(problem, FollowedSource.Parse(text, allowPrivate: false).Problem);
    }
}
