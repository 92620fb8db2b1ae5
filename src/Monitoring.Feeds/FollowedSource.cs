using Monitoring.Feeds.Outbound;

namespace Monitoring.Feeds;

/// <summary>What `feeds add` was given: a feed's URL, or "folder:PATH" for a drop folder.</summary>
public abstract record FollowedSource
{
    public const string FolderPrefix = "folder:";

    public sealed record Feed(string Url) : FollowedSource;

    public sealed record Folder(string Path) : FollowedSource;

    /// <summary>The source, or the problem in one line. A feed URL obeys the same address rule as webhooks.</summary>
    public static (FollowedSource? Source, string? Problem) Parse(string? text, bool allowPrivate)
    {
        var t = text?.Trim() ?? "";
        if (t.StartsWith(FolderPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var path = t[FolderPrefix.Length..].Trim();
            if (path.Length == 0) return (null, "folder: needs a path, e.g. folder:/srv/wires");
            return (new Folder(System.IO.Path.GetFullPath(path)), null);
        }
        return OutboundAddresses.Refusal(t, allowPrivate) is { } refusal ? (null, refusal) : (new Feed(t), null);
    }
}
