using JasperFx.Events;
using Marten.Events.Projections;
using Monitoring.Domain.Relationships;
using Monitoring.Service.Articles;

namespace Monitoring.Service.Relationships;

/// <summary>
/// Every report that concerns one relationship (id "NER-USA"), or one country's context (id "NER": its coups),
/// stamped with both clocks. Projected documents hold current state and have no as-of query, so this keeps
/// the dated, sequence-stamped history and the pure model folds it for any (asOf, knownAt).
/// The cost of a question therefore grows with the relationship's own events, not with the store's size.
/// </summary>
public sealed class RelationshipHistory
{
    public string Id { get; set; } = "";
    public List<RecordedEvent> Reports { get; set; } = [];
    public List<ExtractionSuperseded> Supersessions { get; set; } = [];
}

/// <summary>
/// Inline, deliberately: an analyst who ingests an article expects the next question to see it, and the CLI
/// runs without a resident daemon. Inline projections need the event's sequence, so the store appends in
/// Rich mode (Marten 9's quick modes give inline projections no sequence).
/// </summary>
public partial class RelationshipHistoryProjection : MultiStreamProjection<RelationshipHistory, string>
{
    public RelationshipHistoryProjection()
    {
        Identities<EventReported>(e => e.HistoryIds());
        Identities<ArticleReextracted>(e => e.AffectedHistories);
    }

    public void Apply(IEvent<EventReported> e, RelationshipHistory history)
    {
        var r = e.Data;
        history.Reports.Add(new RecordedEvent(r.ReportId, r.Article.ArticleId, e.Sequence, e.Timestamp, r.Article, r.Event, r.ExtractorVersion));
    }

    public void Apply(IEvent<ArticleReextracted> e, RelationshipHistory history) =>
        history.Supersessions.Add(new ExtractionSuperseded(e.Data.ArticleId, e.Data.SupersededVersion, e.Data.NewVersion, e.Sequence, e.Timestamp));
}
