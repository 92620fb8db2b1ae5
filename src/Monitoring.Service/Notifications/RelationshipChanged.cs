using Monitoring.Domain;

namespace Monitoring.Service.Notifications;

/// <summary>A status change, or only a confidence change (a corroborating report of a known event).</summary>
public enum ChangeKind { Status, Confidence }

/// <summary>A report that caused a change: the stored event and the article it was read in.</summary>
public sealed record ChangeCause(Guid EventId, long Sequence, WorldEventType Type, string ArticleId, string? Publisher, string? Url, DateOnly Published);

/// <summary>
/// One dimension of one relationship changed because new reports were recorded. Stored (the document id is the
/// change's position in the feed, strictly increasing in commit order: SSE's Last-Event-ID resumes from it) and
/// published through Wolverine's outbox in the same transaction.
/// </summary>
/// <param name="Id">Feed position: the last causing event's store sequence × 1000 + the change's index in that batch.</param>
/// <param name="ValidFrom">Valid time from which the new status holds.</param>
/// <param name="RecordedAt">Recorded time of the last causing report.</param>
/// <param name="Revision">The change revises the past: the new status holds from a date before reports the store already had.</param>
public sealed record RelationshipChanged(
    long Id,
    string Pair,
    string Dimension,
    ChangeKind Kind,
    string? Before,
    string? After,
    DateOnly? ValidFrom,
    DateTimeOffset RecordedAt,
    bool Revision,
    double? ConfidenceBefore,
    double? ConfidenceAfter,
    IReadOnlyList<ChangeCause> Causes)
;
