using Marten;
using Marten.Exceptions;
using Monitoring.Extraction;
using Monitoring.Extraction.Reading;

namespace Monitoring.Service.Articles.Ingesting;

/// <summary>An article already read and extracted (pure work, done off the database path, on any core).</summary>
public sealed record PreparedArticle(string Origin, Article Article, ArticleFormat Format, ExtractionResult Extraction)
{
    public string Key => ArticleStream.KeyOf(Article.ContentHash);

    /// <summary>Reads and extracts; a rejected article gives its outcome instead.</summary>
    public static (PreparedArticle? Article, IngestOutcome? Rejected) Prepare(IngestArticle command)
    {
        try
        {
            var article = ArticleReader.Read(command.Content, command.Format, command.Metadata);
            return (new PreparedArticle(command.Origin, article, command.Format, Extractor.Extract(article)), null);
        }
        catch (ArticleRejectedException e)
        {
            return (null, IngestOutcome.Rejected(command.Origin, e.Message));
        }
    }
}

/// <summary>
/// Bulk ingestion: many articles in one transaction, for loading an archive. The streams are exactly those of
/// <see cref="IngestArticleHandler"/> (<see cref="ArticleStream.Started"/>, the inline projection runs on the same
/// commit) and it is just as idempotent: stored keys and twins within the batch are duplicates. One round trip
/// finds the stored keys and one commit writes the batch, instead of two round trips and a commit per article.
/// </summary>
public static class IngestBatch
{
    public static async Task<IReadOnlyList<IngestOutcome>> AppendAsync(IDocumentStore store, IReadOnlyList<PreparedArticle> batch, CancellationToken ct = default)
    {
        if (batch.Count == 0) return [];
        await using var session = store.LightweightSession();
        var keys = batch.Select(p => p.Key).Distinct().ToArray();
        var stored = (await session.QueryAsync<string>($"select id from {store.Options.Events.DatabaseSchemaName}.mt_streams where id = ANY(?)", ct, [keys])).ToHashSet();

        var outcomes = new List<IngestOutcome>(batch.Count);
        foreach (var p in batch)
        {
            if (!stored.Add(p.Key))
            {
                outcomes.Add(new IngestOutcome(p.Origin, IngestStatus.Duplicate, p.Key, 0, "already stored"));
                continue;
            }
            session.Events.StartStream(p.Key, ArticleStream.Started(p.Article, p.Format, p.Extraction, Extractor.Version).ToArray());
            outcomes.Add(new IngestOutcome(p.Origin, IngestStatus.Accepted, p.Key, p.Extraction.Events.Count, null));
        }
        try
        {
            await session.SaveChangesAsync(ct);
            return outcomes;
        }
        catch (ExistingStreamIdCollisionException) when (batch.Count == 1)
        {
            return [new IngestOutcome(batch[0].Origin, IngestStatus.Duplicate, batch[0].Key, 0, "already stored")];
        }
        catch (ExistingStreamIdCollisionException)
        {
            // A concurrent writer stored one of them first: the batch rolled back, so commit one article at a time.
            var single = new List<IngestOutcome>(batch.Count);
            foreach (var p in batch) single.AddRange(await AppendAsync(store, [p], ct));
            return single;
        }
    }
}
