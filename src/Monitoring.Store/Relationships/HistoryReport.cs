using Monitoring.Domain.Relationships;
using Monitoring.Domain.Review;

namespace Monitoring.Store.Relationships;

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

/// <summary>An analyst's correction filed under every history it touches (the corrected event's and its replacement's).</summary>
public sealed class HistoryCorrection
{
    public string Id { get; set; } = "";
    public string HistoryId { get; set; } = "";
    public Correction Correction { get; set; } = null!;
}
