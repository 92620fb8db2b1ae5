using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.Domain.Review;

namespace Monitoring.Notifications.Detection;

/// <summary>A report that caused a change: the stored event and the article it was read in.</summary>
public sealed record ChangeCause(Guid EventId, long Sequence, WorldEventType Type, string ArticleId, string? Publisher, string? Url, DateOnly Published);

/// <summary>The analyst's correction that caused a change: which, what kind, who and why, and the event it is about.</summary>
/// <param name="Key">The reported event's key the correction is about (null for an undo: see <paramref name="Undoes"/>).</param>
public sealed record CorrectionCause(Guid CorrectionId, CorrectionKind Kind, string Analyst, string Reason, string? Key, Guid? Undoes);

/// <summary>
/// One dimension of one relationship changed because new reports were recorded (the domain's
/// <see cref="DimensionChange"/>, with its sources). Stored (the document id is the change's position in the feed,
/// strictly increasing in commit order: SSE's Last-Event-ID resumes from it) and published through Wolverine's
/// outbox in the same transaction.
/// </summary>
/// <param name="Id">Feed position: the last causing event's store sequence × 1000 + the change's index in that batch.</param>
/// <param name="Side">The actor a per-side dimension is about (troop_presence:USA), else null.</param>
/// <param name="Kind">Status (a new status or since-date), Detail (a new count), Confidence (only more or fewer sources).</param>
/// <param name="ValidFrom">Valid time from which the new status holds.</param>
/// <param name="RecordedAt">Recorded time of the last causing report: with the delivery time, the commit-to-webhook latency.</param>
/// <param name="Revision">The change revises the past relative to the store: it holds from a date before what the store already knew of the dimension.</param>
/// <param name="RevisesPublished">
/// The change revises the past relative to what had been published: an article published today about last year, when
/// later news had already been published. An archive imported out of order revises the store's past without this.
/// </param>
/// <param name="Contest">The dimension became contested (reports now disagree on it) or ceased to be: began, ended or none.</param>
/// <param name="Correction">The analyst's correction that made the change (retracted, corrected, asserted, undone); null when new reports did.</param>
public sealed record RelationshipChanged(
    long Id,
    string Pair,
    string Dimension,
    string? Side,
    ChangeKind Kind,
    string? Before,
    string After,
    EventDate ValidFrom,
    DateTimeOffset RecordedAt,
    bool Revision,
    int? CountBefore,
    int? CountAfter,
    double? ConfidenceBefore,
    double? ConfidenceAfter,
    IReadOnlyList<ChangeCause> Causes,
    bool RevisesPublished = false,
    ContestChange Contest = ContestChange.None,
    CorrectionCause? Correction = null);
