using System.Text.Json;
using Monitoring.Extraction.Reading;

namespace Monitoring.Feeds.Inputs;

/// <summary>
/// A file named by the user, read as the articles it holds, by its extension: JSON Lines (.jsonl, .ndjson), CSV (.csv),
/// a JSON array of articles, or one article (.txt, .json, .html) for <see cref="ArticleReader"/>.
/// </summary>
public static class ArticleInputs
{
    public static bool HoldsMany(string path) => Path.GetExtension(path).ToLowerInvariant() is ".jsonl" or ".ndjson" or ".csv";

    /// <summary>Throws <see cref="InputException"/> for a path that does not exist or a file unreadable as a whole.</summary>
    /// <param name="receivedOn">Given, an article that states no publication date counts as published that day (see <see cref="ArticleReader"/>).</param>
    public static IEnumerable<InputRecord> Read(string path, ArticleMetadata? defaults = null, DateOnly? receivedOn = null)
    {
        if (Directory.Exists(path)) throw new InputException($"{path} is a folder, not a file");
        if (!File.Exists(path)) throw new InputException($"no such file or folder: {path}");
        return ReadExisting(path, defaults, receivedOn);
    }

    private static IEnumerable<InputRecord> ReadExisting(string path, ArticleMetadata? defaults, DateOnly? receivedOn)
    {
        var any = false;
        foreach (var record in Records(path, defaults, receivedOn))
        {
            any = true;
            yield return record;
        }
        if (!any) yield return InputRecord.Rejected(path, null, "empty file: no article in it");
    }

    private static IEnumerable<InputRecord> Records(string path, ArticleMetadata? defaults, DateOnly? receivedOn)
    {
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".jsonl" or ".ndjson":
                using (var reader = File.OpenText(path))
                    foreach (var r in JsonLines.Read(reader, path, defaults, receivedOn)) yield return r;
                yield break;
            case ".csv":
                using (var reader = File.OpenText(path))
                    foreach (var r in CsvArticles.Read(reader, path, defaults, receivedOn)) yield return r;
                yield break;
        }
        var info = new FileInfo(path);
        if (info.Length > ArticleReader.MaxBytes * 2L)
        {
            yield return InputRecord.Rejected(path, null, $"article too large: {info.Length:N0} bytes (the limit is {ArticleReader.MaxBytes:N0})");
            yield break;
        }
        var bytes = File.ReadAllBytes(path);
        var format = ArticleReader.FormatOf(path);
        if (format == ArticleFormat.Json && JsonArray(bytes) is { } items)
        {
            for (var i = 0; i < items.Count; i++) yield return One(path, $"item {i + 1}", () => ArticleReader.Read(items[i], ArticleFormat.Json, defaults, receivedOn));
            yield break;
        }
        yield return One(path, null, () => ArticleReader.Read(bytes, format, defaults, receivedOn));
    }

    private static InputRecord One(string origin, string? position, Func<Article> read)
    {
        try { return InputRecord.Read(origin, position, read()); }
        catch (ArticleRejectedException e) { return InputRecord.Rejected(origin, position, e.Message); }
    }

    /// <summary>The items of a JSON file whose root is an array, each as its own JSON text; null for anything else.</summary>
    private static List<string>? JsonArray(byte[] bytes)
    {
        var start = bytes.AsSpan().IndexOfAnyExcept(" \t\r\n\uFEFF"u8);
        if (start < 0 || bytes[start] != (byte)'[') return null;
        try
        {
            using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return doc.RootElement.EnumerateArray().Select(e => e.GetRawText()).ToList();
        }
        catch (JsonException)
        {
            return null; // the reader names the syntax error when it reads the whole file
        }
    }
}
