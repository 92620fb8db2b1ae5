using System.Text;
using Monitoring.Extraction.Reading;
using Monitoring.Feeds;
using Wolverine;
using Stored = Monitoring.Store.Articles.Ingesting;

namespace Monitoring.Api.Feeds;

/// <summary>
/// Where followed sources hand their articles: the service's one ingestion entry point (<c>IngestArticle</c>), so an
/// article from a feed is read, extracted, stored, corroborated and notified like any other, and the same text twice is a
/// duplicate that appends nothing. An article that stated no publication date goes on without one, so the store counts it
/// as published the day it records it, and says so.
/// </summary>
public sealed class StoreArticleSink(IMessageBus bus, string origin) : IArticleSink
{
    public async Task<IngestOutcome> IngestAsync(Article article, CancellationToken ct)
    {
        var command = new Stored.IngestArticle(article.Url ?? origin, Encoding.UTF8.GetBytes(article.OriginalText), ArticleFormat.Text,
            new ArticleMetadata(article.Title, article.Publisher, article.Url, article.PublicationUnstated ? null : article.Published));
        var outcome = await bus.InvokeAsync<Stored.IngestOutcome>(command, ct);
        return outcome.Status switch
        {
            Stored.IngestStatus.Accepted => new IngestOutcome(IngestStatus.Accepted, outcome.ArticleId),
            Stored.IngestStatus.Duplicate => new IngestOutcome(IngestStatus.Duplicate, outcome.ArticleId),
            _ => IngestOutcome.Rejected(outcome.Reason ?? "rejected"),
        };
    }
}
