using Monitoring.Domain;
using static Monitoring.Extraction.Events.Patterns;

namespace Monitoring.Extraction.Events.Rules;

/// <summary>Sanctions imposed, lifted, and observed in force. Talk of easing sanctions as a condition means they hold.</summary>
public static class SanctionRules
{
    public static readonly IReadOnlyList<EventRule> All =
    [
        new("sanctions.imposed.verb", WorldEventType.SanctionsImposed,
            Rx($@"{V("impose", "slap", "level", "introduce", "reimpose", "re-impose", "adopt")},?\s+{Gap(4)}(?:sanctions|embargo|blockade)\b"),
            [Slot.Subject], [Slot.Object]) { Priority = 10 },
        new("sanctions.imposed.measures", WorldEventType.SanctionsImposed,
            Rx($@"{V("impose", "announce", "introduce", "order", "adopt")},?\s+{Gap(3)}(?:travel\s+bans?|asset\s+freezes?|visa\s+bans?|export\s+bans?|arms\s+embargo)\b"),
            [Slot.Subject], [Slot.Object]) { Priority = 10 },
        new("sanctions.imposed.passive", WorldEventType.SanctionsImposed,
            Rx(@"\bsanctions\s+(?:were\s+|had\s+been\s+|have\s+been\s+)?imposed\s+(?:on|against)\b"),
            [Slot.Agent, Slot.Subject], [Slot.Object]) { Priority = 9, Confidence = 0.7 },
        new("sanctions.lifted.verb", WorldEventType.SanctionsLifted,
            Rx($@"{V("lift", "ease", "remove", "drop", "end", "relax", "scrap")},?\s+{Gap(4)}(?:sanctions|embargo|blockade)\b"),
            [Slot.Subject], [Slot.Object]) { Priority = 10, HypotheticalType = WorldEventType.SanctionsInForce },
        new("sanctions.lifted.noun", WorldEventType.SanctionsLifted,
            Rx($@"\b(?:lifting|easing|removal|end|relaxation)\s+of\s+{Gap(3)}(?:sanctions|embargo|blockade)\b"),
            [Slot.Subject], [Slot.Object]) { Priority = 9, Confidence = 0.7, HypotheticalType = WorldEventType.SanctionsInForce },
        new("sanctions.lifted.delisted", WorldEventType.SanctionsLifted,
            Rx($@"(?:{V("remove", "drop", "strike")}|took|{V("take")})\s+{Gap(3)}(?:off|from)\s+{Gap(4)}(?:blacklist|black\s+list|list\s+of\s+state\s+sponsors|terror(?:ism)?\s+list|sanctions\s+list)\b"),
            [Slot.Subject], [Slot.Object]) { Priority = 10, HypotheticalType = WorldEventType.SanctionsInForce },
        // Borders or airspace closed to a state and opened again: the blockade is lifted.
        new("sanctions.lifted.borders", WorldEventType.SanctionsLifted,
            Rx($@"(?:{V("reopen")}|{V("open")}|re-opened|re-opening)\s+(?:its\s+|their\s+|the\s+)?(?:land\s+|air\s+)?(?:borders?|airspace|border\s+crossings?)(?:\s+and\s+(?:its\s+|their\s+)?(?:land\s+|air\s+)?(?:borders?|airspace))?\s+(?:to|with)\b(?!\s+(?:[\w-]+\s+){{0,2}}(?:refugees|migrants|asylum|tourists|visitors|traffic|trade|goods|trucks|flights|humanitarian|aid|civilians|people)\b)"),
            [Slot.Subject], [Slot.Object]) { Priority = 10, Confidence = 0.7 },
        new("sanctions.inforce.verb", WorldEventType.SanctionsInForce,
            Rx($@"{V("maintain", "keep", "retain", "extend", "uphold")},?\s+{Gap(3)}sanctions\b"),
            [Slot.Subject], [Slot.Object]) { Priority = 10 },
        new("sanctions.inforce.remain", WorldEventType.SanctionsInForce,
            Rx($@"\bsanctions\s+{Gap(3)}(?:remain|remained|are\s+still|still|stay)\s+in\s+(?:place|force|effect)\b"),
            [Slot.Subject], [Slot.Object]) { Priority = 10 },
    ];
}
