using Monitoring.Domain;
using static Monitoring.Extraction.Events.Patterns;

namespace Monitoring.Extraction.Events.Rules;

/// <summary>Ambassadors expelled or recalled, delegations visiting, talks opened, threats of force.</summary>
public static class DiplomacyRules
{
    private const string Envoy = @"(?:ambassadors?|envoys?|diplomats?|charg[ée]s?\s+d['’]affaires|defen[cs]e\s+attach[ée]s?)\b";

    private static readonly System.Text.RegularExpressions.Regex RestoringTies = Rx(@"\b(?:restor\w*|re-?establish\w*|resum\w*|normali[sz]\w*)\s+(?:[\w-]+\s+){0,3}?(?:ties|relations)\b");

    public static readonly IReadOnlyList<EventRule> All =
    [
        // Diplomats who are not the ambassador: the host orders part of a mission out (events.md: WithdrawalDemanded, area diplomatic).
        new("diplomats.expelled.verb", WorldEventType.WithdrawalDemanded,
            Rx($@"{V("expel", "kick", "oust")},?\s+(?:out\s+)?{Gap(3)}(?:diplomats|embassy\s+staff|mission\s+staff)\b"),
            [Slot.Subject], [Slot.Owner]) { Priority = 21, TargetDefaultsToSubject = false, Area = "diplomatic" },
        new("ambassador.expelled.verb", WorldEventType.AmbassadorExpelled,
            Rx($@"{V("expel", "kick", "oust")},?\s+(?:out\s+)?{Gap(3)}{Envoy}"),
            [Slot.Subject], [Slot.Owner]) { Priority = 20, TargetDefaultsToSubject = false, Version = "2" },
        new("ambassador.expelled.order", WorldEventType.AmbassadorExpelled,
            Rx($@"(?:{V("order", "ask", "tell", "give", "summon")},?\s+{Gap(4)}{Envoy}\s+{Gap(6)}to\s+leave|{V("declare")},?\s+{Gap(4)}{Envoy}\s+{Gap(4)}persona\s+non\s+grata)"),
            [Slot.Subject], [Slot.Owner]) { Priority = 20, TargetDefaultsToSubject = false, Version = "2" },
        new("ambassador.expelled.passive", WorldEventType.AmbassadorExpelled,
            Rx($@"\b{Envoy}\s+{Gap(8)}(?:was|were|has\s+been|had\s+been|is\s+being)\s+(?:expelled|ordered\s+to\s+leave|given\s+\w+\s+hours\s+to\s+leave|declared\s+persona\s+non\s+grata)"),
            [Slot.Agent, Slot.SubjectState], [Slot.OwnerBefore]) { Priority = 19, TargetDefaultsToSubject = false, Version = "2" },
        // Naming an ambassador to a state again, in a story of relations being restored, announces their restoration.
        new("ties.restored.ambassador", WorldEventType.CooperationResumptionAnnounced,
            Rx($@"{V("appoint", "name", "nominate", "designate")},?\s+{Gap(8)}as\s+(?:[\w’'-]+\s+){{0,3}}?ambassador\s+(?:to|in)\b"),
            [Slot.Subject], [Slot.Object]) { Priority = 11, Area = "diplomatic", Confidence = 0.65, InArticle = RestoringTies },
        new("ambassador.recalled", WorldEventType.AmbassadorRecalled,
            Rx($@"{V("recall", "withdraw")},?\s+{Gap(3)}(?:ambassadors?|envoys?)\b"),
            [Slot.Subject], [Slot.Object, Slot.Host]) { Priority = 20, Version = "3" },
        new("ambassador.recalled.passive", WorldEventType.AmbassadorRecalled,
            // A mission's diplomats withdrawn by their own state are recalled ("all diplomats would be withdrawn from X").
            Rx($@"\b(?:ambassadors?|envoys?|diplomats|diplomatic\s+staff|embassy\s+staff)\s+{Gap(6)}(?:was|were|is|are|has\s+been|have\s+been|had\s+been|would\s+be|will\s+be)\s+(?:being\s+)?(?:recalled|called\s+back|withdrawn)\b"),
            [Slot.OwnerBefore, Slot.Subject], [Slot.Object]) { Priority = 20, ModalInside = false, Version = "2" },
        new("delegation.visited.visit", WorldEventType.DelegationVisited,
            Rx(@"\b(?:visit|visits|visited|visiting|trip|tour|travell?ed\s+to|went\s+to)\b(?:\s+to)?(?!\s+(?:the\s+)?(?:site|area|region|camp|base|hospital|school)\b)"),
            [Slot.Agent, Slot.Subject], [Slot.Object]) { Priority = 6, Confidence = 0.7 },
        new("delegation.visited.departed", WorldEventType.DelegationVisited,
            Rx($@"\bdelegation,?\s+{Gap(20)}(?:{V("depart", "leave")}|{V("visit")}|arrived\s+in|travell?ed\s+to)\b"),
            [Slot.OwnerBefore, Slot.Subject], [Slot.Object]) { Priority = 7, ModalInside = true },
        new("delegation.visited.mission", WorldEventType.DelegationVisited,
            Rx($@"\b(?:mediation|diplomatic|fact-finding|high-level|ministerial)\s+(?:mission|team)\s+{Gap(8)}(?:{V("arrive")}\s+in|{V("visit")}|travell?ed\s+to)\b"),
            [Slot.Owner, Slot.OwnerBefore, Slot.Subject], [Slot.Object]) { Priority = 7, ModalInside = true },
        new("talks.opened", WorldEventType.TalksOpened,
            Rx($@"(?:\bopen(?:s|ed|ing)?(?!\s+to\b)|{V("resume", "begin", "start", "launch", "hold", "enter", "initiate", "restart", "convene")})\s+(?:into\s+)?{Gap(3)}(?:talks|negotiations|dialogue|consultations|mediation)\b"),
            [Slot.Subject], [Slot.With, Slot.Object]) { Priority = 9, TargetDefaultsToSubject = true },
        // A trip or meeting held for talks with a partner opens them ("flew to X for direct negotiations with his Y counterpart").
        new("talks.opened.purpose", WorldEventType.TalksOpened,
            // Calling or pushing for talks asks for them: no talks have opened.
            Rx(@"(?<!\b(?:call|calls|called|calling|push|pushed|pushing|press|pressed|pressing|appeal|appealed|appealing|lobbied|lobbying|argued|arguing|ask|asked|asking|hope|hoped|hoping|plea)\s)\bfor\s+[“""‘']?(?:[\w-]+\s+){0,2}(?:talks|negotiations|consultations)\s+with\b"),
            [Slot.Subject], [Slot.With]) { Priority = 9, Confidence = 0.7, TargetDefaultsToSubject = false },
        new("talks.opened.noun", WorldEventType.TalksOpened,
            Rx($@"\b(?:talks|negotiations|dialogue|consultations)\s+{Gap(6)}(?:began|opened|started|resumed|got\s+under\s+way|kicked\s+off|were\s+held|took\s+place)\b"),
            [Slot.Object, Slot.Subject], [Slot.With]) { Priority = 8, Confidence = 0.7, ModalInside = true },
        new("threat.force", WorldEventType.ThreatOfForce,
            Rx($@"(?:{V("threaten")}|\bthreats?)\s+(?:of\s+|to\s+)?{Gap(3)}(?:military\s+intervention|intervention|force|invasion|military\s+action|intervene|invade|military\s+operation|attack)\b"),
            [Slot.Subject], [Slot.Object]) { Priority = 9, IgnoreHypothetical = true },
        // A vow or warning to strike is a threat, whatever the mood of its verb.
        new("threat.force.vow", WorldEventType.ThreatOfForce,
            Rx($@"{V("vow", "warn", "pledge")},?\s+(?:that\s+)?{Gap(3)}(?:would|will|to)\s+(?:attack|strike|retaliate\s+against|hit)\b"),
            [Slot.Subject], [Slot.Object]) { Priority = 9, IgnoreHypothetical = true, Confidence = 0.7 },
        new("threat.force.ultimatum", WorldEventType.ThreatOfForce,
            Rx($@"\bor\s+(?:else\s+)?(?:face|risk)\s+{Gap(2)}(?:military\s+intervention|intervention|military\s+action|the\s+use\s+of\s+force|force)\b"),
            [Slot.SentenceSubject], [Slot.Object]) { Priority = 9, IgnoreHypothetical = true, Confidence = 0.7 },
        new("threat.force.standby", WorldEventType.ThreatOfForce,
            Rx($@"(?:{V("activate", "assemble", "deploy", "mobilise", "mobilize", "prepare")}|activation|deployment|mobili[sz]ation)\s+(?:of\s+)?{Gap(3)}(?:standby\s+force|troops\s+for\s+(?:a\s+)?(?:possible\s+)?(?:military\s+)?intervention|intervention\s+force)\b"),
            [Slot.Subject], [Slot.Object]) { Priority = 10, IgnoreHypothetical = true },
    ];
}
