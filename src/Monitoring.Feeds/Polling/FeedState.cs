using System.Text.Json.Serialization;

namespace Monitoring.Feeds.Polling;

/// <summary>How a feed is doing, for `feeds status` and the page: never polled yet, polled fine, failing, or paused.</summary>
public enum FeedHealth { Waiting, Healthy, Failing, Paused }

/// <summary>
/// Where a feed's polling stands, as the service stores it between polls (and across restarts: it round-trips through
/// JSON). <see cref="SeenKeys"/> holds the entry keys and URLs already handed to the sink, newest last, bounded by
/// <see cref="PollPolicy.MaxSeenKeys"/>. <see cref="LastError"/> is null when the last poll succeeded.
/// </summary>
public sealed record FeedState(
    DateTimeOffset NextPoll,
    DateTimeOffset? LastPoll = null,
    DateTimeOffset? LastNewArticle = null,
    int ConsecutiveErrors = 0,
    string? LastError = null,
    string? ETag = null,
    string? LastModified = null,
    bool Paused = false,
    IReadOnlyList<string>? SeenKeys = null)
{
    // Derived, so not stored: the stored form is the constructor's parameters alone.
    [JsonIgnore]
    public IReadOnlyList<string> Seen => SeenKeys ?? [];

    [JsonIgnore]
    public FeedHealth Health =>
        Paused ? FeedHealth.Paused
        : ConsecutiveErrors > 0 ? FeedHealth.Failing
        : LastPoll is null ? FeedHealth.Waiting
        : FeedHealth.Healthy;

    /// <summary>A feed just added is due at once.</summary>
    public static FeedState New(DateTimeOffset now) => new(now);
}
