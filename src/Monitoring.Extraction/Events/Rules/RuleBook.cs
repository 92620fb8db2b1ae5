namespace Monitoring.Extraction.Events.Rules;

/// <summary>Every rule the extractor runs. To add a rule, add it to its family's list (or a new family here).</summary>
public static class RuleBook
{
    public static readonly IReadOnlyList<EventRule> All =
    [
        .. CooperationRules.All,
        .. AgreementRules.All,
        .. WithdrawalRules.All,
        .. TroopRules.All,
        .. SanctionRules.All,
        .. DiplomacyRules.All,
        .. CoupAndBlocRules.All,
    ];
}
