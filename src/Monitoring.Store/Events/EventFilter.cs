using Monitoring.Domain;

namespace Monitoring.Store.Events;

/// <summary>Which reported events to list: every filter is optional.</summary>
public sealed record EventFilter(
    WorldEventType? Type = null,
    string? Actor = null,
    DateOnly? From = null,
    DateOnly? To = null,
    string? ArticleId = null,
    int Skip = 0,
    int Take = 100);

/// <summary>A stored report as listed: the event, where it comes from, and when the store learned it.</summary>
public sealed record ListedEvent(Guid EventId, long Sequence, DateTimeOffset RecordedAt, string ArticleId, string? Publisher, string? Url,
    DateOnly Published, string ExtractorVersion, ExtractedEvent Event);
