using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Monitoring.Domain.Relationships;
using Monitoring.Store.Articles;
using Monitoring.Store.Review;
using Weasel.Core;

namespace Monitoring.Store.Relationships;

/// <summary>
/// Inline, deliberately: an analyst who ingests an article expects the next question to see it, and the CLI
/// runs without a resident daemon. Inline projections need the event's sequence, so the store appends in
/// Rich mode (Marten 9's quick modes give inline projections no sequence). Document ids derive from the
/// event ids, so a rebuild writes exactly the same documents. Every event is projected once, so the documents
/// are inserted, never upserted: a plain insert is cheaper, and a rebuild of insert-only batches goes through
/// PostgreSQL's COPY (<c>RebuildWithBulkCopy</c>). The projection owns its documents: <see cref="DocumentsOf(IEvent)"/> builds
/// them for Marten here, for the bulk import's COPY (<see cref="Articles.Ingesting.IngestBatch"/>) and for
/// <see cref="CompleteAsync"/>, which whoever reads the history of stored events (change detection) calls first.
/// </summary>
public partial class RelationshipHistoryProjection : EventProjection
{
    public RelationshipHistoryProjection()
    {
        // A rebuild starts from empty tables: no document of a report that no longer exists survives it.
        Options.DeleteViewTypeOnTeardown<HistoryReport>();
        Options.DeleteViewTypeOnTeardown<HistorySupersession>();
        Options.DeleteViewTypeOnTeardown<HistoryCorrection>();
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

    public void Project(IEvent<CorrectionRecorded> e, IDocumentOperations operations)
    {
        foreach (var doc in CorrectionsOf(e.Data, e.Sequence, e.Timestamp)) operations.Insert(doc);
    }

    /// <summary>The documents of one stored event (none for an event this projection does not file).</summary>
    public static IEnumerable<object> DocumentsOf(IEvent e) => DocumentsOf(e.Data, e.Sequence, e.Timestamp);

    /// <summary>The documents of an event's data stored at this sequence and time (what a rebuild reads from the event rows).</summary>
    public static IEnumerable<object> DocumentsOf(object data, long sequence, DateTimeOffset recordedAt) => data switch
    {
        EventReported r => ReportsOf(r, sequence, recordedAt),
        ArticleReextracted x => SupersessionsOf(x, sequence, recordedAt),
        CorrectionRecorded c => CorrectionsOf(c, sequence, recordedAt),
        _ => [],
    };

    /// <summary>
    /// Writes, committed at once, the documents of these stored events that are not stored yet, and returns how many:
    /// none after a transactional append (the inline projection wrote them on its commit); those of a bulk import whose
    /// documents are not written yet, or never were (its process died between the two COPYs). The documents are the
    /// same whoever writes them (ids and content derive from the event), so the history a reader then loads is whole.
    /// </summary>
    public static async Task<int> CompleteAsync(IDocumentStore store, IEnumerable<IEvent> events, CancellationToken ct)
    {
        var reports = new List<HistoryReport>();
        var supersessions = new List<HistorySupersession>();
        var corrections = new List<HistoryCorrection>();
        foreach (var doc in events.SelectMany(DocumentsOf))
            if (doc is HistoryReport r) reports.Add(r);
            else if (doc is HistorySupersession s) supersessions.Add(s);
            else if (doc is HistoryCorrection c) corrections.Add(c);
        if (reports.Count == 0 && supersessions.Count == 0 && corrections.Count == 0) return 0;
        await using var session = store.LightweightSession();
        var missing = 0;
        var storedReports = (await session.LoadManyAsync<HistoryReport>(ct, reports.Select(r => r.Id).ToArray())).Select(r => r.Id).ToHashSet();
        foreach (var r in reports.Where(r => !storedReports.Contains(r.Id)))
        {
            session.Store(r);
            missing++;
        }
        var storedSupersessions = (await session.LoadManyAsync<HistorySupersession>(ct, supersessions.Select(s => s.Id).ToArray())).Select(s => s.Id).ToHashSet();
        foreach (var s in supersessions.Where(s => !storedSupersessions.Contains(s.Id)))
        {
            session.Store(s);
            missing++;
        }
        var storedCorrections = (await session.LoadManyAsync<HistoryCorrection>(ct, corrections.Select(c => c.Id).ToArray())).Select(c => c.Id).ToHashSet();
        foreach (var c in corrections.Where(c => !storedCorrections.Contains(c.Id)))
        {
            session.Store(c);
            missing++;
        }
        if (missing > 0) await session.SaveChangesAsync(ct);
        return missing;
    }

    /// <summary>
    /// Writes documents of stored events with COPY (the bulk import's, a rebuild's); when another writer stored some of
    /// them first (an inline commit, change detection completing a history), a COPY that skips those.
    /// </summary>
    public static async Task CopyAsync(IDocumentStore store, IReadOnlyList<object> documents, int batch, CancellationToken ct)
    {
        if (documents.Count == 0) return;
        try
        {
            await store.BulkInsertDocumentsAsync(documents, BulkInsertMode.InsertsOnly, batch, ct);
        }
        catch (Exception e) when (Articles.Ingesting.IngestBatch.IsUniqueViolation(e))
        {
            await store.BulkInsertDocumentsAsync(documents, BulkInsertMode.IgnoreDuplicates, batch, ct);
        }
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

    /// <summary>The documents filing one correction under every history it touches.</summary>
    public static IEnumerable<HistoryCorrection> CorrectionsOf(CorrectionRecorded c, long sequence, DateTimeOffset recordedAt)
    {
        var correction = c.ToCorrection(sequence, recordedAt);
        foreach (var history in c.Histories.Distinct())
            yield return new HistoryCorrection { Id = $"{history}/{c.CorrectionId:N}", HistoryId = history, Correction = correction };
    }
}
