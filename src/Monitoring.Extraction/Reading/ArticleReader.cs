using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Monitoring.Extraction.Reading;

/// <summary>Turns raw input (plain text, JSON, HTML) into an <see cref="Article"/>, or rejects it with one line naming the problem.</summary>
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

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads raw bytes (detects binary, size, encoding), then the format. Throws <see cref="ArticleRejectedException"/>.</summary>
    /// <param name="receivedOn">
    /// The day the article reached Monitor. Given, an article that states no publication date (in its metadata or its
    /// text) counts as published that day and says so (<see cref="Article.PublicationUnstated"/>); not given, it is rejected.
    /// </param>
    public static Article Read(ReadOnlySpan<byte> raw, ArticleFormat format, ArticleMetadata? metadata, DateOnly? receivedOn = null)
    {
        if (raw.Length == 0) throw new ArticleRejectedException("empty article: no text to read");
        if (raw.Length > MaxBytes) throw new ArticleRejectedException($"article too large: {raw.Length} bytes, the limit is {MaxBytes}");
        if (raw.IndexOf((byte)0) >= 0) throw new ArticleRejectedException("binary input: the file contains NUL bytes, not text");
        if (raw.Length >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF) raw = raw[3..];
        string text;
        try { text = StrictUtf8.GetString(raw); }
        catch (DecoderFallbackException) { throw new ArticleRejectedException("binary input: the bytes are not valid UTF-8 text"); }
        return Read(text, format, metadata, receivedOn);
    }

    /// <inheritdoc cref="Read(ReadOnlySpan{byte}, ArticleFormat, ArticleMetadata?, DateOnly?)"/>
    public static Article Read(string raw, ArticleFormat format, ArticleMetadata? metadata, DateOnly? receivedOn = null)
    {
        if (string.IsNullOrWhiteSpace(raw)) throw new ArticleRejectedException("empty article: no text to read");
        if (raw.Length > MaxBytes) throw new ArticleRejectedException($"article too large: more than {MaxBytes} characters");
        if (raw.Contains('\0')) throw new ArticleRejectedException("binary input: the text contains NUL characters");
        if (LooksBinary(raw)) throw new ArticleRejectedException("binary input: too many control characters for a text");
        if (raw[0] == '\uFEFF') raw = raw[1..];

        var (found, text) = format switch
        {
            ArticleFormat.Json => FromJson(raw),
            ArticleFormat.Html => FromHtml(raw),
            _ => (new ArticleMetadata(), raw),
        };
        if (string.IsNullOrWhiteSpace(text)) throw new ArticleRejectedException("empty article: no text to read once the markup is removed");

        var stated = metadata?.Published ?? found.Published ?? PublishedInText(text);
        var published = stated ?? receivedOn
            ?? throw new ArticleRejectedException("undated article: no publication date given or found in the text");
        var title = metadata?.Title ?? found.Title ?? TitleInText(text);
        var url = metadata?.Url ?? found.Url;
        if (url is not null && !IsWebAddress(url))
        {
            // A page's own link (og:url, canonical) may be relative or odd: dropped. One given with the article is refused:
            // it is shown as a link, and javascript: or data: there would run in the reader's browser.
            if (metadata?.Url is null && format == ArticleFormat.Html) url = null;
            else throw new ArticleRejectedException($"url '{(url.Length > 80 ? url[..80] + "…" : url)}' is not an http or https address");
        }
        return new Article(text, title, metadata?.Publisher ?? found.Publisher, url, published, HashOf(text), stated is null);
    }

    /// <summary>An absolute http or https URL: the only links an article may carry.</summary>
    public static bool IsWebAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>The earliest publication date accepted: earlier ones are typing errors or defaults (year 1), not news.</summary>
    public static readonly DateOnly EarliestPublished = new(1900, 1, 1);

    /// <summary>
    /// Why a publication date cannot be an article's (before <see cref="EarliestPublished"/>, or after tomorrow, which leaves
    /// a day for time zones), or null: such a date would place the article's events in year 1 or 9999.
    /// </summary>
    public static string? ImplausiblePublication(DateOnly published, DateOnly today) =>
        published < EarliestPublished ? $"implausible publication date {published:yyyy-MM-dd}: dates before {EarliestPublished:yyyy-MM-dd} are refused"
        : published > today.AddDays(1) ? $"implausible publication date {published:yyyy-MM-dd}: it is after tomorrow ({today.AddDays(1):yyyy-MM-dd})"
        : null;

    /// <summary>SHA-256 (lower-case hex) of the text with every run of whitespace made one space, so re-wrapped copies hash the same.</summary>
    public static string HashOf(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PageLayout.Normalise(text))));

    private static bool LooksBinary(string s)
    {
        var sample = s.AsSpan(0, Math.Min(s.Length, 4096));
        var suspect = 0; // control characters other than line breaks and tabs, and replacement characters
        foreach (var c in sample)
            if ((char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f')) || c == '\uFFFD') suspect++;
        return suspect > Math.Max(8, sample.Length / 50);
    }

    private static (ArticleMetadata, string) FromJson(string raw)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(raw, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }); }
        catch (JsonException e) { throw new ArticleRejectedException($"malformed JSON: {e.Message.Split('\n')[0]}"); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new ArticleRejectedException("malformed JSON: expected an object with a \"text\" field");
            string? Str(params string[] names)
            {
                foreach (var p in doc.RootElement.EnumerateObject())
                    if (names.Contains(p.Name, StringComparer.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String)
                    {
                        try
                        {
                            return p.Value.GetString();
                        }
                        catch (InvalidOperationException)
                        {
                            // System.Text.Json refuses to unescape half a UTF-16 pair ("\ud800"): no text has one.
                            throw new ArticleRejectedException($"malformed JSON: \"{p.Name}\" holds an invalid Unicode escape (a lone surrogate such as \\ud800)");
                        }
                    }
                return null;
            }
            var text = Str("text", "body", "content");
            if (string.IsNullOrWhiteSpace(text)) throw new ArticleRejectedException("malformed JSON: missing or empty \"text\" field");
            var publishedRaw = Str("published", "date", "published_at", "publishedAt");
            var published = DateLine.ParseLoose(publishedRaw);
            if (publishedRaw is not null && published is null) throw new ArticleRejectedException($"malformed JSON: \"published\" is not a date: {publishedRaw}");
            return (new ArticleMetadata(Str("title", "headline"), Str("publisher", "source", "site"), Str("url", "link"), published), text);
        }
    }

    private static readonly string[] DropTags = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "figure", "figcaption", "iframe", "svg", "button", "template"];

    private static (ArticleMetadata, string) FromHtml(string raw)
    {
        var doc = new HtmlParser().ParseDocument(raw);
        string? Meta(params string[] keys)
        {
            foreach (var k in keys)
            {
                var el = doc.QuerySelector($"meta[property='{k}'], meta[name='{k}'], meta[itemprop='{k}']");
                var v = el?.GetAttribute("content");
                if (!string.IsNullOrWhiteSpace(v)) return v.Trim();
            }
            return null;
        }
        var published = DateLine.ParseLoose(Meta("article:published_time", "datePublished", "pubdate", "date", "dc.date"))
            ?? DateLine.ParseLoose(doc.QuerySelector("time[datetime]")?.GetAttribute("datetime"));
        var title = Meta("og:title") ?? doc.QuerySelector("h1")?.TextContent.Trim() ?? doc.Title?.Trim();
        foreach (var tag in DropTags)
            foreach (var el in doc.QuerySelectorAll(tag).ToArray()) el.Remove();
        var root = doc.QuerySelector("article") ?? doc.QuerySelector("main") ?? doc.QuerySelector("[role=main]") ?? (IElement?)doc.Body;
        var blocks = new List<string>();
        if (root is not null)
        {
            var elements = root.QuerySelectorAll("h1, h2, h3, p, li, blockquote").Where(e => !e.Ancestors<IElement>().Any(a => a.LocalName is "p" or "li" or "blockquote")).ToArray();
            if (elements.Length == 0) blocks.Add(root.TextContent);
            foreach (var el in elements)
            {
                var t = PageLayout.Normalise(el.TextContent);
                if (t.Length > 0) blocks.Add(t);
            }
        }
        var meta = new ArticleMetadata(title, Meta("og:site_name", "publisher"), Meta("og:url") ?? doc.QuerySelector("link[rel=canonical]")?.GetAttribute("href"), published);
        return (meta, string.Join("\n\n", blocks));
    }

    /// <summary>A date line near the top of the text ("15 Dec, 2023 12:28").</summary>
    public static DateOnly? PublishedInText(string text)
    {
        var lines = text.Split('\n');
        foreach (var line in lines.Take(25))
        {
            var t = line.Trim();
            if (t.Length is > 0 and < 60 && DateLine.TryParse(t, out var d)) return d;
        }
        return null;
    }

    private static string? TitleInText(string text) =>
        PageLayout.Regions(text).FirstOrDefault(r => r.IsTitle) is { } r ? text[r.Start..r.End].Trim() : null;
}
