using Monitoring.Domain;
using Monitoring.Domain.Relationships;

namespace Monitoring.Store.Events;

/// <summary>Which reported events to list: every filter is optional.</summary>
/// <param name="BeforeSequence">Only events recorded before this store sequence: the cursor of the next page, newest first.</param>
/// <param name="Clocks">
/// As of: events placed on or before that day (as the timeline places them); known at: events of articles published by
/// then; recorded at: events recorded by then, of the extractor version in force then. Null: no limit.
/// </param>
public sealed record EventFilter(
    WorldEventType? Type = null,
    string? Actor = null,
    DateOnly? From = null,
    DateOnly? To = null,
    string? ArticleId = null,
    int Skip = 0,
    int Take = 100,
    long? BeforeSequence = null,
    Clocks? Clocks = null);

/// <summary>A stored report as listed: the event, where it comes from, and when the store learned it.</summary>
/// <param name="Correction">What an analyst's correction in force on the clocks did to it ("retracted by alice on 2026-12-02:
/// …", "corrected from … to …", "confirmed by …"), or null: the report is listed as extraction stored it, never hidden.</param>
public sealed record ListedEvent(Guid EventId, long Sequence, DateTimeOffset RecordedAt, string ArticleId, string? Publisher, string? Url,
    DateOnly Published, string ExtractorVersion, ExtractedEvent Event, string? Correction = null);
