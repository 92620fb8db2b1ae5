using System.Globalization;
using System.Text.Json;
using Monitoring.Extraction.Evaluation;
using Monitoring.Extraction.Reading;
using Monitoring.Store.Articles.Ingesting;

namespace Monitoring.Cli;

/// <summary>
/// Turns what the user names (files, folders, globs, "-" for standard input) into ingest commands.
/// A folder with a manifest.json is ingested as the manifest lists it, in publication order, with its metadata;
/// a folder without one, every .txt, .json, .html and .htm file in it.
/// </summary>
public static class ArticleSources
{
    private static readonly string[] ArticleExtensions = [".txt", ".json", ".html", ".htm"];

    public static IEnumerable<IngestArticle> Expand(IEnumerable<string> inputs, ArticleMetadata? defaults)
    {
        foreach (var input in inputs)
        {
            if (input == "-")
            {
                using var stdin = Console.OpenStandardInput();
                using var buffer = new MemoryStream();
                stdin.CopyTo(buffer);
                yield return new IngestArticle("stdin", buffer.ToArray(), ArticleFormat.Text, defaults);
            }
            else if (Directory.Exists(input))
            {
                foreach (var command in FromFolder(input, defaults)) yield return command;
            }
            else if (input.IndexOfAny(['*', '?']) >= 0)
            {
                var dir = Path.GetDirectoryName(input) is { Length: > 0 } d ? d : ".";
                var files = Directory.Exists(dir) ? Directory.GetFiles(dir, Path.GetFileName(input)).Order(StringComparer.Ordinal).ToArray() : [];
                if (files.Length == 0) yield return IngestArticleFailure(input, "no file matches this pattern");
                var manifest = Manifest.TryLoad(dir);
                foreach (var f in files) yield return FromFile(f, Merge(manifest?.For(f), defaults));
            }
            else if (File.Exists(input))
            {
                var manifest = Manifest.TryLoad(Path.GetDirectoryName(Path.GetFullPath(input))!);
                yield return FromFile(input, Merge(manifest?.For(input), defaults));
            }
            else
            {
                yield return IngestArticleFailure(input, "no such file or folder");
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
                yield return File.Exists(path)
                    ? FromFile(path, Merge(entry.Metadata, defaults))
                    : IngestArticleFailure(path, "listed in manifest.json but missing");
            }
            yield break;
        }
        foreach (var f in Directory.EnumerateFiles(folder).Where(f => ArticleExtensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order(StringComparer.Ordinal))
            yield return FromFile(f, defaults);
    }

    /// <summary>Reading a file that is not there or too large to read is reported like any rejection.</summary>
    private static IngestArticle FromFile(string path, ArticleMetadata? metadata)
    {
        var info = new FileInfo(path);
        if (info.Length > ArticleReader.MaxBytes * 2L) return IngestArticleFailure(path, $"article too large: {info.Length:N0} bytes (the limit is {ArticleReader.MaxBytes:N0})");
        return new IngestArticle(path, File.ReadAllBytes(path), ArticleReader.FormatOf(path), metadata);
    }

    // An empty payload is rejected by the reader with its own message; the origin carries the real reason.
    private static IngestArticle IngestArticleFailure(string origin, string reason) => new($"{origin} ({reason})", [], ArticleFormat.Text, null);

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
