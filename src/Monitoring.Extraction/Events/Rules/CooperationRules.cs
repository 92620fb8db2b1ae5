using Monitoring.Domain;
using static Monitoring.Extraction.Events.Patterns;

namespace Monitoring.Extraction.Events.Rules;

/// <summary>Cooperation and aid suspended, resumed, or announced to resume; ties severed.</summary>
public static class CooperationRules
{
    private const string Cooperation = @"(?:cooperation|co-operation|aid|assistance|funding|support|partnerships?|programmes?|programs|operations|training|engagement|missions?|contacts)\b";
    /// <summary>What is restored between two states: cooperation, or the relations themselves and their embassies.</summary>
    private const string Restorable = @"(?:cooperation|co-operation|aid|assistance|funding|support|partnerships?|programmes?|programs|operations|training|engagement|missions?|ties|relations|embassies)\b";
    /// <summary>A state's place in a bloc or a treaty's application: what a suspension stops without ending it.</summary>
    private const string Standing = @"(?:membership|participation|treaty|pact|accord)\b";
    /// <summary>Up to six words, none of them "decision" (suspending a decision to end something is no suspension of it).</summary>
    /// <summary>A participle that cannot be a finite verb, right before the noun, describes a state, not an event ("long-broken ties").</summary>
    private static readonly System.Text.RegularExpressions.Regex StateNotEvent = Rx(@"^(?:broken|frozen)\s+(?:diplomatic\s+)?(?:ties|relations|links)$");
    private const string NotADecision = @"(?:(?!decision\b)[\w‘’'$%.,\-“”""]+\s+){0,6}?";

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
            Rx($@"(?:{V("resume", "restore", "renew", "reinstate", "relaunch", "restart", "revive", "normalise", "normalize", "reopen")}|{V("re-establish", "reestablish")})\s+{Gap(6)}{Restorable}"),
            [Slot.Subject], [Slot.Object]) { PlannedType = WorldEventType.CooperationResumptionAnnounced, Priority = 10, Version = "2", Reciprocal = true },
        new("cooperation.resumed.passive", WorldEventType.CooperationResumptionAnnounced,
            Rx($@"\b(?:ties|relations|cooperation)\s+{Gap(2)}(?:would|will|are\s+to|were\s+to)\s+be\s+(?:re-?established|restored|resumed|normali[sz]ed)\b"),
            [Slot.Subject], [Slot.Object]) { Priority = 10, Area = "diplomatic", Reciprocal = true },
        new("cooperation.suspended.standing", WorldEventType.CooperationSuspended,
            Rx($@"{V("suspend")}\s+{NotADecision}{Standing}"),
            [Slot.Subject], [Slot.With, Slot.Object]) { Priority = 13, Area = "membership" },
        // A member suspended from a bloc: "X was suspended from ECOWAS", "the AU suspended X from all its activities".
        new("cooperation.suspended.member.passive", WorldEventType.CooperationSuspended,
            Rx(@"\b(?:was|were|has\s+been|have\s+been|had\s+been|is\s+being|been)\s+suspended\s+from\b"),
            [Slot.Bloc, Slot.Agent], [Slot.Subject]) { Priority = 13, Area = "membership", TargetDefaultsToSubject = false },
        new("cooperation.suspended.member", WorldEventType.CooperationSuspended,
            Rx($@"{V("suspend")}\s+{Gap(4)}from\s+(?:all\s+(?:of\s+)?(?:its\s+|their\s+|the\s+)?(?:activities|bodies|institutions|organs|meetings)|(?:the\s+)?(?:bloc|organi[sz]ation|union|community|regional\s+body))\b"),
            [Slot.Subject], [Slot.Object]) { Priority = 13, Area = "membership" },
        // The noun's doer is its possessor ("the suspension of Russia's treaty"), not whoever reacts to it.
        new("cooperation.suspended.standing.noun", WorldEventType.CooperationSuspended,
            Rx($@"\bsuspension\s+of\s+{NotADecision}{Standing}"),
            [Slot.Owner], [Slot.With, Slot.Object]) { Priority = 13, Area = "membership" },
        // Suspending a decision to end a pact keeps it: the pact is to go on.
        new("cooperation.kept.decision", WorldEventType.CooperationResumptionAnnounced,
            Rx($@"{V("suspend", "reverse", "rescind", "revoke", "drop")}\s+{Gap(2)}decision\s+to\s+(?:end|terminate|scrap|quit|leave|withdraw\s+from)\b"),
            [Slot.Subject], [Slot.With, Slot.Object]) { Priority = 14 },
        new("cooperation.resumption.noun", WorldEventType.CooperationResumptionAnnounced,
            Rx($@"{V("announce", "confirm", "approve")},?\s+{Gap(3)}(?:resumption|restoration|renewal)\s+of\s+{Gap(4)}{Cooperation}"),
            [Slot.Subject], [Slot.Object]) { Priority = 11 },
        new("ties.severed.verb", WorldEventType.TiesSevered,
            Rx($@"(?:{V("sever", "cut", "break", "rupture", "suspend", "end", "freeze")})\s+(?:off\s+)?{Gap(4)}(?:ties|relations|links)\b"),
            // The other party of a rupture is "with X" (or the article's state): a state named later in the sentence is another clause's.
            [Slot.Subject], [Slot.With]) { Priority = 12, Reciprocal = true, Version = "2", Unless = StateNotEvent },
        new("ties.severed.cease", WorldEventType.TiesSevered,
            Rx($@"\b(?:diplomatic\s+)?(?:ties|relations)\s+{Gap(3)}(?:would|will|are\s+to|were\s+to)\s+(?:cease|end)\s+(?:immediately|with\s+immediate\s+effect|forthwith)\b"),
            [Slot.Subject], [Slot.Object]) { Priority = 12, Area = "diplomatic" },
        new("ties.severed.noun", WorldEventType.TiesSevered,
            Rx($@"\b(?:severing|severance|rupture|breaking\s+off|break\s+in)\s+(?:of\s+)?{Gap(3)}(?:ties|relations)\b"),
            [Slot.Subject], [Slot.Object]) { Priority = 11, Confidence = 0.7 },
    ];
}
