using Marten;
using Marten.Exceptions;
using Monitoring.Extraction;
using Monitoring.Extraction.Reading;

namespace Monitoring.Store.Articles.Ingesting;

/// <summary>
/// Ingest one article. <paramref name="Origin"/> names it in answers (a file path, "stdin", a request).
/// <paramref name="Unreadable"/> is why its face could not read it (a missing file, one over the size limit): it is then
/// rejected with that reason, like any article the reader refuses.
/// </summary>
public sealed record IngestArticle(string Origin, byte[] Content, ArticleFormat Format, ArticleMetadata? Metadata, string? Unreadable = null)
{
    public static IngestArticle Refused(string origin, string reason) => new(origin, [], ArticleFormat.Text, null, reason);
}

public enum IngestStatus { Accepted, Duplicate, Rejected }

/// <summary>The answer for one article: accepted with its events, a duplicate of a stored one, or rejected with the reason.</summary>
public sealed record IngestOutcome(string Origin, IngestStatus Status, string? ArticleId, int Events, string? Reason)
{
    public static IngestOutcome Rejected(string origin, string reason) => new(origin, IngestStatus.Rejected, null, 0, reason);

    /// <summary>A stream with the article's key exists: the same text was ingested before, or by a concurrent twin.</summary>
    public static IngestOutcome AlreadyStored(string origin, string key) => new(origin, IngestStatus.Duplicate, key, 0, "already stored");
}

public static class IngestArticleHandler
{
    /// <summary>
    /// Read, extract, and start the article's stream. The stream key is the content hash, so the same article
    /// twice is a duplicate and appends nothing; a concurrent twin loses the race on the stream key and is a duplicate too.
    /// Bad input is rejected before anything is written, so nothing stored is lost.
    /// </summary>
    public static async Task<IngestOutcome> Handle(IngestArticle command, IDocumentSession session, CancellationToken ct)
    {
        if (command.Unreadable is { } unreadable) return IngestOutcome.Rejected(command.Origin, unreadable);
        var today = PreparedArticle.Today(session.DocumentStore);
        Article article;
        try
        {
            article = ArticleReader.Read(command.Content, command.Format, command.Metadata, receivedOn: today);
        }
        catch (ArticleRejectedException e)
        {
            return IngestOutcome.Rejected(command.Origin, e.Message);
        }
        if (ArticleReader.ImplausiblePublication(article.Published, today) is { } implausible)
            return IngestOutcome.Rejected(command.Origin, implausible);

        var key = ArticleStream.KeyOf(article.ContentHash);
        if (await StoredArticles.ContainsAsync(session, key, ct))
            return IngestOutcome.AlreadyStored(command.Origin, key);

        var (extraction, failure) = PreparedArticle.Extract(command.Origin, article);
        if (extraction is null) return failure!;
        var events = ArticleStream.Started(article, command.Format, extraction, Extractor.Version);
        session.Events.StartStream(key, events.ToArray());
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ExistingStreamIdCollisionException)
        {
            return IngestOutcome.AlreadyStored(command.Origin, key);
        }
        return new IngestOutcome(command.Origin, IngestStatus.Accepted, key, extraction.Events.Count, null);
    }
}
