namespace Monitoring.Feeds.DropFolders;

/// <summary>A file seen in a drop folder: its name (no folder), and when it was last written.</summary>
public sealed record DroppedFile(string Name, DateTimeOffset LastWrite);

/// <summary>
/// One unit of work: an article file with its sidecar metadata (x.txt + x.json), or a file read alone (one article, a JSON
/// array, JSON Lines, CSV). <see cref="Problem"/> is set for a file Monitor will not read at all.
/// </summary>
public sealed record DropItem(string File, string? Sidecar = null, string? Problem = null)
{
    public IEnumerable<string> Files => Sidecar is null ? [File] : [File, Sidecar];
}

/// <summary>
/// Which files of a drop folder to take now, as a pure function of the listing and the time. A file still being written
/// is left for a later scan: it is taken once nothing has written to it for <see cref="Settle"/>.
/// </summary>
public static class DropFolderPlan
{
    public const string Manifest = "manifest.json";
    public const string ReasonSuffix = ".reason.txt";
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    private static readonly string[] ArticleExtensions = [".txt", ".html", ".htm"];
    private static readonly string[] ManyExtensions = [".json", ".jsonl", ".ndjson", ".csv"];

    /// <summary>What copy tools and editors leave while they write: never read.</summary>
    private static bool InProgress(string name) =>
        name.StartsWith('.') || name.EndsWith('~') || name.StartsWith("~$", StringComparison.Ordinal)
        || Path.GetExtension(name).ToLowerInvariant() is ".tmp" or ".part" or ".partial" or ".crdownload" or ".swp";

    public static IReadOnlyList<DropItem> Decide(IEnumerable<DroppedFile> listing, DateTimeOffset now, TimeSpan settle)
    {
        var files = listing
            .Where(f => !string.Equals(f.Name, Manifest, StringComparison.OrdinalIgnoreCase) && !InProgress(f.Name)
                && !f.Name.EndsWith(ReasonSuffix, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(f => f.Name, StringComparer.Ordinal);
        bool Settled(string name) => now - files[name].LastWrite >= settle;
        string Ext(string name) => Path.GetExtension(name).ToLowerInvariant();
        string Stem(string name) => Path.GetFileNameWithoutExtension(name);

        // x.json beside x.txt (or x.html) is x.txt's metadata, not an article of its own; x.txt and x.html both there: the first owns it.
        var sidecarOf = files.Keys.Where(n => ArticleExtensions.Contains(Ext(n))).Order(StringComparer.Ordinal)
            .Select(n => (Article: n, Sidecar: files.Keys.FirstOrDefault(s => Ext(s) == ".json" && Stem(s) == Stem(n))))
            .Where(p => p.Sidecar is not null)
            .DistinctBy(p => p.Sidecar)
            .ToDictionary(p => p.Article, p => p.Sidecar!, StringComparer.Ordinal);
        var sidecars = sidecarOf.Values.ToHashSet(StringComparer.Ordinal);

        var items = new List<DropItem>();
        foreach (var name in files.Keys.Order(StringComparer.Ordinal))
        {
            var ext = Ext(name);
            if (sidecars.Contains(name)) continue;
            DropItem item;
            if (ArticleExtensions.Contains(ext))
                item = new DropItem(name, sidecarOf.GetValueOrDefault(name));
            else if (ManyExtensions.Contains(ext))
                item = new DropItem(name);
            else
                item = new DropItem(name, null, $"not an article file ({(ext.Length > 0 ? ext : "no extension")}): a drop folder takes .txt, .html, .json, .jsonl and .csv");
            if (item.Files.All(Settled)) items.Add(item);
        }
        return items;
    }
}
