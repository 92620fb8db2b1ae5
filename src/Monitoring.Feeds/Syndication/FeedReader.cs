using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using Monitoring.Extraction.Reading;

namespace Monitoring.Feeds.Syndication;

/// <summary>
/// Reads RSS 2.0 and Atom 1.0 through System.ServiceModel.Syndication and JSON Feed 1.x through System.Text.Json, into
/// <see cref="FeedEntry"/>s. Throws <see cref="FeedFormatException"/> for anything else or anything malformed.
/// </summary>
public static class FeedReader
{
    private const string AtomNamespace = "http://www.w3.org/2005/Atom";
    private const string ContentModuleNamespace = "http://purl.org/rss/1.0/modules/content/";

    /// <param name="baseUrl">Where the feed was fetched from: relative links are resolved against it.</param>
    public static FeedDocument Read(ReadOnlySpan<byte> body, Uri? baseUrl = null)
    {
        if (body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF) body = body[3..];
        var start = body.IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0) throw new FeedFormatException("empty feed: the document has no content");
        if (body[start] is (byte)'{' or (byte)'[') return JsonFeedReader.Read(body, baseUrl);
        // Checked before the XML parser, which would only say that DTDs are refused.
        var head = System.Text.Encoding.UTF8.GetString(body[start..Math.Min(body.Length, start + 64)]).TrimStart();
        if (head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
            throw new FeedFormatException("not a feed: the document is an HTML page");
        return ReadXml(body.ToArray(), baseUrl);
    }

    private static FeedDocument ReadXml(byte[] body, Uri? baseUrl)
    {
        // No DTDs: a feed has no use for them, and entity expansion is the classic way to make a parser explode.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
        try
        {
            using var xml = XmlReader.Create(new MemoryStream(body), settings);
            xml.MoveToContent();
            SyndicationFeedFormatter formatter = (xml.LocalName, xml.NamespaceURI) switch
            {
                ("rss", "") => new Rss20FeedFormatter { DateTimeParser = LenientDate },
                ("feed", AtomNamespace) => new Atom10FeedFormatter { DateTimeParser = LenientDate },
                ("RDF", _) => throw new FeedFormatException("RSS 1.0 (RDF) feeds are not supported: only RSS 2.0, Atom and JSON Feed"),
                ("html", _) => throw new FeedFormatException("not a feed: the document is an HTML page"),
                var (name, ns) => throw new FeedFormatException(
                    $"not a feed: the root element is <{name}>{(ns.Length > 0 ? $" in {ns}" : "")}, not <rss> (RSS 2.0) or <feed> (Atom)"),
            };
            formatter.ReadFrom(xml);
            var feed = formatter.Feed;
            var kind = formatter is Rss20FeedFormatter ? FeedKind.Rss20 : FeedKind.Atom10;
            var title = Clean(feed.Title?.Text);
            var entries = feed.Items.Select((item, i) => Entry(item, baseUrl ?? feed.BaseUri, i)).ToList();
            return new FeedDocument(kind, title, entries);
        }
        catch (Exception e) when (e is XmlException or InvalidOperationException or FormatException or ArgumentException
                                       or NotSupportedException or System.Runtime.Serialization.SerializationException)
        {
            // The syndication formatters report a document they cannot read with any of these (a truncated feed, an RSS
            // without its version): each is a malformed feed, never a crash of the poll.
            throw new FeedFormatException($"malformed feed: {FirstLine(e.Message)}");
        }
    }

    private static FeedEntry Entry(SyndicationItem item, Uri? baseUrl, int index)
    {
        var link = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate") ?? item.Links.FirstOrDefault();
        var url = link is null ? null : Absolute(link.Uri, item.BaseUri ?? baseUrl);
        var (content, format) = ContentOf(item);
        var published = item.PublishDate != default ? item.PublishDate : item.LastUpdatedTime != default ? item.LastUpdatedTime : (DateTimeOffset?)null;
        var publisher = Clean(item.SourceFeed?.Title?.Text);
        var key = Clean(item.Id) ?? url ?? Clean(link?.Uri.OriginalString) ?? (Clean(item.Title?.Text) is { } title ? "title:" + title : null)
            ?? throw new FeedFormatException($"malformed feed: entry {index + 1} has no id, link or title to tell it apart");
        return new FeedEntry(key, Clean(item.Title?.Text), url, published, publisher, content, format);
    }

