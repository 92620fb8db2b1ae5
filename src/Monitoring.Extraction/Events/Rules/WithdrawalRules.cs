using Monitoring.Domain;
using static Monitoring.Extraction.Events.Patterns;

namespace Monitoring.Extraction.Events.Rules;

/// <summary>Foreign forces: withdrawal demanded, announced, agreed, started, completed; troops deployed or reported present.</summary>
public static class WithdrawalRules
{
    private const string Leaving = @"(?:withdrawal|departure|removal|exit|pull-?out|expulsion|evacuation|drawdown)\b";
    private static readonly System.Text.RegularExpressions.Regex NearForces = Rx(Forces + @"|\b(?:its|their)\s+(?:military|mission)\b|\bmissions?\b|peacekeep\w*|\bmilitary\s+(?:from|out\s+of)\b");

    /// <summary>Giving a base up: handing it over or back, ceding or vacating it, returning or transferring control of it.</summary>
    private static readonly string HandOver = $@"(?:{V("hand")}\s+(?:over|back)|{V("cede", "vacate", "evacuate")}|{V("return", "transfer")}\s+control\s+of)";
    /// <summary>Up to four words, none of them "to" ("returned to their base" is going back, not giving it up).</summary>
    private const string NotTo = @"(?:(?!to\b)[\w‘’'$%.,\-“”""]+\s+){0,4}?";

