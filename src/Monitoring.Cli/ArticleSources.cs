using System.Globalization;
using System.Text.Json;
using Monitoring.Extraction.Evaluation;
using Monitoring.Extraction.Reading;
using Monitoring.Store.Articles.Ingesting;

namespace Monitoring.Cli;

/// <summary>
/// Turns what the user names (files, folders, globs, "-" for standard input) into ingest commands.
/// A folder with a manifest.json is ingested as the manifest lists it, in publication order, with its metadata;
/// a folder without one, every .txt, .json, .html, .htm, .jsonl, .ndjson and .csv file in it. A JSON Lines or CSV file holds
/// one article per line or row (text, published, publisher, url, title); each is ingested, or rejected naming its line.
/// </summary>
public static class ArticleSources
{
    private static readonly string[] ArticleExtensions = [".txt", ".json", ".html", ".htm", ".jsonl", ".ndjson", ".csv"];

    public static IEnumerable<IngestArticle> Expand(IEnumerable<string> inputs, ArticleMetadata? defaults)
    {
        foreach (var input in inputs)
        {
            if (input == "-")
            {
                using var stdin = Console.OpenStandardInput();
                yield return Bounded("stdin", stdin, ArticleFormat.Text, defaults);
            }
            else if (Directory.Exists(input))
            {
                foreach (var command in FromFolder(input, defaults)) yield return command;
            }
            else if (input.IndexOfAny(['*', '?']) >= 0)
            {
                var dir = Path.GetDirectoryName(input) is { Length: > 0 } d ? d : ".";
                var files = Directory.Exists(dir) ? Directory.GetFiles(dir, Path.GetFileName(input)).Order(StringComparer.Ordinal).ToArray() : [];
                if (files.Length == 0) yield return IngestArticle.Refused(input, "no file matches this pattern");
                var manifest = Manifest.TryLoad(dir);
                foreach (var f in files)
                    foreach (var command in FromPath(f, Merge(manifest?.For(f), defaults))) yield return command;
            }
            else if (File.Exists(input))
            {
                var manifest = Manifest.TryLoad(Path.GetDirectoryName(Path.GetFullPath(input))!);
                foreach (var command in FromPath(input, Merge(manifest?.For(input), defaults))) yield return command;
            }
            else
            {
                yield return IngestArticle.Refused(input, "no such file or folder: it does not exist");
            }
        }
    }

    private static IEnumerable<IngestArticle> FromFolder(string folder, ArticleMetadata? defaults)
    {
        if (Manifest.TryLoad(folder) is { } manifest)
        {
            foreach (var entry in manifest.Entries.OrderBy(e => e.Metadata.Published ?? DateOnly.MaxValue).ThenBy(e => e.File, StringComparer.Ordinal))
            {
                var path = Path.Combine(folder, entry.File);
                if (!File.Exists(path)) yield return IngestArticle.Refused(path, "listed in manifest.json but missing: the file does not exist");
                else foreach (var command in FromPath(path, Merge(entry.Metadata, defaults))) yield return command;
            }
            yield break;
        }
        foreach (var f in Directory.EnumerateFiles(folder).Where(f => ArticleExtensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order(StringComparer.Ordinal))
        {
            if (Unusable(f) is { } why)
            {
                // Not asked for by name: a folder's stray link or pipe is passed over, said on stderr, not an abort.
                Console.Error.WriteLine($"monitor: warning: skipped {f}: {why}");
                continue;
            }
            foreach (var command in FromPath(f, defaults)) yield return command;
        }
    }

    /// <summary>A file as the articles it holds: many for JSON Lines and CSV (each line or row named in its answer), else one.</summary>
    private static IEnumerable<IngestArticle> FromPath(string path, ArticleMetadata? metadata)
    {
        if (!Monitoring.Feeds.Inputs.ArticleInputs.HoldsMany(path))
        {
            yield return FromFile(path, metadata);
            yield break;
        }
        IEnumerator<Monitoring.Feeds.Inputs.InputRecord>? records = null;
        string? unreadable = null;
        try
        {
            // Read here to split the file; a line that states no publication date is dated by the store when it records it.
            records = Monitoring.Feeds.Inputs.ArticleInputs.Read(path, metadata, receivedOn: DateOnly.FromDateTime(DateTime.UtcNow)).GetEnumerator();
        }
        catch (Monitoring.Feeds.Inputs.InputException e)
        {
            unreadable = e.Message;
        }
        if (records is null)
        {
            yield return IngestArticle.Refused(path, unreadable!);
            yield break;
        }
        using var lines = records;
        while (true)
        {
            IngestArticle? next;
            try
            {
                next = lines.MoveNext() ? Command(lines.Current) : null;
            }
            catch (Exception e) when (e is Monitoring.Feeds.Inputs.InputException or IOException)
            {
                // The rest of the file cannot be read (a CSV without its text column): said once, for the file.
                next = IngestArticle.Refused(path, e.Message);
                unreadable = e.Message;
            }
            if (next is null) yield break;
            yield return next;
            if (unreadable is not null) yield break;
        }

        // The line's article, already read: its text goes on as plain text with what the line said of it.
        static IngestArticle Command(Monitoring.Feeds.Inputs.InputRecord r) => r.Article is { } a
            ? new IngestArticle(r.Where, System.Text.Encoding.UTF8.GetBytes(a.OriginalText), ArticleFormat.Text,
                new ArticleMetadata(a.Title, a.Publisher, a.Url, a.PublicationUnstated ? null : a.Published))
            : IngestArticle.Refused(r.Where, r.Problem ?? "unreadable");
    }

    /// <summary>
    /// Why a folder's entry is not read: a symbolic link that loops or leads nowhere, or an entry of size 0 (an empty
    /// file, or a pipe or device, which would block or never end; those are read only when named).
    /// </summary>
    private static string? Unusable(string path)
    {
        var info = new FileInfo(path);
        try
        {
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is not { Exists: true }) return "a symbolic link to nothing";
        }
        catch (IOException)
        {
            return "a symbolic link loop";
        }
        return info.Exists && info.Length == 0 ? "empty, or a pipe or device (name it to read it)" : null;
    }

