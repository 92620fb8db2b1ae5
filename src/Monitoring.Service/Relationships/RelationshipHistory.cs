using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Monitoring.Domain.Relationships;
using Monitoring.Service.Articles;

namespace Monitoring.Service.Relationships;

/// <summary>
/// One report filed under one history: a relationship ("NER-USA") or a country's context ("NER": its coups),
/// stamped with both clocks. Projected documents hold current state and have no as-of query, so the histories
/// keep every dated, sequence-stamped report and the pure model folds them for any (asOf, knownAt).
/// One small document per report (not one growing document per pair) keeps an append constant-cost however
/// long the relationship's history, and a question reads only its pair's rows through the HistoryId index.
/// </summary>
public sealed class HistoryReport
{
    public string Id { get; set; } = "";
    public string HistoryId { get; set; } = "";
    public RecordedEvent Report { get; set; } = null!;
}

/// <summary>A re-extraction filed under every history its superseded events touched.</summary>
public sealed class HistorySupersession
{
    public string Id { get; set; } = "";
    public string HistoryId { get; set; } = "";
    public ExtractionSuperseded Supersession { get; set; } = null!;
}

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
