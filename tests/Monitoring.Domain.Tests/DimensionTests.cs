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
    public void an_expectation_published_before_its_date_is_shown_as_upcoming()
    {
        var s = new Scenario();
        s.Report(Article("x1", "Antiwar.com", D("2023-12-13")), WorldEventType.WithdrawalCompleted, "FRA", "NER", EventDate.Day(D("2023-12-22")), Modality.Expected);

        var beforePublication = s.StateOf(FranceNiger, asOf: D("2023-12-12"));
        var announced = s.StateOf(FranceNiger, asOf: D("2023-12-14"));
        var due = s.StateOf(FranceNiger, asOf: D("2023-12-22"));

        Assert.Empty(beforePublication.Upcoming);
        Assert.Equal(WorldEventType.WithdrawalCompleted, Assert.Single(announced.Upcoming).Type);
        Assert.Empty(announced.Dimensions);
        Assert.Contains("upcoming troop_presence:FRA: withdrawal_expected by 2023-12-22 (expected) — 1 source", Relationship.Describe(announced));
        Assert.Empty(due.Upcoming);
        Assert.Contains("troop_presence:FRA: withdrawal_expected by 2023-12-22 (expected) — 1 source", Relationship.Describe(due));
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

        Assert.Equal(D("2024-03-15"), s.StateOf(pair, recordedAt: old).Dimension(Dimensions.Agreements)!.Since.Value);
        Assert.Equal(D("2024-03-16"), s.StateOf(pair).Dimension(Dimensions.Agreements)!.Since.Value);
    }

    private static readonly ActorPair UsNiger = ActorPair.Of("USA", "NER");

    private static string? Status(Scenario s, ActorPair pair, string key, string? asOf = null) =>
        s.StateOf(pair, asOf: asOf is null ? null : D(asOf)).Dimension(key)?.Status;

    [Fact]
    public void denounced_agreement_terminates_security_cooperation()
    {
        var s = new Scenario();
        var a = Article("x1", "Wire", D("2024-03-17"));
        s.Report(a, WorldEventType.CooperationResumed, "USA", "NER", EventDate.Month(2024, 1), area: "security");
        s.Report(a, WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")), area: "military");

        Assert.Equal("resumed", Status(s, UsNiger, Dimensions.SecurityCooperation, "2024-03-15"));
        var state = s.StateOf(UsNiger, asOf: D("2024-03-16"));
        Assert.Equal("terminated", state.Dimension(Dimensions.SecurityCooperation)!.Status);
        Assert.Equal("denounced", state.Dimension(Dimensions.Agreements)!.Status);
        Assert.Equal("military", state.Dimension(Dimensions.Agreements)!.Detail);
    }

    [Fact]
    public void a_suspension_by_either_side_suspends_security_cooperation()
    {
        var s = new Scenario();
        s.Report(Article("x1", "Wire", D("2023-08-10")), WorldEventType.CooperationSuspended, "NER", "USA", EventDate.Day(D("2023-08-09")), area: "security");

        Assert.Equal("suspended", Status(s, UsNiger, Dimensions.SecurityCooperation));
        Assert.Null(Status(s, UsNiger, Dimensions.DevelopmentAid));
    }

    [Fact]
    public void an_aid_suspension_suspends_development_aid_only()
    {
        var s = new Scenario();
        s.Report(Article("x1", "Wire", D("2023-08-10")), WorldEventType.CooperationSuspended, "USA", "NER", EventDate.Day(D("2023-08-04")), area: "aid");

        Assert.Equal("suspended", Status(s, UsNiger, Dimensions.DevelopmentAid));
        Assert.Null(Status(s, UsNiger, Dimensions.SecurityCooperation));
    }

    [Fact]
    public void cooperation_goes_from_suspended_to_resumption_announced_to_resumed()
    {
        var s = new Scenario();
        var a = Article("x1", "Wire", D("2024-02-01"));
        s.Report(a, WorldEventType.CooperationSuspended, "USA", "NER", EventDate.Day(D("2023-08-04")), area: "security,development");
        s.Report(a, WorldEventType.CooperationResumptionAnnounced, "USA", "NER", EventDate.Day(D("2023-12-13")), Modality.Planned, "security,development");
        s.Report(a, WorldEventType.CooperationResumed, "USA", "NER", EventDate.Month(2024, 1), area: "development");

        Assert.Equal("suspended", Status(s, UsNiger, Dimensions.SecurityCooperation, "2023-12-12"));
        Assert.Equal("resumption_announced", Status(s, UsNiger, Dimensions.SecurityCooperation, "2023-12-13"));
        Assert.Equal("resumption_announced", Status(s, UsNiger, Dimensions.SecurityCooperation, "2024-01-31"));
        Assert.Equal("resumed", Status(s, UsNiger, Dimensions.DevelopmentAid, "2024-01-31"));
    }

    [Fact]
    public void a_planned_event_never_asserts_the_completed_state()
    {
        var s = new Scenario();
        var a = Article("x1", "Wire", D("2024-03-01"));
        s.Report(a, WorldEventType.CooperationSuspended, "USA", "NER", EventDate.Day(D("2024-03-01")), Modality.Planned, "security");
        s.Report(a, WorldEventType.AgreementDenounced, "NER", "RUS", EventDate.Day(D("2024-03-01")), Modality.Planned, "military");
        s.Report(a, WorldEventType.SanctionsImposed, "ECOWAS", "NER", EventDate.Day(D("2024-03-10")), Modality.Expected);

        var security = s.StateOf(UsNiger).Dimension(Dimensions.SecurityCooperation)!;
        Assert.Equal("suspension_announced", security.Status);
        Assert.Equal(Modality.Planned, security.Modality);
        Assert.Equal("denunciation_announced", Status(s, ActorPair.Of("NER", "RUS"), Dimensions.Agreements));
        Assert.Equal("termination_announced", Status(s, ActorPair.Of("NER", "RUS"), Dimensions.SecurityCooperation));
        Assert.Equal("imposition_expected", Status(s, ActorPair.Of("ECOWAS", "NER"), "sanctions:ECOWAS"));
    }

    [Fact]
    public void troops_go_from_deployed_to_withdrawn_on_the_sending_side()
    {
        var s = new Scenario();
        var a = Article("x1", "Wire", D("2024-09-20"));
        s.Report(a, WorldEventType.TroopsDeployed, "USA", "NER", EventDate.Year(2013));
        s.Report(a, WorldEventType.WithdrawalDemanded, "NER", "USA", EventDate.Day(D("2024-03-16")));
        s.Report(a, WorldEventType.WithdrawalAgreed, "USA", "NER", EventDate.Day(D("2024-05-19")));
        s.Report(a, WorldEventType.WithdrawalStarted, "USA", "NER", EventDate.Day(D("2024-07-07")));
        s.Report(a, WorldEventType.WithdrawalCompleted, "USA", "NER", EventDate.Day(D("2024-08-05")));

        Assert.Equal("deployed", Status(s, UsNiger, "troop_presence:USA", "2024-01-01"));
        Assert.Equal("withdrawal_demanded", Status(s, UsNiger, "troop_presence:USA", "2024-04-01"));
        Assert.Equal("withdrawal_agreed", Status(s, UsNiger, "troop_presence:USA", "2024-06-01"));
        Assert.Equal("withdrawing", Status(s, UsNiger, "troop_presence:USA", "2024-07-07"));
        Assert.Equal("withdrawn", Status(s, UsNiger, "troop_presence:USA", "2024-08-05"));
        Assert.Null(Status(s, UsNiger, "troop_presence:NER"));
    }

    [Fact]
    public void a_troop_count_alone_establishes_presence_with_its_latest_count_and_sources()
    {
        var s = new Scenario();
        s.Report(Article("x1", "Wire", D("2023-09-30")), WorldEventType.TroopPresenceReported, "USA", "NER", EventDate.Month(2023, 9), count: 1100);
        s.Report(Article("x2", "Other", D("2023-12-15")), WorldEventType.TroopPresenceReported, "USA", "NER", EventDate.Month(2023, 12), count: 648);

        var troops = s.StateOf(UsNiger).Dimension("troop_presence:USA")!;

        Assert.Equal("present", troops.Status);
        Assert.Equal(648, troops.Count);
        Assert.Equal(new DateOnly(2023, 12, 1), troops.CountDate!.Value);
        Assert.Equal(new DateOnly(2023, 9, 1), troops.Since.Value);
        Assert.Equal(2, troops.EntryIds.Count);
    }

    [Fact]
    public void a_count_carried_over_to_a_new_status_keeps_its_source()
    {
        var s = new Scenario();
        s.Report(Article("x1", "Wire", D("2024-03-10")), WorldEventType.TroopPresenceReported, "USA", "NER", EventDate.Day(D("2024-03-10")), count: 1000);
        s.Report(Article("x2", "Other", D("2024-03-17")), WorldEventType.WithdrawalDemanded, "NER", "USA", EventDate.Day(D("2024-03-16")));

        var state = s.StateOf(UsNiger);
        var troops = state.Dimension("troop_presence:USA")!;

        Assert.Equal("withdrawal_demanded", troops.Status);
        Assert.Equal(1000, troops.Count);
        Assert.Contains(troops.EntryIds, id => state.Entry(id)!.Type == WorldEventType.TroopPresenceReported);
    }

    [Fact]
    public void sanctions_imposed_are_in_force_until_lifted()
    {
        var s = new Scenario();
        var a = Article("x1", "Wire", D("2024-02-25"));
        s.Report(a, WorldEventType.SanctionsImposed, "ECOWAS", "NER", EventDate.Day(D("2023-07-30")));
        s.Report(a, WorldEventType.SanctionsInForce, "ECOWAS", "NER", EventDate.Day(D("2023-12-15")));
        s.Report(a, WorldEventType.SanctionsLifted, "ECOWAS", "NER", EventDate.Day(D("2024-02-24")));
        var pair = ActorPair.Of("ECOWAS", "NER");

        var inForce = s.StateOf(pair, asOf: D("2024-01-01")).Dimension("sanctions:ECOWAS")!;
        Assert.Equal("in_force", inForce.Status);
        Assert.Equal(D("2023-07-30"), inForce.Since.Value);
        Assert.Equal(2, inForce.EntryIds.Count);
        Assert.Equal("lifted", Status(s, pair, "sanctions:ECOWAS", "2024-02-24"));
        Assert.Null(Status(s, pair, "sanctions:NER"));
    }

    [Fact]
    public void diplomatic_ruptures_stand_and_later_talks_are_shown_after_them()
    {
        var s = new Scenario();
        var a = Article("x1", "Wire", D("2024-03-20"));
        s.Report(a, WorldEventType.TalksOpened, null, null, EventDate.Month(2023, 3), parties: ["NER", "USA"]);
        s.Report(a, WorldEventType.AmbassadorExpelled, "NER", "USA", EventDate.Day(D("2023-09-01")));
        s.Report(a, WorldEventType.TalksOpened, null, null, EventDate.Day(D("2024-03-12")), parties: ["NER", "USA"]);
        s.Report(a, WorldEventType.TalksOpened, null, null, EventDate.Day(D("2024-03-14")), parties: ["NER", "USA"]);

        Assert.Equal("ambassador_expelled", Status(s, UsNiger, Dimensions.Diplomatic, "2024-01-01"));
        var state = s.StateOf(UsNiger);
        var talks = state.Dimension(Dimensions.Diplomatic)!;
        Assert.Equal("talks_opened", talks.Status);
        Assert.Equal(D("2024-03-14"), talks.Since.Value);
        Assert.Equal("after ambassador_expelled since 2023-09-01", talks.Detail);
        Assert.Contains(talks.EntryIds, id => state.Entry(id)!.Type == WorldEventType.AmbassadorExpelled);
    }

    [Fact]
    public void a_visit_is_an_event_on_the_timeline_not_a_lasting_diplomatic_state()
    {
        var s = new Scenario();
        var a = Article("x1", "Wire", D("2024-03-20"));
        s.Report(a, WorldEventType.DelegationVisited, "USA", "NER", EventDate.Month(2023, 3));

        var state = s.StateOf(UsNiger);

        Assert.Null(state.Dimension(Dimensions.Diplomatic));
        var visit = Assert.Single(state.Entries);
        Assert.Equal(WorldEventType.DelegationVisited, visit.Type);
        Assert.Equal([visit.Id], Relationship.Occurrences(state).Select(e => e.Id));
    }

    [Fact]
    public void a_visit_after_a_rupture_leaves_the_rupture_as_the_diplomatic_state()
    {
        var s = new Scenario();
        var a = Article("x1", "Wire", D("2024-03-20"));
        s.Report(a, WorldEventType.AmbassadorExpelled, "NER", "USA", EventDate.Day(D("2023-09-01")));
        s.Report(a, WorldEventType.DelegationVisited, "USA", "NER", EventDate.Day(D("2024-03-12")));
        s.Report(a, WorldEventType.DelegationVisited, "USA", "NER", EventDate.Day(D("2024-03-14")), Modality.Planned);

        var state = s.StateOf(UsNiger);
        var diplomatic = state.Dimension(Dimensions.Diplomatic)!;

        Assert.Equal("ambassador_expelled", diplomatic.Status);
        Assert.Equal(D("2023-09-01"), diplomatic.Since.Value);
        Assert.All(diplomatic.EntryIds, id => Assert.Equal(WorldEventType.AmbassadorExpelled, state.Entry(id)!.Type));
        Assert.Equal(3, state.Entries.Count);
        Assert.Equal(2, Relationship.Occurrences(state).Count);
    }

    [Fact]
    public void a_planned_visit_is_told_as_upcoming_without_a_status()
    {
        var s = new Scenario();
        s.Report(Article("x1", "Wire", D("2024-03-10")), WorldEventType.DelegationVisited, "USA", "NER", EventDate.Day(D("2024-03-14")), Modality.Planned);

        var state = s.StateOf(UsNiger, asOf: D("2024-03-12"));

        Assert.Empty(state.Dimensions);
        Assert.Equal(["upcoming delegation_visited on 2024-03-14 (planned) — 1 source"], Relationship.Describe(state));
    }

    [Fact]
    public void a_coup_is_context_for_every_relationship_of_its_country_and_a_later_coup_redates_it()
    {
        var s = new Scenario();
        s.Report(Article("x1", "Wire", D("2022-10-01")), WorldEventType.CoupOccurred, "BFA", null, EventDate.Day(D("2022-01-24")));
        s.Report(Article("x2", "Wire", D("2022-10-01")), WorldEventType.CoupOccurred, "BFA", null, EventDate.Day(D("2022-09-30")));
        s.Report(Article("x3", "Wire", D("2023-07-27")), WorldEventType.CoupOccurred, "NER", null, EventDate.Day(D("2023-07-26")));

        var bfaRus = s.StateOf(ActorPair.Of("BFA", "RUS"));
        Assert.Equal(D("2022-09-30"), bfaRus.Dimension("context:BFA")!.Since.Value);
        Assert.Null(bfaRus.Dimension("context:NER"));
        Assert.Equal(D("2022-01-24"), s.StateOf(ActorPair.Of("BFA", "FRA"), asOf: D("2022-06-01")).Dimension("context:BFA")!.Since.Value);
        Assert.Equal("coup", Status(s, UsNiger, "context:NER"));
    }

    [Fact]
    public void a_bounded_undated_event_is_placed_by_its_bound_and_flagged_approximate()
    {
        var s = new Scenario();
        s.Report(Article("x1", "Wire", D("2023-12-15")), WorldEventType.CooperationSuspended, "USA", "NER", EventDate.Unknown(notBefore: D("2023-07-26")), area: "aid");

        var entry = Assert.Single(s.StateOf(UsNiger, asOf: D("2023-11-30")).Entries);
        Assert.True(entry.Approximate);
        Assert.False(entry.Undated);
        Assert.Equal(D("2023-07-26"), entry.PlacedOn);
        Assert.Empty(s.StateOf(UsNiger, asOf: D("2023-07-25")).Dimensions);
    }

    [Fact]
    public void every_dimension_names_entries_of_the_state()
    {
        var s = new Scenario();
        var a = Article("x1", "Wire", D("2024-03-20"));
        s.Report(a, WorldEventType.CoupOccurred, "NER", null, EventDate.Day(D("2023-07-26")));
        s.Report(a, WorldEventType.TroopPresenceReported, "USA", "NER", EventDate.Day(D("2024-03-19")), count: 1000);
        s.Report(a, WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")), area: "military");

        var state = s.StateOf(UsNiger);

        Assert.All(state.Dimensions, d =>
        {
            Assert.NotEmpty(d.EntryIds);
            Assert.All(d.EntryIds, id => Assert.NotNull(state.Entry(id)));
        });
    }

    [Fact]
    public void agreements_show_the_most_recent_agreement_with_its_area()
    {
        var s = new Scenario();
        var a = Article("x1", "Wire", D("2024-01-20"));
        s.Report(a, WorldEventType.AgreementSigned, null, null, EventDate.Year(2019), area: "military", parties: ["NER", "RUS"]);
        s.Report(a, WorldEventType.AgreementSigned, null, null, EventDate.Month(2024, 1), area: "economic", parties: ["NER", "RUS"]);

        var agreements = s.StateOf(ActorPair.Of("NER", "RUS")).Dimension(Dimensions.Agreements)!;

        Assert.Equal("signed", agreements.Status);
        Assert.Equal(EventDate.Month(2024, 1), agreements.Since);
        Assert.Equal("economic", agreements.Detail);
        Assert.Equal("active", s.StateOf(ActorPair.Of("NER", "RUS")).Dimension(Dimensions.SecurityCooperation)!.Status);
    }

    [Fact]
    public void troops_reported_after_their_withdrawal_are_present_again()
    {
        var s = new Scenario();
        var a = Article("x1", "Wire", D("2025-02-01"));
        s.Report(a, WorldEventType.WithdrawalCompleted, "USA", "NER", EventDate.Day(D("2024-08-05")));
        s.Report(a, WorldEventType.TroopPresenceReported, "USA", "NER", EventDate.Month(2025, 1), count: 50);

        Assert.Equal("withdrawn", Status(s, UsNiger, "troop_presence:USA", "2024-12-31"));
        var troops = s.StateOf(UsNiger).Dimension("troop_presence:USA")!;
        Assert.Equal("present", troops.Status);
        Assert.Equal(50, troops.Count);
    }
}
