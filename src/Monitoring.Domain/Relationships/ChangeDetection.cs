namespace Monitoring.Domain.Relationships;

/// <summary>
/// Status: the dimension's status changed, or its since-date moved to an incompatible date. Detail: the same status with a
/// new count or a more precise since-date. Confidence: the same status, more (or fewer) sources (a corroborating report).
/// </summary>
public enum ChangeKind { Status, Detail, Confidence }

/// <summary>One dimension of one relationship changed between two states of knowledge.</summary>
/// <param name="Revision">The change holds from a valid date earlier than the latest date already known for the dimension: it revises the past.</param>
/// <param name="CausingEntries">The timeline entries of the new state that were not in the old one, or whose sources changed.</param>
public sealed record DimensionChange(
    ActorPair Pair,
    string Dimension,
    string? Side,
    ChangeKind Kind,
    string? StatusBefore,
    string StatusAfter,
    EventDate ValidFrom,
    bool Revision,
    int? CountBefore,
    int? CountAfter,
    double? ConfidenceBefore,
    double? ConfidenceAfter,
    IReadOnlyList<string> CausingEntries);

public static class ChangeDetection
{
    /// <summary>
    /// What changed per dimension from <paramref name="before"/> to <paramref name="after"/> (two states of the same pair,
    /// typically the current state before and after an article). A report that only corroborates a known event changes
    /// no status: it shows as a Confidence change, which subscribers may ignore. A dimension that disappears (its only
    /// reports superseded) is a Status change to <see cref="None"/>, marked as a revision.
    /// </summary>
    public static IReadOnlyList<DimensionChange> Between(RelationshipState before, RelationshipState after)
    {
        var changes = new List<DimensionChange>();
        foreach (var now in after.Dimensions)
        {
            var was = before.Dimension(now.Key);
            var causing = now.EntryIds.Where(id => after.Entry(id) is { } e && (before.Entry(id) is not { } old || old.SourceCount != e.SourceCount)).ToList();
            var confidenceAfter = Confidence(after, now);
            // A since-date made more precise by a corroborating report (2024-03 → 2024-03-16) is a detail; a different
            // date (a correction, a later occurrence) is a status change.
            if (was is null || was.Status != now.Status || (was.Since != now.Since && !Corroboration.DatesCompatible(was.Since, now.Since)))
            {
                var latestKnown = was is null ? null : was.EntryIds.Select(before.Entry).OfType<TimelineEntry>().Select(e => (DateOnly?)e.PlacedOn).Max();
                var validFrom = now.Since.PlacedOn ?? after.Entry(now.EntryIds[0])?.PlacedOn;
                changes.Add(new DimensionChange(after.Pair, now.Dimension, now.Side, ChangeKind.Status, was?.Status, now.Status, now.Since,
                    latestKnown is not null && validFrom is not null && validFrom < latestKnown,
                    was?.Count, now.Count, was is null ? null : Confidence(before, was), confidenceAfter, causing));
            }
            else if (was.Count != now.Count || was.Since != now.Since)
            {
                changes.Add(new DimensionChange(after.Pair, now.Dimension, now.Side, ChangeKind.Detail, was.Status, now.Status,
                    was.Count != now.Count ? now.CountDate ?? now.Since : now.Since,
                    false, was.Count, now.Count, Confidence(before, was), confidenceAfter, causing));
            }
            else if (Math.Abs(Confidence(before, was) - confidenceAfter) > 1e-9 || causing.Count > 0)
            {
                changes.Add(new DimensionChange(after.Pair, now.Dimension, now.Side, ChangeKind.Confidence, was.Status, now.Status, now.Since,
                    false, was.Count, now.Count, Confidence(before, was), confidenceAfter, causing));
            }
        }
        foreach (var gone in before.Dimensions.Where(d => after.Dimension(d.Key) is null))
        {
            // Only a report that stopped counting (a superseded extraction) empties a dimension: it corrects the past.
            changes.Add(new DimensionChange(after.Pair, gone.Dimension, gone.Side, ChangeKind.Status, gone.Status, None, gone.Since,
                true, gone.Count, null, Confidence(before, gone), null, []));
        }
        return changes;
    }

    /// <summary>The status after a change that leaves nothing known about the dimension.</summary>
    public const string None = "none";

    /// <summary>The confidence of a dimension: that of the entry establishing its status.</summary>
    public static double Confidence(RelationshipState state, DimensionState dimension) =>
        state.Entry(dimension.EntryIds[0])?.Confidence ?? 0;
}
