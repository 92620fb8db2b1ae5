using Monitoring.Extraction;
using Monitoring.Extraction.Reading;

namespace Monitoring.Store.Articles.Ingesting;

/// <summary>An article already read and extracted (pure work, done off the database path, on any core).</summary>
public sealed record PreparedArticle(string Origin, Article Article, ArticleFormat Format, ExtractionResult Extraction)
{
    public string Key => ArticleStream.KeyOf(Article.ContentHash);

    /// <summary>
    /// Reads and extracts; a rejected article gives its outcome instead. <paramref name="today"/> bounds the publication date,
    /// and an article that states none counts as published then.
    /// </summary>
    public static (PreparedArticle? Article, IngestOutcome? Rejected) Prepare(IngestArticle command, DateOnly today)
    {
        if (command.Unreadable is { } unreadable) return (null, IngestOutcome.Rejected(command.Origin, unreadable));
        Article article;
        try
        {
            article = ArticleReader.Read(command.Content, command.Format, command.Metadata, receivedOn: today);
        }
        catch (ArticleRejectedException e)
        {
            return (null, IngestOutcome.Rejected(command.Origin, e.Message));
        }
        if (ArticleReader.ImplausiblePublication(article.Published, today) is { } implausible) return (null, IngestOutcome.Rejected(command.Origin, implausible));
        var (extraction, failure) = Extract(command.Origin, article);
        return extraction is not null ? (new PreparedArticle(command.Origin, article, command.Format, extraction), null) : (null, failure);
    }

    /// <summary>Today by the event store's clock (<see cref="PostgresClock"/> over the host's), for <see cref="Prepare"/>.</summary>
    public static DateOnly Today(Marten.IDocumentStore store) => DateOnly.FromDateTime(IngestBatch.Clock(store).GetUtcNow().UtcDateTime);

    /// <summary>
    /// The extraction, or the article's rejection when the extractor fails on its text (a defect of the extractor, not of
    /// the article): that article is refused with its name and the failure, and the others of its archive go on, instead of
    /// one exception ending them all.
    /// </summary>
    internal static (ExtractionResult? Extraction, IngestOutcome? Failure) Extract(string origin, Article article)
    {
        try
        {
            return (Extractor.Extract(article), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, IngestOutcome.Rejected(origin,
                $"the extractor {Extractor.Version} failed on this article ({e.GetType().Name}: {e.Message.Split('\n')[0]}); nothing was stored, please report it"));
        }
    }
}
