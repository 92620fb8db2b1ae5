namespace Monitoring.Feeds.Polling;

/// <summary>
/// When a feed is polled next, as pure functions of its state and the time passed in. A success polls again after the
/// feed's interval; each consecutive error doubles the wait (up to <see cref="MaxBackoff"/>, or the interval if that is
/// longer); a 429 or 503 with Retry-After waits what the server asked (capped at <see cref="MaxRetryAfter"/>), never
/// less than the interval.
/// </summary>
public static class PollPolicy
{
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(6);
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromDays(1);
    public const int MaxSeenKeys = 5000;

    public static bool IsDue(FeedState state, DateTimeOffset now) => !state.Paused && now >= state.NextPoll;

    /// <summary>The wait after the <paramref name="consecutiveErrors"/>-th error in a row: interval × 2^errors, capped.</summary>
    public static TimeSpan Backoff(int consecutiveErrors, TimeSpan interval)
    {
        var cap = interval > MaxBackoff ? interval : MaxBackoff;
        var factor = Math.Pow(2, Math.Min(consecutiveErrors, 30));
        var wait = interval.TotalSeconds * factor;
        return wait >= cap.TotalSeconds ? cap : TimeSpan.FromSeconds(wait);
    }

    /// <summary>A poll that worked (new entries or not, or 304): errors cleared, validators kept for the next conditional GET.</summary>
    public static FeedState Succeeded(FeedState state, TimeSpan interval, DateTimeOffset now, string? etag, string? lastModified,
        IEnumerable<string> newlySeen, bool newArticle) =>
        state with
        {
            LastPoll = now,
            NextPoll = now + interval,
            ConsecutiveErrors = 0,
            LastError = null,
            ETag = etag,
            LastModified = lastModified,
            LastNewArticle = newArticle ? now : state.LastNewArticle,
            SeenKeys = Remember(state.Seen, newlySeen),
        };

    /// <summary>304 Not Modified: nothing new, the validators stay as they were.</summary>
    public static FeedState NotModified(FeedState state, TimeSpan interval, DateTimeOffset now) =>
        Succeeded(state, interval, now, state.ETag, state.LastModified, [], false);

    /// <summary>A poll that failed. Entries already handed to the sink in it stay seen, so a retry does not repeat them.</summary>
    public static FeedState Failed(FeedState state, TimeSpan interval, DateTimeOffset now, string reason, TimeSpan? retryAfter = null,
        IEnumerable<string>? newlySeen = null)
    {
        var errors = state.ConsecutiveErrors + 1;
        var wait = retryAfter is { } asked
            ? Max(asked > MaxRetryAfter ? MaxRetryAfter : asked, interval)
            : Backoff(errors, interval);
        return state with
        {
            LastPoll = now,
            NextPoll = now + wait,
            ConsecutiveErrors = errors,
            LastError = reason,
            SeenKeys = newlySeen is null ? state.SeenKeys : Remember(state.Seen, newlySeen),
        };
    }

    public static FeedState Pause(FeedState state) => state with { Paused = true };

    /// <summary>A resumed feed is polled at once; its error count stays until a poll succeeds.</summary>
    public static FeedState Resume(FeedState state, DateTimeOffset now) => state with { Paused = false, NextPoll = now };

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Seen keys, newest last, the oldest forgotten past <see cref="MaxSeenKeys"/> (a feed lists far fewer entries).</summary>
    internal static IReadOnlyList<string> Remember(IReadOnlyList<string> seen, IEnumerable<string> added)
    {
        var known = new HashSet<string>(seen, StringComparer.Ordinal);
        var list = seen.ToList();
        foreach (var key in added)
            if (known.Add(key)) list.Add(key);
        return list.Count > MaxSeenKeys ? list.GetRange(list.Count - MaxSeenKeys, MaxSeenKeys) : list;
    }
}
