using System.Text.RegularExpressions;
using Monitoring.Domain;

namespace Monitoring.Extraction.Events;

/// <summary>Where a rule looks for an actor, relative to its trigger.</summary>
public enum Slot
{
    /// <summary>The agent before the trigger ("Niger denounced", "the junta ... demanded"), with coordinated agents ("The US, along with France").</summary>
    Subject,
    /// <summary>The first actor after the trigger ("with Niger", "to Niamey", "on Mali").</summary>
    Object,
    /// <summary>The actor after "by" following the trigger (passives: "expelled by the coup leaders").</summary>
    Agent,
    /// <summary>The nationality of the forces, ambassador or delegation the trigger is about ("French forces", "US military personnel").</summary>
    Owner,
    /// <summary>The owner of the forces named just before the trigger ("French forces ..., who have been expelled").</summary>
    OwnerBefore,
    /// <summary>The place: "in X", "from X", "the country", "there"; the article's subject state when none is named.</summary>
    Host,
    /// <summary>A bloc or organisation right after the trigger ("withdrawal from ECOWAS").</summary>
    Bloc,
    /// <summary>The country a coup happened in.</summary>
    CoupCountry,
    /// <summary>The source of the last troop report (a contingent mentioned without nationality).</summary>
    Inherited,
    /// <summary>The article's subject state (the state whose junta, country, government the text is about).</summary>
    SubjectState,
    /// <summary>A partner after "with", "between" or "and" ("signed a memorandum with Russia").</summary>
    With,
    /// <summary>The subject of "hosts", "is home to" ("Niger hosts about 1,000 US troops").</summary>
    HostingSubject,
    /// <summary>The first party after "between" ("signed between Niger and Russia").</summary>
    Between,
    /// <summary>The first agent of the sentence (the giver of an ultimatum, however many names follow).</summary>
    SentenceSubject,
    /// <summary>Any other state the sentence names (last resort: "The US and Niger agreed on the withdrawal of US forces").</summary>
    OtherState,
    /// <summary>The state a sentence is told from ("officials in Bamako said Russia had sent troops"): where forces sent nowhere named went.</summary>
    Venue,
    /// <summary>The state other than the source the article names most: the other party of a bilateral treaty named only by its title.</summary>
    Counterpart,
}

/// <summary>
/// One extraction rule: a trigger pattern over a sentence and where its actors are. Trigger patterns are built
/// from lemmas (<see cref="Patterns.V"/>) so every inflection matches; the type may change with modality
/// (intent makes a resumption an announcement) or with a hypothetical context.
/// </summary>
public sealed record EventRule(string Id, WorldEventType Type, Regex Trigger, Slot[] Source, Slot[] Target)
{
    public string Version { get; init; } = "1";
    /// <summary>The type when the statement is an intent ("plans to resume" → CooperationResumptionAnnounced).</summary>
    public WorldEventType? PlannedType { get; init; }
    /// <summary>The type when the trigger sits in a hypothetical ("a precondition for easing sanctions" → SanctionsInForce); null drops it.</summary>
    public WorldEventType? HypotheticalType { get; init; }
    /// <summary>A fixed area; null infers it from the words of the trigger.</summary>
    public string? Area { get; init; }
    public double Confidence { get; init; } = 0.8;
    /// <summary>Higher wins when two triggers overlap in a sentence.</summary>
    public int Priority { get; init; }
    /// <summary>A pattern that must also occur within 80 characters of the trigger.</summary>
    public Regex? Requires { get; init; }
    /// <summary>Whether the target may default to the article's subject state when the sentence names none.</summary>
    public bool TargetDefaultsToSubject { get; init; } = true;
    /// <summary>Whether the rule fires even under negation-free hypothetical markers that are part of its own meaning (threats).</summary>
    public bool IgnoreHypothetical { get; init; }
    /// <summary>Whether negation and modality are also read inside the trigger (it starts with the subject noun: "troops will leave").</summary>
    public bool ModalInside { get; init; }
    /// <summary>Whether a state named right after the trigger ("pulled out of Mali") stands in for <see cref="Requires"/>.</summary>
    public bool HostAfterSuffices { get; init; }
    /// <summary>A pattern that must not occur inside the trigger ("a planned deal" is no agreement to denounce).</summary>
    public Regex? Unless { get; init; }
    /// <summary>Whether coordinated doers with no other party act on each other ("X and Y restored relations": X → Y and Y → X).</summary>
    public bool Reciprocal { get; init; }
    /// <summary>A pattern the article must contain somewhere: what makes the sentence mean the event ("an ambassador named" restores ties only where ties are being restored).</summary>
    public Regex? InArticle { get; init; }
    /// <summary>The type when the trigger sits in a condition stated by an agreement or joint statement ("would withdraw ... if ..., according to a joint statement": agreed).</summary>
    public WorldEventType? AgreedType { get; init; }
}

