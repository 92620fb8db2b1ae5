using Monitoring.Domain;
using static Monitoring.Extraction.Events.Patterns;

namespace Monitoring.Extraction.Events.Rules;

/// <summary>Coups, and states leaving blocs.</summary>
public static class CoupAndBlocRules
{
    public static readonly IReadOnlyList<EventRule> All =
    [
        new("coup.noun", WorldEventType.CoupOccurred,
            Rx(@"(?<!\b(?:attempted|failed|foiled|thwarted|alleged|abortive|botched|counter|anti|post|pre|possible|new|another|planned)[\s-])\b(?:coup(?:\s+d['’]\s?[ée]tat)?|putsch|(?:military\s+)?takeover)\b(?!\s*(?:attempt|plot|bid|plotters|leaders?|makers|-hit|-prone|rumou?rs))"),
            [Slot.CoupCountry], []) { Priority = 4 },
        new("coup.verb", WorldEventType.CoupOccurred,
            Rx($@"(?:{V("overthrow", "oust", "topple", "depose")}|(?:{V("seize")}|took|grabbed),?\s+power)"),
            [Slot.CoupCountry], []) { Priority = 4, Requires = Rx(@"\b(?:president|government|leader|regime|head\s+of\s+state|power|military|army|soldiers|officers|junta)\b") },
        new("bloc.exited.verb", WorldEventType.BlocExited,
            Rx($@"(?:{V("withdraw", "leave", "quit", "exit", "secede")}|{V("pull")},?\s+out|{V("break")},?\s+away)\s+(?:from\s+|of\s+)?"),
            [Slot.Subject], [Slot.Bloc]) { Priority = 25, PlannedType = WorldEventType.BlocExitAnnounced },
        new("bloc.exit.noun", WorldEventType.BlocExitAnnounced,
            Rx(@"\b(?:withdrawal|exit|departure|pull-?out|secession)\s+(?:of\s+(?:\w+\s+){1,6}?)?from\s+"),
            [Slot.Subject], [Slot.Bloc]) { Priority = 26 },
    ];
}
