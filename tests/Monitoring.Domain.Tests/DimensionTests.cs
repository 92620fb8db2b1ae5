using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using static Monitoring.Domain.Tests.Scenario;

namespace Monitoring.Domain.Tests;

public sealed class DimensionTests
{
    private static readonly ActorPair FranceNiger = ActorPair.Of("FRA", "NER");

    [Fact]
    public void expected_withdrawal_is_shown_as_expected_not_as_done()
    {
        var s = new Scenario();
        var a = Article("x1", "Antiwar.com", D("2023-12-13"));
        s.Report(a, WorldEventType.WithdrawalDemanded, "NER", "FRA", EventDate.Unknown(notBefore: D("2023-07-26")));
        s.Report(a, WorldEventType.WithdrawalCompleted, "FRA", "NER", EventDate.Day(D("2023-12-22")), Modality.Expected);

        var before = s.StateOf(FranceNiger, asOf: D("2023-12-14")).Dimension("troop_presence:FRA")!;
        var after = s.StateOf(FranceNiger, asOf: D("2023-12-23")).Dimension("troop_presence:FRA")!;

        Assert.Equal("withdrawal_demanded", before.Status);
        Assert.Equal("withdrawal_expected", after.Status);
        Assert.Equal(D("2023-12-22"), after.Since.Value);
    }

    [Fact]
    public void an_observation_keeps_a_known_transition_and_adds_its_count()
    {
        var s = new Scenario();
        var a = Article("x1", "Wire", D("2024-03-19"));
        s.Report(a, WorldEventType.WithdrawalDemanded, "NER", "USA", EventDate.Day(D("2024-03-16")));
        s.Report(a, WorldEventType.TroopPresenceReported, "USA", "NER", EventDate.Day(D("2024-03-19")), count: 1000);

        var troops = s.StateOf(ActorPair.Of("USA", "NER")).Dimension("troop_presence:USA")!;

        Assert.Equal("withdrawal_demanded", troops.Status);
        Assert.Equal(1000, troops.Count);
        Assert.Equal(2, troops.EntryIds.Count);
    }

    [Fact]
    public void sanctions_in_force_then_lifted()
    {
        var s = new Scenario();
        var a = Article("x1", "Wire", D("2024-02-25"));
        s.Report(a, WorldEventType.SanctionsInForce, "ECOWAS", "NER", EventDate.Day(D("2023-12-15")));
        s.Report(a, WorldEventType.SanctionsLifted, "ECOWAS", "NER", EventDate.Day(D("2024-02-24")));
        var pair = ActorPair.Of("ECOWAS", "NER");

        Assert.Equal("in_force_observed", s.StateOf(pair, asOf: D("2024-01-01")).Dimension("sanctions:ECOWAS")!.Status);
        Assert.Equal("lifted", s.StateOf(pair, asOf: D("2024-02-25")).Dimension("sanctions:ECOWAS")!.Status);
    }

    [Fact]
    public void a_signed_defence_memorandum_makes_security_cooperation_active()
    {
        var s = new Scenario();
        s.Report(Article("x1", "RT", D("2023-12-15")), WorldEventType.AgreementSigned, null, null, EventDate.Month(2023, 12), area: "defense", parties: ["NER", "RUS"]);

        var state = s.StateOf(ActorPair.Of("NER", "RUS"), asOf: D("2023-12-31"));

        Assert.Equal("signed", state.Dimension(Dimensions.Agreements)!.Status);
        Assert.Equal("active", state.Dimension(Dimensions.SecurityCooperation)!.Status);
    }

    [Fact]
    public void severed_military_ties_terminate_security_cooperation()
    {
        var s = new Scenario();
        s.Report(Article("x1", "RT", D("2023-12-15")), WorldEventType.TiesSevered, "NER", "EU", EventDate.Unknown(notAfter: D("2023-12-15")), area: "military");

        var state = s.StateOf(ActorPair.Of("EU", "NER"), asOf: D("2023-12-15"));

        Assert.Equal("terminated", state.Dimension(Dimensions.SecurityCooperation)!.Status);
    }

    [Fact]
    public void superseded_extraction_counts_until_the_supersession_is_recorded()
    {
        var s = new Scenario();
        var a = Article("x1", "Wire", D("2024-03-17"));
        s.Report(a, WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-15")), version: "1");
        var old = s.Reports[^1].RecordedAt;
        s.Supersede("x1", "1", "2");
        s.Report(a, WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")), version: "2");
        var pair = ActorPair.Of("NER", "USA");

        Assert.Equal(D("2024-03-15"), s.StateOf(pair, knownAt: old).Dimension(Dimensions.Agreements)!.Since.Value);
        Assert.Equal(D("2024-03-16"), s.StateOf(pair).Dimension(Dimensions.Agreements)!.Since.Value);
    }
}
