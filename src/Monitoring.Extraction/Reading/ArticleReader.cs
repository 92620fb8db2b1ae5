namespace Monitoring.Extraction.Reading;

/// <summary>STUB — owned by the extraction engine work; keep these signatures.</summary>
public static class ArticleReader
{
    public const int MaxBytes = 2 * 1024 * 1024;

    public static ArticleFormat FormatOf(string? fileName) =>
        Path.GetExtension(fileName ?? "").ToLowerInvariant() switch
        {
            ".json" => ArticleFormat.Json,
            ".html" or ".htm" => ArticleFormat.Html,
            _ => ArticleFormat.Text,
        };

    /// <summary>Reads raw bytes (detects binary, size, encoding), then the format. Throws <see cref="ArticleRejectedException"/>.</summary>
    public static Article Read(ReadOnlySpan<byte> raw, ArticleFormat format, ArticleMetadata? metadata)
    {
        if (raw.Length == 0) throw new ArticleRejectedException("empty article: no text to read");
        return Read(System.Text.Encoding.UTF8.GetString(raw), format, metadata);
    }

    public static Article Read(string raw, ArticleFormat format, ArticleMetadata? metadata)
    {
        if (string.IsNullOrWhiteSpace(raw)) throw new ArticleRejectedException("empty article: no text to read");
        var published = metadata?.Published ?? throw new ArticleRejectedException("undated article: no publication date given or found in the text");
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(raw)));
        return new Article(raw, metadata.Title, metadata.Publisher, metadata.Url, published, hash);
    }
}
