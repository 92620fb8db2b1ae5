namespace Monitoring.Domain;

/// <summary>
/// The nearest code of the two vocabularies event-data users already know, for exports: PLOVER's event type (the
/// scheme behind POLECAT) and CAMEO's (behind GDELT and ICEWS). Monitor's own type is the authority; these let a
/// table of ours be joined with theirs. A type with no faithful counterpart (a coup, a troop count) maps to none.
/// </summary>
public static class EventCodes
{
    public static string? Plover(WorldEventType type) => type switch
    {
        WorldEventType.CooperationSuspended or WorldEventType.TiesSevered or WorldEventType.SanctionsImposed
            or WorldEventType.AmbassadorExpelled or WorldEventType.AmbassadorRecalled
            or WorldEventType.BlocExitAnnounced or WorldEventType.BlocExited => "SANCTION",
        WorldEventType.AgreementDenounced => "REJECT",
        WorldEventType.CooperationResumptionAnnounced or WorldEventType.AgreementSigned or WorldEventType.WithdrawalAgreed => "AGREE",
        WorldEventType.CooperationResumed => "COOPERATE",
        WorldEventType.WithdrawalDemanded => "REQUEST",
        WorldEventType.WithdrawalAnnounced or WorldEventType.WithdrawalStarted or WorldEventType.WithdrawalCompleted => "RETREAT",
        WorldEventType.TroopsDeployed => "MOBILIZE",
        WorldEventType.SanctionsLifted => "CONCEDE",
        WorldEventType.DelegationVisited or WorldEventType.TalksOpened => "CONSULT",
        WorldEventType.ThreatOfForce => "THREATEN",
        WorldEventType.CoupOccurred or WorldEventType.TroopPresenceReported or WorldEventType.SanctionsInForce => null,
        _ => null,
    };

    /// <summary>CAMEO's code at the most specific level the type fixes (161: reduce or break diplomatic relations).</summary>
    public static string? Cameo(WorldEventType type) => type switch
    {
        WorldEventType.CooperationSuspended or WorldEventType.BlocExitAnnounced or WorldEventType.BlocExited => "160",
        WorldEventType.TiesSevered or WorldEventType.AmbassadorExpelled or WorldEventType.AmbassadorRecalled => "161",
        WorldEventType.SanctionsImposed => "163",
        WorldEventType.AgreementDenounced => "120",
        WorldEventType.CooperationResumptionAnnounced => "030",
        WorldEventType.CooperationResumed => "050",
        WorldEventType.AgreementSigned or WorldEventType.WithdrawalAgreed => "057",
        WorldEventType.WithdrawalDemanded => "100",
        WorldEventType.WithdrawalAnnounced or WorldEventType.WithdrawalStarted or WorldEventType.WithdrawalCompleted => "087",
        WorldEventType.TroopsDeployed => "150",
        WorldEventType.SanctionsLifted => "085",
        WorldEventType.DelegationVisited => "042",
        WorldEventType.TalksOpened => "046",
        WorldEventType.ThreatOfForce => "138",
        WorldEventType.CoupOccurred or WorldEventType.TroopPresenceReported or WorldEventType.SanctionsInForce => null,
        _ => null,
    };
}
