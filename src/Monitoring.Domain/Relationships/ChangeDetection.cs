namespace Monitoring.Domain.Relationships;

/// <summary>
/// Status: the dimension's status changed, or its since-date moved to an incompatible date. Detail: the same status with a
/// new count or a more precise since-date. Confidence: the same status, more (or fewer) sources (a corroborating report).
/// </summary>
public enum ChangeKind { Status, Detail, Confidence }

/// <summary>One dimension of one relationship changed between two states of knowledge.</summary>
/// <param name="Revision">The change holds from a valid date earlier than the latest date already known for the dimension: it revises the past.</param>
/// <param name="CausingEntries">The timeline entries of the new state that were not in the old one, or whose sources changed.</param>
/// <param name="Contest">Whether the dimension became contested (reports now disagree on it) or ceased to be.</param>
/// <param name="RevisesPublished">
/// Relative to the publication clock: the change holds from a valid date earlier than the latest date that articles
/// published before the causing ones had already given for the dimension (an article published today about last year,
/// when later news had been published). An archive imported out of order revises the store's past (<paramref name="Revision"/>)
/// without revising what had been published.
/// </param>
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
    IReadOnlyList<string> CausingEntries,
    ContestChange Contest = ContestChange.None,
    bool RevisesPublished = false);

/// <summary>A dimension becoming contested (reports disagree on it at a date) or ceasing to be.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(SnakeCaseEnumJson<ContestChange>))]
public enum ContestChange { None, Began, Ended }

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
            var contest = (was?.IsContested ?? false, now.IsContested) switch
            {
                (false, true) => ContestChange.Began,
                (true, false) => ContestChange.Ended,
                _ => ContestChange.None,
            };
            if (was is null || was.Status != now.Status || (was.Since != now.Since && !Corroboration.DatesCompatible(was.Since, now.Since)))
            {
                var latestKnown = was is null ? null : was.EntryIds.Select(before.Entry).OfType<TimelineEntry>().Select(e => (DateOnly?)e.PlacedOn).Max();
                var validFrom = now.Since.PlacedOn ?? after.Entry(now.EntryIds[0])?.PlacedOn;
                changes.Add(new DimensionChange(after.Pair, now.Dimension, now.Side, ChangeKind.Status, was?.Status, now.Status, now.Since,
                    latestKnown is not null && validFrom is not null && validFrom < latestKnown,
                    was?.Count, now.Count, was is null ? null : Confidence(before, was), confidenceAfter, causing, contest,
                    RevisesPublished(before, after, now, validFrom)));
            }
            else if (contest != ContestChange.None || (now.IsContested && !SameReadings(was, now)))
            {
                // Still contested, with other readings (a third reading, a reading corroborated): news for the dimension.
                changes.Add(new DimensionChange(after.Pair, now.Dimension, now.Side, ChangeKind.Status, was.Status, now.Status, now.Since,
                    false, was.Count, now.Count, Confidence(before, was), confidenceAfter, causing, contest));
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

    /// <summary>
    /// What changed between two questions on the same reports, e.g. the store before and after a batch
    /// (<c>new Clocks(RecordedAt: t0)</c>, <c>new Clocks(RecordedAt: t1)</c>), or two days of publication.
    /// </summary>
    public static IReadOnlyList<DimensionChange> Between(ActorPair pair, IReadOnlyCollection<RecordedEvent> history,
        IReadOnlyCollection<ExtractionSuperseded> supersessions, Clocks before, Clocks after) =>
        Between(Relationship.StateOf(pair, history, supersessions, before), Relationship.StateOf(pair, history, supersessions, after));

    private static bool SameReadings(DimensionState a, DimensionState b) =>
        a.Prevailing == b.Prevailing && a.Readings.Select(r => (r.Status, r.IndependentSources)).SequenceEqual(b.Readings.Select(r => (r.Status, r.IndependentSources)));

    /// <summary>
    /// The change's valid date is earlier than the latest placed day among the dimension's entries (in the new state) that
    /// articles published strictly before the causing reports had given. The causing reports are those of the new state
    /// that the old one did not have.
    /// </summary>
    private static bool RevisesPublished(RelationshipState before, RelationshipState after, DimensionState now, DateOnly? validFrom)
    {
        if (validFrom is null) return false;
        var known = before.Entries.SelectMany(e => e.Reports).Select(r => r.EventId).ToHashSet();
        var fresh = after.Entries.SelectMany(e => e.Reports).Where(r => !known.Contains(r.EventId)).ToList();
        if (fresh.Count == 0) return false;
        var published = fresh.Min(r => r.Published);
        DateOnly? latest = null;
        foreach (var e in after.Entries)
        {
            if (!Relationship.Effects(after.Pair, e).Any(x => (x.Side is null ? x.Dimension : $"{x.Dimension}:{x.Side}") == now.Key)) continue;
            if (!e.Reports.Any(r => r.Published < published)) continue;
            if (latest is null || e.PlacedOn > latest) latest = e.PlacedOn;
        }
        return latest is not null && validFrom < latest;
    }

    /// <summary>The status after a change that leaves nothing known about the dimension.</summary>
    public const string None = "none";

    /// <summary>The confidence of a dimension: that of the entry establishing its status.</summary>
    public static double Confidence(RelationshipState state, DimensionState dimension) =>
        state.Entry(dimension.EntryIds[0])?.Confidence ?? 0;
}
