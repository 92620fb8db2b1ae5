namespace Monitoring.Domain.Relationships;

/// <summary>
/// The three clocks a question may fix, each optional (null: no limit on it).
/// <list type="bullet">
/// <item><see cref="AsOf"/>, valid time: the world on that date (entries placed on or before it).</item>
/// <item><see cref="KnownAt"/>, publication time: only what articles published on or before that date said (an article
/// without a stated publication date counts as published on the day it was recorded, see <see cref="RecordedEvent.PublishedOn"/>).
/// This is the clock that replays history on an imported archive.</item>
/// <item><see cref="RecordedAt"/>, system time: only what Monitor held at that instant (reports and supersessions recorded
/// by then), for audit: what did our alert see.</item>
/// </list>
/// Supersessions (re-extractions) are system events: they follow the recorded clock only, so a question on the
/// publication clock alone reads the articles published by then as the current extractor reads them.
/// </summary>
public sealed record Clocks(DateOnly? AsOf = null, DateOnly? KnownAt = null, DateTimeOffset? RecordedAt = null)
{
    /// <summary>Everything known, as the world stands now.</summary>
    public static readonly Clocks Now = new();

    /// <summary>Whether a report counts on the publication and recorded clocks (the valid clock cuts entries, not reports).</summary>
    public bool Knows(RecordedEvent r) =>
        (RecordedAt is not { } t || r.RecordedAt <= t) && (KnownAt is not { } p || r.PublishedOn <= p);

    /// <summary>Whether a supersession is in force at <see cref="RecordedAt"/>.</summary>
    public bool InForce(ExtractionSuperseded s) => RecordedAt is not { } t || s.RecordedAt <= t;

    public override string ToString() =>
        $"as of {AsOf?.ToString("yyyy-MM-dd") ?? "now"}, known at {KnownAt?.ToString("yyyy-MM-dd") ?? "now"}, recorded at {RecordedAt?.ToString("O") ?? "now"}";
}
