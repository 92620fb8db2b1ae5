using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.Notifications.Detection;

namespace Monitoring.Notifications.Subscriptions;

/// <summary>
/// Which changes a subscriber wants. Empty lists mean "any". Every listed actor must be in the pair
/// (actors NER = every relationship of Niger; actors NER, USA = that one relationship).
/// </summary>
public sealed record ChangeFilter(
    IReadOnlyList<string>? Actors = null,
    string? Pair = null,
    IReadOnlyList<string>? Dimensions = null,
    IReadOnlyList<WorldEventType>? EventTypes = null,
    double MinConfidence = 0,
    bool IncludeRevisions = true,
    bool IncludeConfidenceChanges = false)
{
    public static readonly ChangeFilter Everything = new();

    public bool Matches(RelationshipChanged change)
    {
        var pair = ActorPair.Parse(change.Pair);
        if (Actors is { Count: > 0 } actors && !actors.All(pair.Involves)) return false;
        if (Pair is { Length: > 0 } p && ActorPair.Parse(p) != pair) return false;
        if (Dimensions is { Count: > 0 } dims && !dims.Contains(change.Dimension, StringComparer.OrdinalIgnoreCase)) return false;
        if (EventTypes is { Count: > 0 } types && !change.Causes.Any(c => types.Contains(c.Type))) return false;
        if ((change.ConfidenceAfter ?? 0) < MinConfidence) return false;
        if (change.Revision && !IncludeRevisions) return false;
        // Status and detail (a new troop count) changes are news; a corroboration only moves the confidence.
        return change.Kind != ChangeKind.Confidence || IncludeConfidenceChanges;
    }

    /// <summary>An event type in either spelling (<see cref="Vocabulary.ParseType"/>).</summary>
    public static bool TryParseEventType(string text, out WorldEventType type)
    {
        var parsed = Vocabulary.ParseType(text);
        type = parsed ?? default;
        return parsed is not null;
    }

    /// <summary>Problems with the filter, keyed by field, for problem details; empty when valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Pair is { Length: > 0 } p)
        {
            try { ActorPair.Parse(p); }
            catch (FormatException e) { errors["pair"] = [e.Message]; }
        }
        if (MinConfidence is < 0 or > 1) errors["minConfidence"] = ["must be between 0 and 1"];
        if (Actors?.Any(string.IsNullOrWhiteSpace) == true) errors["actors"] = ["actors are codes such as NER or ECOWAS"];
        return errors;
    }

    /// <summary>Normalised: upper-case actors, the pair in its canonical order, lower-case dimensions.</summary>
    public ChangeFilter Normalised() => this with
    {
        Actors = Actors?.Select(a => a.Trim().ToUpperInvariant()).Where(a => a.Length > 0).Distinct().ToList(),
        Pair = Pair is { Length: > 0 } p ? TryPair(p) : null,
        Dimensions = Dimensions?.Select(d => d.Trim().ToLowerInvariant()).Where(d => d.Length > 0).Distinct().ToList(),
    };

    private static string TryPair(string p)
    {
        try { return ActorPair.Parse(p.Trim().ToUpperInvariant()).Id; }
        catch (FormatException) { return p; }
    }
}