    /// <summary>
    /// A file read up to the size limit and no further, whatever its size claims (a device or a pipe claims none): one that
    /// cannot be read, or is larger, is rejected with the reason, like any article.
    /// </summary>
    private static IngestArticle FromFile(string path, ArticleMetadata? metadata)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            return Bounded(path, stream, ArticleReader.FormatOf(path), metadata);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return IngestArticle.Refused(path, $"cannot be read: {e.Message}");
        }
    }

    private static IngestArticle Bounded(string origin, Stream input, ArticleFormat format, ArticleMetadata? metadata)
    {
        var limit = ArticleReader.MaxBytes;
        var content = new byte[limit + 1];
        var read = 0;
        int n;
        while (read < content.Length && (n = input.Read(content, read, content.Length - read)) > 0) read += n;
        if (read > limit) return IngestArticle.Refused(origin, $"article too large: more than {limit:N0} bytes (the limit is {limit / (1024 * 1024)} MiB)");
        return new IngestArticle(origin, content[..read], format, metadata);
    }

    private static ArticleMetadata? Merge(ArticleMetadata? specific, ArticleMetadata? defaults) =>
        specific is null ? defaults
        : defaults is null ? specific
        : new ArticleMetadata(specific.Title ?? defaults.Title, specific.Publisher ?? defaults.Publisher, specific.Url ?? defaults.Url, specific.Published ?? defaults.Published);
}

/// <summary>A manifest.json beside article files: publisher, URL and publication date of each.</summary>
public sealed class Manifest
{
    public sealed record Entry(string File, ArticleMetadata Metadata);

    public IReadOnlyList<Entry> Entries { get; }

    private Manifest(IReadOnlyList<Entry> entries) => Entries = entries;

    public ArticleMetadata? For(string path) =>
        Entries.FirstOrDefault(e => string.Equals(e.File, Path.GetFileName(path), StringComparison.Ordinal))?.Metadata;

    public static Manifest? TryLoad(string folder)
    {
        var path = Path.Combine(folder, "manifest.json");
        return File.Exists(path) ? Parse(File.ReadAllText(path), path) : null;
    }

    public static Manifest Parse(string json, string name = "manifest.json")
    {
        try
        {
            return new Manifest(ManifestFile.Parse(json).Select(kv => new Entry(kv.Key, kv.Value)).ToList());
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new CliException($"{name} is malformed: {e.Message}");
        }
    }

    public static DateOnly ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : DateOnly.FromDateTime(DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).UtcDateTime);
}
