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
/// event ids, so a rebuild writes exactly the same documents.
/// </summary>
public partial class RelationshipHistoryProjection : EventProjection
{
    public void Project(IEvent<EventReported> e, IDocumentOperations operations)
    {
        var r = e.Data;
        var report = new RecordedEvent(r.ReportId, r.Article.ArticleId, e.Sequence, e.Timestamp, r.Article, r.Event, r.ExtractorVersion);
        foreach (var history in r.HistoryIds())
            operations.Store(new HistoryReport { Id = $"{history}/{r.ReportId:N}", HistoryId = history, Report = report });
    }

    public void Project(IEvent<ArticleReextracted> e, IDocumentOperations operations)
    {
        var x = e.Data;
        var supersession = new ExtractionSuperseded(x.ArticleId, x.SupersededVersion, x.NewVersion, e.Sequence, e.Timestamp);
        foreach (var history in x.AffectedHistories)
            operations.Store(new HistorySupersession { Id = $"{history}/{x.ArticleId}/{x.SupersededVersion}", HistoryId = history, Supersession = supersession });
    }
}
