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

/// <summary>Whether a source is a syndication feed or a drop folder.</summary>
public enum SourceKind { Feed, Folder }

/// <summary>Whether serve polls the source or it was paused.</summary>
public enum FollowingState { Active, Paused }

/// <summary>
/// A followed source as anyone who may read may see it (GET /feeds/status, the page's Sources panel): how it is doing, not
/// where it is. Its URL or path and its error text stay behind the key on /feeds: they tell of the operator's network.
/// </summary>
public sealed record FeedStatus(string Name, SourceKind Kind, FollowingState State, DateTimeOffset? LastPoll, DateTimeOffset? LastNewArticle,
    int ConsecutiveErrors, DateTimeOffset? NextPoll)
{
    public static FeedStatus Of(FollowedFeed f) => new(
        f.Definition.Name ?? f.Definition.Publisher ?? (f.IsFolder ? "unnamed folder" : "unnamed feed"),
        f.IsFolder ? SourceKind.Folder : SourceKind.Feed, f.State.Paused ? FollowingState.Paused : FollowingState.Active,
        f.State.LastPoll, f.State.LastNewArticle, f.State.ConsecutiveErrors, f.State.Paused ? null : f.State.NextPoll);
}
