using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using static Monitoring.Domain.Tests.Scenario;

namespace Monitoring.Domain.Tests;

public sealed class ContestedStateTests
{
    private static readonly ActorPair FranceNiger = ActorPair.Of("FRA", "NER");
    private static readonly ActorPair UsNiger = ActorPair.Of("USA", "NER");

    /// <summary>The withdrawal completed on 2023-12-22, reported by two independent outlets, then one article's 1,500 troops.</summary>
    private static Scenario WithdrawalAndOneStaleCount(EventDate observed)
    {
        var s = new Scenario();
        s.Report(Article("le-monde", "Le Monde", D("2023-12-22")), WorldEventType.WithdrawalCompleted, "FRA", "NER", EventDate.Day(D("2023-12-22")));
        s.Report(Article("afp", "AFP", D("2023-12-23")), WorldEventType.WithdrawalCompleted, "FRA", "NER", EventDate.Day(D("2023-12-22")));
        s.Report(Article("blog", "Sahel Blog", D("2023-12-28")), WorldEventType.TroopPresenceReported, "FRA", "NER", observed, count: 1500);
        return s;
    }

    [Fact]
    public void one_article_contradicting_two_independent_ones_makes_the_dimension_contested_not_a_flip()
    {
        var s = WithdrawalAndOneStaleCount(EventDate.Unknown());

        var troops = s.StateOf(FranceNiger, asOf: D("2023-12-30")).Dimension("troop_presence:FRA")!;

        Assert.Equal(Relationship.Contested, troops.Status);
        Assert.Equal(DecidedBy.CorroboratedTransitionStands, troops.Rule);
        Assert.Equal("withdrawn", troops.Prevailing);
        Assert.Equal(["withdrawn", "present"], troops.Readings.Select(r => r.Status));
        Assert.Equal([2, 1], troops.Readings.Select(r => r.IndependentSources));
        // Both sides' entries are behind the answer, the prevailing side's first.
        var state = s.StateOf(FranceNiger, asOf: D("2023-12-30"));
        Assert.Equal(3, troops.EntryIds.Select(state.Entry).OfType<TimelineEntry>().Sum(e => e.SourceCount));
        Assert.Contains(Relationship.Describe(state), l => l.StartsWith("troop_presence:FRA: contested on 2023-12-22: withdrawn since 2023-12-22 (2 independent sources")
            && l.Contains("withdrawn prevails (corroborated_transition_stands)"));
    }

    [Fact]
    public void an_observation_of_the_same_date_does_not_overturn_a_corroborated_withdrawal()
    {
        var troops = WithdrawalAndOneStaleCount(EventDate.Day(D("2023-12-22"))).StateOf(FranceNiger, asOf: D("2023-12-30")).Dimension("troop_presence:FRA")!;

        Assert.Equal(Relationship.Contested, troops.Status);
        Assert.Equal("withdrawn", troops.Prevailing);
    }

    [Fact]
    public void an_observation_dated_later_moves_the_dimension_on()
    {
        var troops = WithdrawalAndOneStaleCount(EventDate.Day(D("2023-12-28"))).StateOf(FranceNiger, asOf: D("2023-12-30")).Dimension("troop_presence:FRA")!;

        Assert.Equal("present", troops.Status);
        Assert.Equal(DecidedBy.LatestReport, troops.Rule);
        Assert.Empty(troops.Readings);
    }

    [Fact]
    public void an_observation_against_a_single_source_transition_is_read_as_before()
    {
        var s = new Scenario();
        s.Report(Article("le-monde", "Le Monde", D("2023-12-22")), WorldEventType.WithdrawalCompleted, "FRA", "NER", EventDate.Day(D("2023-12-22")));
        s.Report(Article("blog", "Sahel Blog", D("2023-12-28")), WorldEventType.TroopPresenceReported, "FRA", "NER", EventDate.Unknown(), count: 1500);

        Assert.Equal("present", s.StateOf(FranceNiger, asOf: D("2023-12-30")).Dimension("troop_presence:FRA")!.Status);
    }

