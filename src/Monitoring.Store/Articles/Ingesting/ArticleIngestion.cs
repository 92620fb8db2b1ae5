using Marten;

namespace Monitoring.Store.Articles.Ingesting;

/// <summary>
/// The one way in for articles, whichever face they come through (the HTTP API, the CLI, an archive). It picks the
/// path: a few articles go one at a time through the transactional append (<see cref="IngestArticleHandler"/>: Rich
/// appends, the inline projection on the same commit, a NOTIFY that wakes change detection); from
/// <see cref="ArchiveFrom"/> articles on, an archive import (<see cref="ArchiveImport"/>: extraction on all cores,
/// Marten's COPY-based bulk append). Both give the same streams, the same outcomes and the same idempotency.
/// </summary>
public sealed class ArticleIngestion(IDocumentStore store)
{
    /// <summary>From this many articles on, an ingest is an archive load.</summary>
    public const int ArchiveFrom = 100;

    /// <summary>One article, on its own transaction.</summary>
    public async Task<IngestOutcome> IngestAsync(IngestArticle article, CancellationToken ct = default)
    {
        await using var session = store.LightweightSession();
        return await IngestArticleHandler.Handle(article, session, ct);
    }

    /// <summary>
    /// Many articles, outcomes in input order; <paramref name="progress"/> hears each batch of outcomes as it is stored
    /// (one per article on the transactional path).
    /// </summary>
    public async Task<IReadOnlyList<IngestOutcome>> IngestAsync(IReadOnlyCollection<IngestArticle> articles,
        Func<IReadOnlyList<IngestOutcome>, ValueTask>? progress = null, CancellationToken ct = default)
    {
        var outcomes = new List<IngestOutcome>(articles.Count);
        if (articles.Count < ArchiveFrom)
        {
            foreach (var article in articles)
            {
                var outcome = await IngestAsync(article, ct);
                outcomes.Add(outcome);
                if (progress is not null) await progress([outcome]);
            }
            return outcomes;
        }
        await new ArchiveImport(store).RunAsync(articles, async batch =>
        {
            outcomes.AddRange(batch);
            if (progress is not null) await progress(batch);
        }, ct);
        return outcomes;
    }
}
