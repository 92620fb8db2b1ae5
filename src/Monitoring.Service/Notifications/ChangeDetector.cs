using Monitoring.Domain;
using Monitoring.Domain.Relationships;

namespace Monitoring.Service.Notifications;

/// <summary>What changed in one dimension of a relationship between two states of knowledge.</summary>
public sealed record DetectedChange(
    string Dimension,
    ChangeKind Kind,
    string? Before,
    string? After,
    DateOnly? ValidFrom,
    bool Revision,
    double? ConfidenceBefore,
    double? ConfidenceAfter,
    IReadOnlyList<Guid> CausingEventIds);

/// <summary>The reports and supersessions known at one point of recorded time.</summary>
public sealed record KnownHistory(IReadOnlyList<RecordedEvent> Reports, IReadOnlyList<ExtractionSuperseded> Supersessions)
{
    /// <summary>What was known once every report up to <paramref name="sequence"/> (inclusive) was recorded.</summary>
    public KnownHistory Through(long sequence) =>
        new(Reports.Where(r => r.Sequence <= sequence).ToList(), Supersessions.Where(s => s.Sequence <= sequence).ToList());
}

/// <summary>
/// Compares the state of a relationship before and after new reports. Pure.
/// Interim fold until the domain's Relationship.StateOf / ChangeDetection.Between land: per dimension, the
/// latest transition in valid time decides the status, and independent sources raise its confidence.
/// </summary>
public static class ChangeDetector
{
    public static IReadOnlyList<DetectedChange> Detect(ActorPair pair, KnownHistory before, KnownHistory after)
    {
        var was = States(pair, before);
        var now = States(pair, after);
        var known = before.Reports.Select(r => r.EventId).ToHashSet();
        var changes = new List<DetectedChange>();
        foreach (var (dimension, state) in now.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            was.TryGetValue(dimension, out var old);
            var causes = state.Support.Where(r => !known.Contains(r.EventId)).Select(r => r.EventId).ToList();
            if (causes.Count == 0) continue;
            var statusChanged = old is null || old.Status != state.Status || old.ValidFrom != state.ValidFrom;
            if (!statusChanged && Math.Abs(old!.Confidence - state.Confidence) < 1e-9) continue;
            var latestKnown = old?.LatestKnown;
            changes.Add(new DetectedChange(
                dimension,
                statusChanged ? ChangeKind.Status : ChangeKind.Confidence,
                old?.Status,
                state.Status,
                state.ValidFrom,
                statusChanged && latestKnown is { } l && state.ValidFrom is { } v && v < l,
                old?.Confidence,
                state.Confidence,
                causes));
        }
        return changes;
    }

    private sealed record DimensionState(string Status, DateOnly? ValidFrom, double Confidence, IReadOnlyList<RecordedEvent> Support, DateOnly? LatestKnown);

    private static Dictionary<string, DimensionState> States(ActorPair pair, KnownHistory history)
    {
        var current = history.Reports
            .Where(r => r.Event.Pairs().Contains(pair))
            .Where(r => !history.Supersessions.Any(s => s.ArticleId == r.ArticleId && s.SupersededVersion == r.ExtractorVersion))
            .ToList();
        var states = new Dictionary<string, DimensionState>();
        foreach (var group in current.GroupBy(r => DimensionOf(r.Event.Type)).Where(g => g.Key is not null))
        {
            var reports = group.ToList();
            var transitions = reports.Where(r => !Vocabulary.IsObservation(r.Event.Type)).ToList();
            var deciding = (transitions.Count > 0 ? transitions : reports)
                .OrderBy(r => r.Event.Date.PlacedOn ?? DateOnly.MinValue)
                .ThenBy(r => r.Event.Date.Precision == DatePrecision.Day ? 1 : 0)
                .ThenBy(r => r.Sequence)
                .Last();
            var support = reports.Where(r => SameEvent(r.Event, deciding.Event)).ToList();
            var confidence = 1 - support.GroupBy(r => r.Article.WireFingerprint)
                .Select(g => 1 - g.Max(r => r.Event.Confidence))
                .Aggregate(1.0, (p, q) => p * q);
            states[group.Key!] = new DimensionState(StatusOf(deciding.Event.Type), deciding.Event.Date.Value ?? deciding.Event.Date.PlacedOn,
                Math.Round(confidence, 6), support, reports.Max(r => r.Event.Date.PlacedOn));
        }
        return states;
    }

    /// <summary>Two reports of the same real-world event: same type and actors, dates that agree at the coarser precision.</summary>
    private static bool SameEvent(ExtractedEvent a, ExtractedEvent b)
    {
        if (a.Type != b.Type || !a.Actors.SequenceEqual(b.Actors)) return false;
        if (a.Date.Value is null || b.Date.Value is null) return true;
        var (x, y) = a.Date.Precision <= b.Date.Precision ? (a.Date, b.Date) : (b.Date, a.Date);
        return y.Precision switch
        {
            DatePrecision.Day => x.Value == y.Value,
            DatePrecision.Month => x.Value!.Value.Year == y.Value!.Value.Year && x.Value.Value.Month == y.Value.Value.Month,
            _ => x.Value!.Value.Year == y.Value!.Value.Year,
        };
    }

    public static string? DimensionOf(WorldEventType type) => type switch
    {
        WorldEventType.AgreementSigned or WorldEventType.AgreementDenounced => "agreements",
        WorldEventType.CooperationSuspended or WorldEventType.CooperationResumptionAnnounced or WorldEventType.CooperationResumed => "cooperation",
        WorldEventType.TiesSevered or WorldEventType.AmbassadorExpelled or WorldEventType.AmbassadorRecalled => "diplomatic",
        WorldEventType.WithdrawalDemanded or WorldEventType.WithdrawalAnnounced or WorldEventType.WithdrawalAgreed or WorldEventType.WithdrawalStarted
            or WorldEventType.WithdrawalCompleted or WorldEventType.TroopsDeployed or WorldEventType.TroopPresenceReported => "military_presence",
        WorldEventType.SanctionsImposed or WorldEventType.SanctionsLifted or WorldEventType.SanctionsInForce => "sanctions",
        WorldEventType.TalksOpened => "talks",
        _ => null,
    };

    private static string StatusOf(WorldEventType type) => type switch
    {
        WorldEventType.AgreementSigned => "signed",
        WorldEventType.AgreementDenounced => "denounced",
        WorldEventType.CooperationSuspended => "suspended",
        WorldEventType.CooperationResumptionAnnounced => "resumption_announced",
        WorldEventType.CooperationResumed => "resumed",
        WorldEventType.TiesSevered => "severed",
        WorldEventType.AmbassadorExpelled => "ambassador_expelled",
        WorldEventType.AmbassadorRecalled => "ambassador_recalled",
        WorldEventType.WithdrawalDemanded => "withdrawal_demanded",
        WorldEventType.WithdrawalAnnounced => "withdrawal_announced",
        WorldEventType.WithdrawalAgreed => "withdrawal_agreed",
        WorldEventType.WithdrawalStarted => "withdrawing",
        WorldEventType.WithdrawalCompleted => "withdrawn",
        WorldEventType.TroopsDeployed or WorldEventType.TroopPresenceReported => "present",
        WorldEventType.SanctionsImposed or WorldEventType.SanctionsInForce => "in_force",
        WorldEventType.SanctionsLifted => "lifted",
        WorldEventType.TalksOpened => "open",
        _ => type.ToString(),
    };
}
