using Monitoring.Domain;
using static Monitoring.Extraction.Events.Patterns;

namespace Monitoring.Extraction.Events.Rules;

/// <summary>Cooperation and aid suspended, resumed, or announced to resume; ties severed.</summary>
public static class CooperationRules
{
    private const string Cooperation = @"(?:cooperation|co-operation|aid|assistance|funding|support|partnerships?|programmes?|programs|operations|training|engagement|missions?)\b";

    public static readonly IReadOnlyList<EventRule> All =
    [
        new("cooperation.suspended.verb", WorldEventType.CooperationSuspended,
            Rx($@"{V("suspend", "halt", "pause", "freeze", "cut", "stop", "withhold", "curtail", "block")},?\s+(?:off\s+)?{Gap(6)}{Cooperation}"),
            [Slot.Subject], [Slot.Object]) { Priority = 10 },
        new("cooperation.suspended.aid", WorldEventType.CooperationSuspended,
            Rx($@"{V("terminate", "end", "cancel", "withdraw")},?\s+{Gap(5)}(?:aid|assistance|funding|budget\s+support|development\s+support)\b"),
            [Slot.Subject], [Slot.Object]) { Priority = 14, Confidence = 0.7 },
        new("cooperation.suspended.noun", WorldEventType.CooperationSuspended,
            Rx($@"\b(?:suspension|halt|freeze|freezing|cutoff|cut-off|halting|suspending)\s+of\s+{Gap(4)}{Cooperation}"),
            [Slot.Subject], [Slot.Object]) { Priority = 9, Confidence = 0.7 },
        new("cooperation.resumed.verb", WorldEventType.CooperationResumed,
            Rx($@"(?:{V("resume", "restore", "renew", "reinstate", "relaunch", "restart", "revive")}|{V("re-establish", "reestablish")})\s+{Gap(6)}{Cooperation}"),
            [Slot.Subject], [Slot.Object]) { PlannedType = WorldEventType.CooperationResumptionAnnounced, Priority = 10 },
        new("cooperation.resumption.noun", WorldEventType.CooperationResumptionAnnounced,
            Rx($@"{V("announce", "confirm", "approve")},?\s+{Gap(3)}(?:resumption|restoration|renewal)\s+of\s+{Gap(4)}{Cooperation}"),
            [Slot.Subject], [Slot.Object]) { Priority = 11 },
        new("ties.severed.verb", WorldEventType.TiesSevered,
            Rx($@"(?:{V("sever", "cut", "break", "rupture", "suspend", "end", "freeze")})\s+(?:off\s+)?{Gap(4)}(?:ties|relations|links)\b"),
            [Slot.Subject], [Slot.Object]) { Priority = 12 },
        new("ties.severed.noun", WorldEventType.TiesSevered,
            Rx($@"\b(?:severing|severance|rupture|breaking\s+off|break\s+in)\s+(?:of\s+)?{Gap(3)}(?:ties|relations)\b"),
            [Slot.Subject], [Slot.Object]) { Priority = 11, Confidence = 0.7 },
    ];
}
