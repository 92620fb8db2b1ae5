using Monitoring.Domain;
using static Monitoring.Extraction.Events.Patterns;

namespace Monitoring.Extraction.Events.Rules;

/// <summary>Troops deployed, and troop presence observed with a count ("some 1,000 soldiers in Niger").</summary>
public static class TroopRules
{
    private const string Count = @"(?<![\d$€£.,])(?<count>\d{1,3}(?:,\d{3})+|\d{2,6})(?![\d.,]\d)";
    private static readonly System.Text.RegularExpressions.Regex PresenceCue = Rx(@"\b(?:stationed|based|deployed|present|presence|remain|remains|remained|still|currently|at\s+present|now|there\s+(?:are|were|is|was)|has|have|had|maintains?|keeps?|operates?|contingent|garrison|hosts?|hosting|is\s+home\s+to|(?:are|were|is|was)\s+in)\b");

    public static readonly IReadOnlyList<EventRule> All =
    [
        new("troops.deployed.count", WorldEventType.TroopsDeployed,
            Rx($@"{V("deploy", "send", "dispatch", "station")},?\s+(?:about\s+|around\s+|some\s+|nearly\s+|up\s+to\s+|more\s+than\s+|an\s+additional\s+|another\s+|an\s+extra\s+|extra\s+)?{Count}\s+{Gap(3)}{Forces}"),
            [Slot.Subject], [Slot.Host]) { Priority = 9 },
        new("troops.presence.count", WorldEventType.TroopPresenceReported,
            Rx($@"{Count}\s+{Gap(3)}{Forces}\b"),
            [Slot.Owner, Slot.Subject, Slot.Inherited], [Slot.Host, Slot.HostingSubject]) { Priority = 8, Requires = PresenceCue, TargetDefaultsToSubject = false },
        new("troops.deployed.verb", WorldEventType.TroopsDeployed,
            Rx($@"{V("deploy", "send", "dispatch")},?\s+{Gap(4)}{Forces}"),
            [Slot.Subject], [Slot.Host, Slot.Venue]) { Priority = 5, Version = "2" },
        new("troops.deployed.arrived", WorldEventType.TroopsDeployed,
            Rx($@"\b{Forces}\s+{Gap(4)}(?:{V("arrive", "land")})\s+(?:in|at)\b"),
            [Slot.OwnerBefore, Slot.Subject], [Slot.Host]) { Priority = 5, ModalInside = true },
    ];
}