/// <summary>Building blocks for trigger patterns.</summary>
public static class Patterns
{
    /// <summary>One word (with its punctuation) and the space after it.</summary>
    public const string W = @"(?:[\w‘’'$%.,\-“”""]+\s+)";

    /// <summary>Up to n words, as few as possible.</summary>
    public static string Gap(int n) => $"{W}{{0,{n}}}?";

    public const string Forces = @"(?:troops|soldiers|forces|personnel|servicemen|service\s+members|servicemembers|contingents?|instructors|contractors|mercenaries|military\s+advis[eo]rs|advis[eo]rs|paratroopers|corps|garrison|staff|army)";

    private static readonly Dictionary<string, string[]> Irregular = new()
    {
        ["cut"] = ["cut", "cuts", "cutting"],
        ["break"] = ["break", "breaks", "broke", "broken", "breaking"],
        ["withdraw"] = ["withdraw", "withdraws", "withdrew", "withdrawn", "withdrawing"],
        ["leave"] = ["leave", "leaves", "left", "leaving"],
        ["send"] = ["send", "sends", "sent", "sending"],
        ["begin"] = ["begin", "begins", "began", "begun", "beginning"],
        ["overthrow"] = ["overthrow", "overthrows", "overthrew", "overthrown", "overthrowing"],
        ["seize"] = ["seize", "seizes", "seized", "seizing"],
        ["hold"] = ["hold", "holds", "held", "holding"],
        ["keep"] = ["keep", "keeps", "kept", "keeping"],
        ["give"] = ["give", "gives", "gave", "given", "giving"],
        ["tell"] = ["tell", "tells", "told", "telling"],
        ["seek"] = ["seek", "seeks", "sought", "seeking"],
        ["strike"] = ["strike", "strikes", "struck", "striking"],
        ["tear"] = ["tear", "tears", "tore", "torn", "tearing"],
        ["quit"] = ["quit", "quits", "quitting"],
        ["expel"] = ["expel", "expels", "expelled", "expelling"],
        ["scrap"] = ["scrap", "scraps", "scrapped", "scrapping"],
        ["stop"] = ["stop", "stops", "stopped", "stopping"],
        ["cancel"] = ["cancel", "cancels", "cancelled", "canceled", "cancelling", "canceling"],
        ["plan"] = ["plan", "plans", "planned", "planning"],
        ["ban"] = ["ban", "bans", "banned", "banning"],
        ["set"] = ["set", "sets", "setting"],
        ["put"] = ["put", "puts", "putting"],
        ["slap"] = ["slap", "slaps", "slapped", "slapping"],
        ["level"] = ["level", "levels", "levelled", "leveled", "levelling", "leveling"],
        ["ink"] = ["ink", "inks", "inked", "inking"],
        ["kick"] = ["kick", "kicks", "kicked", "kicking"],
        ["oust"] = ["oust", "ousts", "ousted", "ousting"],
        ["rupture"] = ["rupture", "ruptures", "ruptured", "rupturing"],
        ["sever"] = ["sever", "severs", "severed", "severing"],
        ["lift"] = ["lift", "lifts", "lifted", "lifting"],
        ["initial"] = ["initial", "initials", "initialled", "initialed", "initialling", "initialing"],
        ["reopen"] = ["reopen", "reopens", "reopened", "reopening"],
    };

    /// <summary>Every inflection of the lemmas, as a non-capturing alternation with word boundaries.</summary>
    public static string V(params string[] lemmas)
    {
        var forms = lemmas.SelectMany(Inflect).Distinct().OrderByDescending(f => f.Length);
        return @"\b(?:" + string.Join("|", forms) + @")\b";
    }

    public static IEnumerable<string> Inflect(string lemma)
    {
        if (Irregular.TryGetValue(lemma, out var forms)) return forms;
        var list = new List<string> { lemma };
        if (lemma.EndsWith('e'))
        {
            list.Add(lemma + "s");
            list.Add(lemma + "d");
            list.Add(lemma[..^1] + "ing");
        }
        else if (lemma.EndsWith('y') && !"aeiou".Contains(lemma[^2]))
        {
            list.Add(lemma[..^1] + "ies");
            list.Add(lemma[..^1] + "ied");
            list.Add(lemma + "ing");
        }
        else
        {
            list.Add(lemma + (lemma.EndsWith('s') || lemma.EndsWith("sh") || lemma.EndsWith("ch") || lemma.EndsWith('x') ? "es" : "s"));
            list.Add(lemma + "ed");
            list.Add(lemma + "ing");
        }
        return list;
    }

    public static Regex Rx(string pattern) => new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
}
