using JasperFx.Events;
using Marten;
using Monitoring.Extraction;
using Monitoring.Extraction.Reading;

namespace Monitoring.Store.Articles.Reextracting;

/// <summary>Re-read every stored article whose events came from another extractor version than the current one.</summary>
public sealed record ReextractArticles;

public sealed record ReextractionReport(int Articles, int Reextracted, int UpToDate, int EventsBefore, int EventsAfter, string Version);

public static class ReextractArticlesHandler
{
    /// <summary>
    /// Appends, to each stale article's stream, an ArticleReextracted naming the superseded version and every
    /// history its old events touched, then the new version's events. Old derivations stay in the history:
    /// a question asked at an earlier knownAt still sees them; current answers use the newest version.
    /// </summary>
    public static async Task<ReextractionReport> Handle(ReextractArticles command, IDocumentStore store, CancellationToken ct)
    {
        var version = Extractor.Version;
        await using var query = store.QuerySession();
        var articles = await query.Events.QueryRawEventDataOnly<ArticleIngested>().Select(a => a.ArticleId).ToListAsync(ct);
        int reextracted = 0, before = 0, after = 0;
        foreach (var key in articles.Distinct())
        {
            await using var session = store.LightweightSession();
            var stream = await session.Events.FetchStreamAsync(key, token: ct);
            var decision = Decide(stream, version);
            if (decision is null) continue;
            var (ingested, events, superseded) = decision.Value;
            before += events;
            var article = new Article(ingested.Text, ingested.Title, ingested.Publisher, ingested.Url, ingested.Published, ingested.ContentHash, ingested.PublicationUnstated);
            var extraction = Extractor.Extract(article);
            var source = ArticleStream.SourceOf(key, article, ingested.WireFingerprint);
            var reports = ArticleStream.Reports(source, extraction, version).ToList();
            var affected = superseded.Concat(reports.SelectMany(r => r.HistoryIds())).Distinct().ToList();
            session.Events.Append(key, [new ArticleReextracted(key, CurrentVersion(stream), version, affected), .. reports]);
            await session.SaveChangesAsync(ct);
            reextracted++;
            after += reports.Count;
        }
        return new ReextractionReport(articles.Count, reextracted, articles.Count - reextracted, before, after, version);
    }

    /// <summary>The extractor version whose events currently count for the article.</summary>
    public static string CurrentVersion(IReadOnlyList<IEvent> stream) =>
        stream.Select(e => e.Data).OfType<ArticleReextracted>().LastOrDefault()?.NewVersion
        ?? stream.Select(e => e.Data).OfType<ArticleIngested>().First().ExtractorVersion;

    /// <summary>
    /// Null when the article is already read by <paramref name="version"/>; else what to supersede. The same
    /// version is never re-run: a supersession names a version, and would hide its own new events.
    /// </summary>
    public static (ArticleIngested Ingested, int Events, IReadOnlyList<string> Histories)? Decide(IReadOnlyList<IEvent> stream, string version)
    {
        var ingested = stream.Select(e => e.Data).OfType<ArticleIngested>().FirstOrDefault();
        if (ingested is null) return null;
        var current = CurrentVersion(stream);
        if (current == version) return null;
        var live = stream.Select(e => e.Data).OfType<EventReported>().Where(r => r.ExtractorVersion == current).ToList();
        return (ingested, live.Count, live.SelectMany(r => r.HistoryIds()).Distinct().ToList());
    }
}