    public static readonly IReadOnlyList<EventRule> All =
    [
        new("withdrawal.demanded.verb", WorldEventType.WithdrawalDemanded,
            Rx($@"(?:{V("demand", "order", "request", "urge", "require", "call")})\s+(?:for\s+)?{Gap(3)}{Leaving}"),
            [Slot.Subject, Slot.SubjectState], [Slot.Owner]) { Priority = 14, TargetDefaultsToSubject = false, Requires = NearForces },
        new("withdrawal.demanded.order", WorldEventType.WithdrawalDemanded,
            Rx($@"{V("order", "ask", "tell", "give", "instruct", "demand", "urge")},?\s+{Gap(4)}{Forces}\s+(?:{Gap(5)}to\s+(?:leave|withdraw|depart|quit|exit|go)|out)\b"),
            [Slot.Subject], [Slot.Owner]) { Priority = 14, TargetDefaultsToSubject = false, Version = "2" },
        new("withdrawal.demanded.that", WorldEventType.WithdrawalDemanded,
            Rx($@"{V("demand", "insist", "require", "order")},?\s+that\s+{Gap(3)}{Forces}\s+{Gap(3)}(?:leave|withdraw|depart|quit|be\s+withdrawn|go)\b"),
            [Slot.Subject], [Slot.Owner]) { Priority = 14, TargetDefaultsToSubject = false },
        new("withdrawal.demanded.told", WorldEventType.WithdrawalDemanded,
            Rx($@"(?:{V("order", "ask", "tell", "demand", "urge", "instruct", "request")}|call(?:s|ed|ing)?\s+on)\s+{Gap(3)}to\s+(?:withdraw|pull\s+out|remove|recall)\s+{Gap(2)}{Forces}"),
            [Slot.Subject], [Slot.Owner]) { Priority = 14, TargetDefaultsToSubject = false },
        new("withdrawal.demanded.expel", WorldEventType.WithdrawalDemanded,
            Rx($@"{V("expel", "evict", "kick")},?\s+(?:out\s+)?{Gap(3)}{Forces}"),
            [Slot.Subject], [Slot.Owner]) { Priority = 14, TargetDefaultsToSubject = false },
        new("withdrawal.demanded.passive", WorldEventType.WithdrawalDemanded,
            Rx(@"\b(?:was|were|been|being|be)\s+(?:expelled|evicted|kicked\s+out|ordered\s+(?:out|to\s+leave))\s+(?:from\s+\w+\s+)?by\b"),
            [Slot.Agent], [Slot.OwnerBefore]) { Priority = 14, TargetDefaultsToSubject = false, Requires = NearForces },
        new("withdrawal.agreed", WorldEventType.WithdrawalAgreed,
            Rx($@"(?:{V("agree")},?\s+{Gap(3)}(?:on|to|upon)\s+{Gap(3)}(?:withdrawal|withdraw|pull-?out|pull\s+out|departure|leave)|agreement\s+(?:on|for)\s+{Gap(3)}(?:withdrawal|departure|pull-?out))\b"),
            [Slot.Owner, Slot.Subject], [Slot.Host, Slot.OtherState]) { Priority = 16 },
        new("withdrawal.announced.noun", WorldEventType.WithdrawalAnnounced,
            Rx($@"{V("announce", "decide", "confirm", "order")},?\s+{Gap(4)}(?:withdrawal|pull-?out|drawdown|departure)\b"),
            [Slot.Subject], [Slot.Host]) { Priority = 13, Requires = NearForces },
        new("withdrawal.completed.complete", WorldEventType.WithdrawalCompleted,
            Rx($@"{V("complete", "finish", "conclude", "finalize", "finalise")},?\s+{Gap(3)}(?:withdrawal|pull-?out|departure|drawdown)\b"),
            [Slot.Owner, Slot.Subject], [Slot.Host]) { Priority = 15, PlannedType = WorldEventType.WithdrawalCompleted },
        new("withdrawal.completed.result", WorldEventType.WithdrawalCompleted,
            Rx(@"\b(?:led\s+to|resulted\s+in|ended\s+with|culminated\s+in|completion\s+of|since|after|following)\s+the\s+(?:withdrawal|departure|pull-?out)\s+of\b"),
            [Slot.Owner], [Slot.Host]) { Priority = 13, Confidence = 0.7, Requires = NearForces },
        new("withdrawal.completed.passive", WorldEventType.WithdrawalCompleted,
            Rx($@"\b(?:withdrawal|pull-?out|departure|drawdown)\s+{Gap(8)}(?:was|were|has\s+been|had\s+been)\s+(?:completed|finalised|finalized|concluded)\b"),
            [Slot.Owner, Slot.Subject], [Slot.Host]) { Priority = 15, ModalInside = true },
        new("withdrawal.started", WorldEventType.WithdrawalStarted,
            Rx($@"(?:{V("begin", "start", "commence", "launch")},?\s+{Gap(2)}(?:withdraw\w*|pulling\s+out|withdrawal|pull-?out|departure|leaving)|\bfirst\s+{Gap(3)}{Forces}\s+{Gap(2)}(?:left|departed|withdrew))\b"),
            [Slot.Owner, Slot.Subject], [Slot.Host]) { Priority = 15, Requires = NearForces },
        new("withdrawal.verb", WorldEventType.WithdrawalCompleted,
            // Greedy inside the lookahead: .NET's compiled regexes loop without end on a lazy loop inside a lookaround.
            Rx($@"(?:{V("withdraw")}|{V("pull")},?\s+(?:{Gap(3)}{Forces}\s+)?out)\b(?!\s+(?:of|from)\s+(?:the\s+)?(?:\w+\s+){{0,3}}(?:agreement|accord|treaty|pact|deal|convention))"),
            [Slot.Owner, Slot.Subject], [Slot.Host]) { Priority = 6, PlannedType = WorldEventType.WithdrawalAnnounced, Requires = NearForces, HostAfterSuffices = true, AgreedType = WorldEventType.WithdrawalAgreed, Version = "2" },
        // Foreign forces handing over their bases leave: the last one is the end of the withdrawal, any other its start.
        new("withdrawal.completed.base", WorldEventType.WithdrawalCompleted,
            Rx($@"{HandOver}\s+{NotTo}(?:last|final|remaining)\s+{Gap(2)}(?:bases?|camps?|garrisons?)\b"),
            [Slot.Subject], [Slot.Host, Slot.Object]) { Priority = 16, PlannedType = WorldEventType.WithdrawalAnnounced },
        new("withdrawal.started.base", WorldEventType.WithdrawalStarted,
            Rx($@"{HandOver}\s+{NotTo}(?:military\s+|air\s+)?(?:bases?|camps?|garrisons?)\b"),
            [Slot.Subject], [Slot.Host, Slot.Object]) { Priority = 15, PlannedType = WorldEventType.WithdrawalAnnounced },
        // A host ordering foreign bases closed orders their forces out.
        new("withdrawal.demanded.bases", WorldEventType.WithdrawalDemanded,
            Rx($@"{V("order", "demand", "announce", "decide", "decree", "call")}\s+(?:for\s+)?{Gap(3)}(?:closure|closing|dismantling|departure)\s+of\s+{Gap(3)}(?:military\s+)?bases\b"),
            [Slot.Subject], [Slot.Owner]) { Priority = 14, TargetDefaultsToSubject = false },
        new("withdrawal.presence.ended", WorldEventType.WithdrawalCompleted,
            Rx($@"{V("end", "terminate", "wind")}\s+(?:down\s+)?{Gap(2)}(?:military\s+)?presence\b"),
            [Slot.Subject], [Slot.Host]) { Priority = 13, PlannedType = WorldEventType.WithdrawalAnnounced },
        new("withdrawal.forces.left", WorldEventType.WithdrawalCompleted,
            Rx($@"\b{Forces}\s+{Gap(3)}(?:{V("leave", "depart")}|{V("withdraw")})\b"),
            [Slot.OwnerBefore, Slot.Subject], [Slot.Host]) { Priority = 7, PlannedType = WorldEventType.WithdrawalCompleted, ModalInside = true },
    ];
}
