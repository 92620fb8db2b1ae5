using Monitoring.Extraction;
using Monitoring.Extraction.Reading;

namespace Monitoring.Store.Articles.Ingesting;

/// <summary>An article already read and extracted (pure work, done off the database path, on any core).</summary>
public sealed record PreparedArticle(string Origin, Article Article, ArticleFormat Format, ExtractionResult Extraction)
{
    public string Key => ArticleStream.KeyOf(Article.ContentHash);

    /// <summary>Reads and extracts; a rejected article gives its outcome instead. One stating no publication date counts as published <paramref name="receivedOn"/>.</summary>
    public static (PreparedArticle? Article, IngestOutcome? Rejected) Prepare(IngestArticle command, DateOnly? receivedOn = null)
    {
        try
        {
            var article = ArticleReader.Read(command.Content, command.Format, command.Metadata, receivedOn);
            return (new PreparedArticle(command.Origin, article, command.Format, Extractor.Extract(article)), null);
        }
        catch (ArticleRejectedException e)
        {
            return (null, IngestOutcome.Rejected(command.Origin, e.Message));
        }
    }
}
