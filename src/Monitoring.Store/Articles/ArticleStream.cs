using System.Security.Cryptography;
using System.Text;
using Monitoring.Domain.Relationships;
using Monitoring.Extraction;
using Monitoring.Extraction.Reading;

namespace Monitoring.Store.Articles;

/// <summary>Pure decisions about an article stream: its key, and the events that record an extraction.</summary>
public static class ArticleStream
{
    /// <summary>The same text always gets the same key, which is what makes ingestion idempotent.</summary>
    public static string KeyOf(string contentHash) => "article-" + contentHash[..32];

    /// <summary>
    /// An article id as people type or paste it: ids are lower-case, so any case is read, and the "article-" prefix may
    /// be left off (the bare hash).
    /// </summary>
    public static string IdAsTyped(string typed)
    {
        var id = typed.Trim().ToLowerInvariant();
        return id.StartsWith("article-", StringComparison.Ordinal) ? id : "article-" + id;
    }

    /// <summary>
    /// Republished wire copy shares its lead: a hash of the first sentences, letters and digits only,
    /// lower-cased, identifies it whatever the outlet's page furniture.
    /// </summary>
    public static string WireFingerprint(ExtractionResult extraction, string text)
    {
        var lead = extraction.Sentences.Count > 0
            ? string.Join(' ', extraction.Sentences.Take(3).Select(s => s.Text))
            : text[..Math.Min(text.Length, 400)];
        var normal = new string(lead.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normal)))[..16];
    }

    public static ArticleSource SourceOf(string articleId, Article article, string wireFingerprint) =>
        new(articleId, article.Publisher, article.Url, article.Published, article.Title, wireFingerprint, article.PublicationUnstated);

    /// <summary>The events that start an article's stream.</summary>
    public static IReadOnlyList<object> Started(Article article, ArticleFormat format, ExtractionResult extraction, string extractorVersion)
    {
        var key = KeyOf(article.ContentHash);
        var fingerprint = WireFingerprint(extraction, article.OriginalText);
        var source = SourceOf(key, article, fingerprint);
        var events = new List<object>
        {
            new ArticleIngested(key, article.ContentHash, article.Title, article.Publisher, article.Url, article.Published,
                format.ToString().ToLowerInvariant(), article.OriginalText, fingerprint, extractorVersion, extraction.Sentences.Count,
                article.PublicationUnstated),
        };
        events.AddRange(Reports(source, extraction, extractorVersion));
        return events;
    }

    public static IEnumerable<EventReported> Reports(ArticleSource source, ExtractionResult extraction, string extractorVersion) =>
        extraction.Events.Select((e, i) => new EventReported(ReportId(source.ArticleId, extractorVersion, i), source, e, extractorVersion));

    /// <summary>Deterministic ids, so that a rebuild or a replay names every report the same way.</summary>
    public static Guid ReportId(string articleId, string extractorVersion, int index)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{articleId}/{extractorVersion}/{index}"));
        return new Guid(bytes.AsSpan(0, 16));
    }
}
