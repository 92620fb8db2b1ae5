using Monitoring.Domain;
using static Monitoring.Extraction.Events.Patterns;

namespace Monitoring.Extraction.Events.Rules;

/// <summary>Agreements signed or denounced (terminated, revoked, cancelled, rejected, ended).</summary>
public static class AgreementRules
{
    private const string Agreement = @"(?:agreements?|accords?|deals?|pacts?|treat(?:y|ies)|charters?|memorand(?:um|a)(?:\s+of\s+understanding)?|MoUs?|protocols?|conventions?|declarations?|framework)\b";
    private static readonly System.Text.RegularExpressions.Regex NotYetInForce = Rx(@"\b(?:planned|proposed|draft|potential|future|possible)\b");
    private const string Denounceable = @"(?:agreements?|accords?|deals?|pacts?|treat(?:y|ies)|cooperation|co-operation|partnerships?|memorand(?:um|a)|SOFA|status\s+of\s+forces|approval|mandate|conventions?|protocols?|arrangements?)\b";

    /// <summary>A treaty named by its acronym (GSOMIA, JCPOA, SOFA), whatever the case option of the pattern.</summary>
    private const string Acronym = @"(?-i:\b[A-Z]{3,}\b)";

    public static readonly IReadOnlyList<EventRule> All =
    [
        new("agreement.signed.verb", WorldEventType.AgreementSigned,
            Rx($@"{V("sign", "conclude", "ink", "seal", "reach", "strike", "finalize", "finalise", "initial")},?\s+{Gap(6)}{Agreement}"),
            [Slot.Subject], [Slot.With, Slot.Between]) { Priority = 8, Version = "2" },
        // Two states agreeing to restore relations have reached an agreement; the restoration itself is read by the cooperation rules.
        new("agreement.signed.restore", WorldEventType.AgreementSigned,
            Rx(@"\bagreed\s+to(?=\s+(?:restore|resume|reopen|re-?establish|normali[sz]e)\b)"),
            [Slot.Subject], [Slot.With]) { Priority = 8, Confidence = 0.7, Area = "diplomatic" },
        new("agreement.signed.alliance", WorldEventType.AgreementSigned,
            Rx($@"{V("form", "create", "establish", "found", "launch")},?\s+{Gap(3)}(?:alliance|confederation|defen[cs]e\s+pact|mutual\s+defen[cs]e)\b"),
            [Slot.Subject], [Slot.With]) { Priority = 8, Confidence = 0.7 },
        new("agreement.signed.agreed", WorldEventType.AgreementSigned,
            Rx($@"{V("agree")},?\s+(?:to\s+|on\s+)(?:{V("strengthen", "deepen", "boost", "expand", "develop", "enhance", "step")}\s+(?:up\s+)?{Gap(3)})?(?:cooperation|co-operation|ties|partnership)\b"),
            [Slot.Subject], [Slot.With]) { Priority = 8, Confidence = 0.65 },
        new("agreement.signed.passive", WorldEventType.AgreementSigned,
            Rx($@"\b{Agreement}\s+{Gap(4)}(?:was|were|has\s+been|had\s+been|have\s+been)\s+(?:signed|reached|concluded|inked|sealed)"),
            [Slot.Agent, Slot.Subject, Slot.Between], [Slot.With]) { Priority = 7, Confidence = 0.6, Version = "2" },
        new("agreement.denounced.verb", WorldEventType.AgreementDenounced,
            Rx($@"(?:{V("terminate", "revoke", "cancel", "denounce", "scrap", "abrogate", "repudiate", "annul", "renounce", "reject", "end", "quit", "rescind", "nullify", "tear")}(?:\s+up)?|{V("put")},?\s+an\s+end\s+to|{V("withdraw")},?\s+from|{V("pull")},?\s+out\s+of),?\s+{Gap(5)}{Denounceable}"),
            [Slot.Subject], [Slot.Object]) { Priority = 13, Unless = NotYetInForce, Version = "2" },
        // A treaty not extended, not renewed, or let lapse ends as surely as one denounced.
        new("agreement.denounced.lapse", WorldEventType.AgreementDenounced,
            Rx($@"\bnot\s+(?:to\s+)?(?:be\s+)?{V("extend", "renew", "prolong")},?\s+{Gap(4)}(?:{Denounceable}|{Acronym})"),
            [Slot.Subject], [Slot.Object, Slot.Counterpart]) { Priority = 13, Unless = NotYetInForce, TargetDefaultsToSubject = false },
        new("agreement.denounced.lapse.let", WorldEventType.AgreementDenounced,
            Rx($@"\b(?:let|lets|letting|allow|allows|allowed|allowing)\s+{Gap(4)}(?:{Denounceable}|{Acronym})\s+(?:to\s+)?(?:lapse|expire)\b"),
            [Slot.Subject], [Slot.Object, Slot.Counterpart]) { Priority = 13, Unless = NotYetInForce, TargetDefaultsToSubject = false },
        new("agreement.denounced.noun", WorldEventType.AgreementDenounced,
            Rx($@"\b(?:termination|revocation|cancell?ation|denunciation|abrogation|annulment|scrapping|repudiation|end)\s+of\s+{Gap(4)}{Denounceable}"),
            [Slot.Subject], [Slot.Object]) { Priority = 12, Confidence = 0.7, TargetDefaultsToSubject = false },
    ];
}