    [Fact]
    public void suspended_and_resumed_on_one_date_are_contested_and_undecided_when_sources_are_even()
    {
        var s = new Scenario();
        s.Report(Article("a", "Outlet A", D("2023-08-05")), WorldEventType.CooperationSuspended, "USA", "NER", EventDate.Day(D("2023-08-04")), area: "security");
        s.Report(Article("b", "Outlet B", D("2023-08-06")), WorldEventType.CooperationResumed, "USA", "NER", EventDate.Month(2023, 8), area: "security");

        var security = s.StateOf(UsNiger, asOf: D("2023-09-01")).Dimension(Dimensions.SecurityCooperation)!;

        Assert.Equal(Relationship.Contested, security.Status);
        Assert.Equal(DecidedBy.ReportsDisagree, security.Rule);
        Assert.Null(security.Prevailing);
        Assert.Equal(["resumed", "suspended"], security.Readings.Select(r => r.Status).Order());
    }

    [Fact]
    public void the_side_with_more_independent_sources_prevails_in_a_disagreement_of_transitions()
    {
        var s = new Scenario();
        s.Report(Article("a", "Outlet A", D("2023-08-05")), WorldEventType.CooperationSuspended, "USA", "NER", EventDate.Day(D("2023-08-04")));
        s.Report(Article("b", "Outlet B", D("2023-08-05")), WorldEventType.CooperationSuspended, "USA", "NER", EventDate.Day(D("2023-08-04")));
        s.Report(Article("c", "Outlet C", D("2023-08-06")), WorldEventType.CooperationResumed, "USA", "NER", EventDate.Day(D("2023-08-04")));

        var security = s.StateOf(UsNiger).Dimension(Dimensions.SecurityCooperation)!;

        Assert.Equal(DecidedBy.MoreIndependentSources, security.Rule);
        Assert.Equal("suspended", security.Prevailing);
    }

    [Fact]
    public void a_later_transition_settles_a_contest_and_change_detection_says_so()
    {
        var s = new Scenario();
        s.Report(Article("a", "Outlet A", D("2023-08-05")), WorldEventType.CooperationSuspended, "USA", "NER", EventDate.Day(D("2023-08-04")));
        var quiet = s.StateOf(UsNiger);
        s.Report(Article("b", "Outlet B", D("2023-08-06")), WorldEventType.CooperationResumed, "USA", "NER", EventDate.Day(D("2023-08-04")));
        var contested = s.StateOf(UsNiger);
        s.Report(Article("c", "Outlet C", D("2023-12-14")), WorldEventType.CooperationResumed, "USA", "NER", EventDate.Day(D("2023-12-13")));
        var settled = s.StateOf(UsNiger);

        var began = Assert.Single(ChangeDetection.Between(quiet, contested), c => c.Dimension == Dimensions.SecurityCooperation);
        Assert.Equal(ContestChange.Began, began.Contest);
        Assert.Equal(Relationship.Contested, began.StatusAfter);
        var ended = Assert.Single(ChangeDetection.Between(contested, settled), c => c.Dimension == Dimensions.SecurityCooperation);
        Assert.Equal(ContestChange.Ended, ended.Contest);
        Assert.Equal("resumed", ended.StatusAfter);
    }

    [Fact]
    public void contested_states_do_not_depend_on_the_order_reports_arrived_in()
    {
        var s = WithdrawalAndOneStaleCount(EventDate.Unknown());
        var reversed = new Scenario();
        foreach (var r in Enumerable.Reverse(s.Reports))
            reversed.Report(r.Article, r.Event.Type, r.Event.Source, r.Event.Target, r.Event.Date, r.Event.Modality, r.Event.Area, r.Event.Count);

        Assert.Equal(Fingerprint(s.StateOf(FranceNiger)), Fingerprint(reversed.StateOf(FranceNiger)));
    }

    internal static string Fingerprint(RelationshipState state) => System.Text.Json.JsonSerializer.Serialize(new
    {
        Dimensions = state.Dimensions.Select(d => new { d.Key, d.Status, d.Since, d.Count, d.EntryIds, d.Rule, d.Prevailing, d.Readings }),
        Entries = state.Entries.Select(e => new { e.Id, e.Date, e.SourceCount, e.IndependentSources, e.Confidence, e.ConflictsWith }),
    });
}
