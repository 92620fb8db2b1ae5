using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.Domain.Review;

namespace Monitoring.Store.Review;

/// <summary>
/// An analyst's correction, appended to the analyst's own stream (<see cref="StreamKeyOf"/>), never an update of what
/// extraction stored: who (<see cref="Analyst"/>), why (<see cref="Reason"/>), what it is about (<see cref="Key"/>, with
/// what the event said then in <see cref="Original"/>) and what replaces it; when is the event's recorded time.
/// </summary>
/// <param name="Key">The reported event's key (<see cref="ReportedEventKey"/>) retracted, confirmed or corrected, or the asserted event's; null for an undo.</param>
/// <param name="Article">The article the replacement belongs to (correct, assert).</param>
/// <param name="Replacement">The event as the analyst read it (correct, assert).</param>
/// <param name="Histories">Every relationship history the correction touches: the original event's and the replacement's (an undo: those of what it undoes).</param>
public sealed record CorrectionRecorded(
    Guid CorrectionId,
    CorrectionKind Kind,
    string Analyst,
    string Reason,
    string? Key,
    ExtractedEvent? Original,
    ArticleSource? Article,
    ExtractedEvent? Replacement,
    Guid? Undoes,
    IReadOnlyList<string> Histories)
{
    /// <summary>Each analyst's corrections are a stream of their own.</summary>
    public static string StreamKeyOf(string analyst) => "analyst-" + analyst;

    /// <summary>The correction as the domain applies it, stamped with the store's sequence and recorded time.</summary>
    public Correction ToCorrection(long sequence, DateTimeOffset recordedAt) =>
        new(CorrectionId, Kind, Analyst, Reason, sequence, recordedAt, Key is null ? null : ReportedEventKey.Parse(Key), Original,
            Replacement is { } e && Article is { } a ? Corrections.Replacement(CorrectionId, Analyst, sequence, recordedAt, a, e) : null, Undoes);
}