    /// <summary>Atom's content, or RSS's content:encoded; RSS's description and Atom's summary are only summaries.</summary>
    private static (string?, ArticleFormat) ContentOf(SyndicationItem item)
    {
        if (item.Content is TextSyndicationContent { Text: { } text } content && !string.IsNullOrWhiteSpace(text))
            return (text, content.Type == "text" ? ArticleFormat.Text : ArticleFormat.Html);
        var encoded = item.ElementExtensions.ReadElementExtensions<string>("encoded", ContentModuleNamespace).FirstOrDefault();
        return string.IsNullOrWhiteSpace(encoded) ? (null, ArticleFormat.Html) : (encoded, ArticleFormat.Html);
    }

    internal static string? Absolute(Uri uri, Uri? baseUrl) =>
        uri.IsAbsoluteUri ? uri.AbsoluteUri
        : baseUrl is { IsAbsoluteUri: true } ? new Uri(baseUrl, uri).AbsoluteUri
        : null;

    internal static string? Absolute(string? link, Uri? baseUrl) =>
        string.IsNullOrWhiteSpace(link) ? null
        : Uri.TryCreate(link.Trim(), UriKind.RelativeOrAbsolute, out var uri) ? Absolute(uri, baseUrl)
        : null;

    /// <summary>
    /// An entry with an unreadable date is still an entry: its date then comes from the article, or nowhere. (Answering
    /// false would make the formatter throw for the whole feed; the default value stands for "no date".)
    /// </summary>
    private static bool LenientDate(XmlDateTimeData data, out DateTimeOffset date)
    {
        date = default;
        var s = data.DateTimeString?.Trim();
        if (string.IsNullOrEmpty(s)) return true;
        if (DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out date)) return true;
        // RFC 822 zones DateTimeOffset does not know ("Sat, 16 Mar 2024 18:00:00 GMT" it does; "EST", "+0000" forms vary).
        var trimmed = s.Length > 4 && s[^4] == ' ' ? s[..^4] : s;
        if (DateTimeOffset.TryParse(trimmed, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out date)) return true;
        if (DateLine.ParseLoose(s) is { } day)
        {
            date = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }
        date = default;
        return true;
    }

    internal static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    internal static string FirstLine(string message) => message.Split('\n')[0].Trim();
}

/// <summary>JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/).</summary>
internal static class JsonFeedReader
{
    private sealed record Document(string? Version, string? Title, List<Item>? Items);

    private sealed record Item(
        JsonElement Id, string? Url, string? ExternalUrl, string? Title, string? ContentHtml, string? ContentText, string? Summary,
        string? DatePublished, string? DateModified);

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static FeedDocument Read(ReadOnlySpan<byte> body, Uri? baseUrl)
    {
        Document? doc;
        try { doc = JsonSerializer.Deserialize<Document>(body, Options); }
        catch (JsonException e) { throw new FeedFormatException($"malformed JSON Feed: {FeedReader.FirstLine(e.Message)}"); }
        if (doc is null) throw new FeedFormatException("malformed JSON Feed: the document is null");
        if (doc.Version is null || !doc.Version.StartsWith("https://jsonfeed.org/version/", StringComparison.Ordinal))
            throw new FeedFormatException("not a JSON Feed: \"version\" must be https://jsonfeed.org/version/1.1 (or 1)");
        if (doc.Items is null) throw new FeedFormatException("malformed JSON Feed: no \"items\" list");
        var title = FeedReader.Clean(doc.Title);
        var entries = doc.Items.Select((item, i) => Entry(item, i, baseUrl)).ToList();
        return new FeedDocument(FeedKind.JsonFeed, title, entries);
    }

    private static FeedEntry Entry(Item item, int index, Uri? baseUrl)
    {
        var url = FeedReader.Absolute(item.Url ?? item.ExternalUrl, baseUrl);
        // The spec says a string; numbers are common in the wild and just as unique.
        var id = item.Id.ValueKind switch
        {
            JsonValueKind.String => FeedReader.Clean(item.Id.GetString()),
            JsonValueKind.Number => item.Id.GetRawText(),
            _ => null,
        };
        var key = id ?? url ?? throw new FeedFormatException($"malformed JSON Feed: item {index + 1} has neither an \"id\" nor a \"url\"");
        var published = Date(item.DatePublished) ?? Date(item.DateModified);
        var (content, format) = !string.IsNullOrWhiteSpace(item.ContentHtml) ? (item.ContentHtml, ArticleFormat.Html)
            : !string.IsNullOrWhiteSpace(item.ContentText) ? (item.ContentText, ArticleFormat.Text)
            : ((string?)null, ArticleFormat.Html);
        return new FeedEntry(key, FeedReader.Clean(item.Title), url, published, null, content, format);
    }

    private static DateTimeOffset? Date(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        // As for RSS and Atom, an unreadable date leaves the entry undated rather than the whole feed unread.
        return DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var d)
            ? d : null;
    }
}
