using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitoring.Feeds.Polling;

/// <summary>
/// A feed someone follows: its URL, the name shown for it, the publisher its articles are credited to when the feed
/// should not say (null: the entry's source, else the feed's title), and how often it is polled.
/// </summary>
public sealed record FeedDefinition(string Id, string Url, string? Name = null, string? Publisher = null, TimeSpan? Every = null)
{
    public TimeSpan Interval => Every ?? PollInterval.Default;
}

/// <summary>The --every option: "15m", "1h", "90s", "1d", or a combination ("1h30m").</summary>
public static partial class PollInterval
{
    public static readonly TimeSpan Default = TimeSpan.FromMinutes(15);

    /// <summary>No feed is polled more often than this, whatever it asks: a politeness floor.</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan Maximum = TimeSpan.FromDays(7);

    [GeneratedRegex(@"^(?:(?<d>\d+)d)?(?:(?<h>\d+)h)?(?:(?<m>\d+)m)?(?:(?<s>\d+)s)?$")]
    private static partial Regex Pattern();

    /// <summary>The interval, or the problem in one line.</summary>
    public static (TimeSpan? Interval, string? Problem) Parse(string? text)
    {
        var t = text?.Trim().ToLowerInvariant() ?? "";
        var m = Pattern().Match(t);
        if (t.Length == 0 || !m.Success)
            return (null, $"'{text}' is not an interval: write it like 15m, 1h, 90s or 1d");
        int Part(string g) => m.Groups[g].Success ? int.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture) : 0;
        var interval = new TimeSpan(Part("d"), Part("h"), Part("m"), Part("s"));
        if (interval < Minimum) return (null, $"'{text}' is too often: feeds are polled at most once a minute");
        if (interval > Maximum) return (null, $"'{text}' is too seldom: at least once a week");
        return (interval, null);
    }
}
