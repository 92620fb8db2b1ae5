using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Monitoring.Domain.Relationships;
using Monitoring.Store.Articles;

namespace Monitoring.Store.Relationships;

/// <summary>
/// Inline, deliberately: an analyst who ingests an article expects the next question to see it, and the CLI
/// runs without a resident daemon. Inline projections need the event's sequence, so the store appends in
/// Rich mode (Marten 9's quick modes give inline projections no sequence). Document ids derive from the
/// event ids, so a rebuild writes exactly the same documents. Every event is projected once, so the documents
/// are inserted, never upserted: a plain insert is cheaper, and a rebuild of insert-only batches goes through
/// PostgreSQL's COPY (<c>RebuildWithBulkCopy</c>). The bulk import (<see cref="Articles.Ingesting.IngestBatch"/>)
/// writes the same documents with the same functions.
/// </summary>
public partial class RelationshipHistoryProjection : EventProjection
{
    public RelationshipHistoryProjection()
    {
        // A rebuild starts from empty tables: no document of a report that no longer exists survives it.
        Options.DeleteViewTypeOnTeardown<HistoryReport>();
        Options.DeleteViewTypeOnTeardown<HistorySupersession>();
        // Rebuild pages: fewer, larger COPY batches (the default is 500 events).
        Options.BatchSize = 5_000;
    }

    public void Project(IEvent<EventReported> e, IDocumentOperations operations)
    {
        foreach (var doc in ReportsOf(e.Data, e.Sequence, e.Timestamp)) operations.Insert(doc);
    }

    public void Project(IEvent<ArticleReextracted> e, IDocumentOperations operations)
    {
        foreach (var doc in SupersessionsOf(e.Data, e.Sequence, e.Timestamp)) operations.Insert(doc);
    }

    /// <summary>The documents filing one report under each of its histories.</summary>
    public static IEnumerable<HistoryReport> ReportsOf(EventReported r, long sequence, DateTimeOffset recordedAt)
    {
        var report = new RecordedEvent(r.ReportId, r.Article.ArticleId, sequence, recordedAt, r.Article, r.Event, r.ExtractorVersion);
        foreach (var history in r.HistoryIds())
            yield return new HistoryReport { Id = $"{history}/{r.ReportId:N}", HistoryId = history, Report = report };
    }

    /// <summary>The documents filing one re-extraction under every history it touched.</summary>
    public static IEnumerable<HistorySupersession> SupersessionsOf(ArticleReextracted x, long sequence, DateTimeOffset recordedAt)
    {
        var supersession = new ExtractionSuperseded(x.ArticleId, x.SupersededVersion, x.NewVersion, sequence, recordedAt);
        foreach (var history in x.AffectedHistories)
            yield return new HistorySupersession { Id = $"{history}/{x.ArticleId}/{x.SupersededVersion}", HistoryId = history, Supersession = supersession };
    }
}
