using Monitoring.Feeds.Polling;

namespace Monitoring.Api.Feeds;

/// <summary>
/// A followed source as the store keeps it: what was asked (<see cref="Definition"/>; a drop folder's URL is
/// <c>folder:PATH</c>) and where its polling stands (<see cref="State"/>), written after every poll so a restart or another
/// node goes on from there.
/// </summary>
public sealed record FollowedFeed(string Id, FeedDefinition Definition, FeedState State, DateTimeOffset AddedAt)
{
    public bool IsFolder => Definition.Url.StartsWith(Monitoring.Feeds.FollowedSource.FolderPrefix, StringComparison.Ordinal);

    public string? FolderPath => IsFolder ? Definition.Url[Monitoring.Feeds.FollowedSource.FolderPrefix.Length..] : null;
}

/// <summary>A followed source as both faces show it: what it is, how it is doing, and when it is polled next.</summary>
public sealed record FeedView(string Id, string Url, string? Name, string? Publisher, string Every, string Health, DateTimeOffset? LastPoll,
    DateTimeOffset? LastNewArticle, int ConsecutiveErrors, string? LastError, DateTimeOffset? NextPoll, DateTimeOffset AddedAt)
{
    public static FeedView Of(FollowedFeed f) => new(f.Id, f.Definition.Url, f.Definition.Name, f.Definition.Publisher, Interval(f.Definition.Interval),
        f.State.Health.ToString().ToLowerInvariant(), f.State.LastPoll, f.State.LastNewArticle, f.State.ConsecutiveErrors, f.State.LastError,
        f.State.Paused ? null : f.State.NextPoll, f.AddedAt);

    /// <summary>As --every takes it: 15m, 1h30m, 1d.</summary>
    public static string Interval(TimeSpan t) =>
        string.Concat(t.Days > 0 ? $"{t.Days}d" : "", t.Hours > 0 ? $"{t.Hours}h" : "", t.Minutes > 0 ? $"{t.Minutes}m" : "", t.Seconds > 0 ? $"{t.Seconds}s" : "");
}
