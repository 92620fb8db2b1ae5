using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using static Monitoring.Domain.Tests.Scenario;

namespace Monitoring.Domain.Tests;

public sealed class CorroborationTests
{
    private static readonly ActorPair MaliFrance = ActorPair.Of("MLI", "FRA");

    [Fact]
    public void wire_copy_republished_by_two_outlets_counts_as_one_independent_source()
    {
        var s = new Scenario();
        s.Report(Article("x1", "Outlet A", D("2022-02-01"), wire: "afp-123"), WorldEventType.AmbassadorExpelled, "MLI", "FRA", EventDate.Day(D("2022-01-31")));
        s.Report(Article("x2", "Outlet B", D("2022-02-01"), wire: "afp-123"), WorldEventType.AmbassadorExpelled, "MLI", "FRA", EventDate.Day(D("2022-01-31")));
        s.Report(Article("x3", "Outlet C", D("2022-02-02")), WorldEventType.AmbassadorExpelled, "MLI", "FRA", EventDate.Month(2022, 1));

        var entry = Assert.Single(Relationship.Timeline(MaliFrance, s.Reports, s.Supersessions));

        Assert.Equal(3, entry.SourceCount);
        Assert.Equal(2, entry.IndependentSources);
        Assert.Equal(DatePrecision.Day, entry.Date.Precision);
        Assert.Equal(1 - 0.2 * 0.2, entry.Confidence, 3);
    }

    [Fact]
    public void two_dates_for_one_event_are_kept_apart_and_flagged_as_conflicting()
    {
        var s = new Scenario();
        s.Report(Article("x1", "Outlet A", D("2022-02-01")), WorldEventType.AmbassadorExpelled, "MLI", "FRA", EventDate.Day(D("2022-01-31")));
        s.Report(Article("x2", "Outlet B", D("2022-02-01")), WorldEventType.AmbassadorExpelled, "MLI", "FRA", EventDate.Day(D("2022-01-30")));

        var entries = Relationship.Timeline(MaliFrance, s.Reports, s.Supersessions);

        Assert.Equal(2, entries.Count);
        Assert.Equal([entries[1].Id], entries[0].ConflictsWith);
        Assert.Equal([entries[0].Id], entries[1].ConflictsWith);
    }

    [Fact]
    public void the_same_type_years_apart_is_two_events_without_conflict()
    {
        var s = new Scenario();
        s.Report(Article("x1", "Outlet A", D("2013-01-12")), WorldEventType.TroopsDeployed, "FRA", "MLI", EventDate.Day(D("2013-01-11")));
        s.Report(Article("x2", "Outlet B", D("2020-06-01")), WorldEventType.TroopsDeployed, "FRA", "MLI", EventDate.Month(2020, 5));

        var entries = Relationship.Timeline(MaliFrance, s.Reports, s.Supersessions);

        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Empty(e.ConflictsWith));
    }

    [Fact]
    public void an_undated_report_joins_a_dated_one_inside_its_bounds()
    {
        var s = new Scenario();
        s.Report(Article("x1", "Outlet A", D("2023-12-15")), WorldEventType.CooperationSuspended, "USA", "NER", EventDate.Unknown(notBefore: D("2023-07-26")), area: "aid");
        s.Report(Article("x2", "Outlet B", D("2023-08-04")), WorldEventType.CooperationSuspended, "USA", "NER", EventDate.Day(D("2023-08-04")), area: "aid");

        var entry = Assert.Single(Relationship.Timeline(ActorPair.Of("USA", "NER"), s.Reports, s.Supersessions));

        Assert.Equal(D("2023-08-04"), entry.Date.Value);
    }

    [Fact]
    public void an_undated_event_without_bounds_is_placed_at_its_article_and_flagged()
    {
        var s = new Scenario();
        s.Report(Article("x1", "Outlet A", D("2023-12-15")), WorldEventType.WithdrawalDemanded, "NER", "FRA", EventDate.Unknown());

        var entry = Assert.Single(Relationship.Timeline(ActorPair.Of("FRA", "NER"), s.Reports, s.Supersessions));

        Assert.True(entry.Undated);
        Assert.Equal(D("2023-12-15"), entry.PlacedOn);
        Assert.Null(s.StateOf(ActorPair.Of("FRA", "NER"), asOf: D("2023-12-14")).Dimension("troop_presence:FRA"));
    }

    private static readonly ActorPair UsNiger = ActorPair.Of("USA", "NER");

    [Fact]
    public void four_reports_of_one_coup_make_one_entry_with_four_sources()
    {
        var s = new Scenario();
        s.Report(Article("a0", "RT", D("2023-12-15")), WorldEventType.CoupOccurred, "NER", null, EventDate.Day(D("2023-07-26")), confidence: 0.9);
        s.Report(Article("a1", "Antiwar.com", D("2023-12-13")), WorldEventType.CoupOccurred, "NER", null, EventDate.Month(2023, 7), confidence: 0.7);
        s.Report(Article("a3", "Naija News", D("2024-03-17")), WorldEventType.CoupOccurred, "NER", null, EventDate.Unknown(notBefore: D("2023-07-01")), confidence: 0.6);
        s.Report(Article("a4", "All News Press", D("2024-03-18")), WorldEventType.CoupOccurred, "NER", null, EventDate.Day(D("2023-07-26")), confidence: 0.9);

        var coup = Assert.Single(Relationship.Timeline(UsNiger, s.Reports, s.Supersessions));

        Assert.Equal(4, coup.SourceCount);
        Assert.Equal(4, coup.IndependentSources);
        Assert.Equal(EventDate.Day(D("2023-07-26")), coup.Date);
        // In reading order: by publication (a1 was published first), never by arrival.
        Assert.Equal(["a1", "a0", "a3", "a4"], coup.Reports.Select(r => r.ArticleId));
        Assert.All(coup.Reports, r => Assert.Single(r.Evidence));
        Assert.Equal(Corroboration.MaxConfidence, coup.Confidence);
    }

    [Fact]
    public void confidence_grows_with_independent_sources_only()
    {
        var s = new Scenario();
        s.Report(Article("x1", "Outlet A", D("2024-03-17")), WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")), confidence: 0.6);
        var one = Assert.Single(Relationship.Timeline(UsNiger, s.Reports, s.Supersessions)).Confidence;
        s.Report(Article("x2", "Outlet A", D("2024-03-18")), WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")), confidence: 0.6);
        var samePublisher = Assert.Single(Relationship.Timeline(UsNiger, s.Reports, s.Supersessions));
        s.Report(Article("x3", "Outlet B", D("2024-03-18")), WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")), confidence: 0.6);
        var independent = Assert.Single(Relationship.Timeline(UsNiger, s.Reports, s.Supersessions));

        Assert.Equal(0.6, one, 6);
        Assert.Equal(2, samePublisher.SourceCount);
        Assert.Equal(1, samePublisher.IndependentSources);
        Assert.Equal(0.6, samePublisher.Confidence, 6);
        Assert.Equal(2, independent.IndependentSources);
        Assert.Equal(1 - 0.4 * 0.4, independent.Confidence, 6);
    }

    [Fact]
    public void different_areas_or_directions_are_different_events()
    {
        var s = new Scenario();
        var a = Article("x1", "Wire", D("2023-08-10"));
        s.Report(a, WorldEventType.CooperationSuspended, "USA", "NER", EventDate.Day(D("2023-08-04")), area: "aid");
        s.Report(a, WorldEventType.CooperationSuspended, "USA", "NER", EventDate.Day(D("2023-08-04")), area: "military");
        s.Report(a, WorldEventType.CooperationSuspended, "NER", "USA", EventDate.Day(D("2023-08-04")), area: "military");

        var entries = Relationship.Timeline(UsNiger, s.Reports, s.Supersessions);

        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.Empty(e.ConflictsWith));
    }

    [Fact]
    public void troop_counts_on_successive_days_are_successive_observations_not_conflicts()
    {
        var s = new Scenario();
        s.Report(Article("a3", "Naija", D("2024-03-17")), WorldEventType.TroopPresenceReported, "USA", "NER", EventDate.Day(D("2024-03-17")), count: 1000);
        s.Report(Article("a4", "All News", D("2024-03-18")), WorldEventType.TroopPresenceReported, "USA", "NER", EventDate.Day(D("2024-03-18")), count: 1000);

        var entries = Relationship.Timeline(UsNiger, s.Reports, s.Supersessions);

        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Empty(e.ConflictsWith));
    }

    [Fact]
    public void two_counts_for_one_date_are_kept_apart_and_flagged_as_conflicting()
    {
        var s = new Scenario();
        s.Report(Article("a0", "RT", D("2023-12-15")), WorldEventType.TroopPresenceReported, "USA", "NER", EventDate.Month(2023, 12), count: 648);
        s.Report(Article("a1", "Antiwar", D("2023-12-13")), WorldEventType.TroopPresenceReported, "USA", "NER", EventDate.Month(2023, 12), count: 1000);

        var entries = Relationship.Timeline(UsNiger, s.Reports, s.Supersessions);

        Assert.Equal(2, entries.Count);
        Assert.Equal([entries[1].Id], entries[0].ConflictsWith);
        Assert.Equal([entries[0].Id], entries[1].ConflictsWith);
    }

    [Fact]
    public void months_next_to_each_other_conflict_for_a_one_off_event()
    {
        var s = new Scenario();
        s.Report(Article("x1", "Outlet A", D("2023-09-01")), WorldEventType.CoupOccurred, "NER", null, EventDate.Month(2023, 7));
        s.Report(Article("x2", "Outlet B", D("2023-09-01")), WorldEventType.CoupOccurred, "NER", null, EventDate.Day(D("2023-08-02")));

        var entries = Relationship.Timeline(UsNiger, s.Reports, s.Supersessions);

        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Single(e.ConflictsWith));
    }

    [Fact]
    public void one_article_giving_two_dates_describes_two_events()
    {
        var s = new Scenario();
        var a = Article("x1", "Outlet A", D("2024-03-20"));
        s.Report(a, WorldEventType.DelegationVisited, "USA", "NER", EventDate.Day(D("2024-03-12")));
        s.Report(a, WorldEventType.DelegationVisited, "USA", "NER", EventDate.Day(D("2024-03-14")));

        Assert.All(Relationship.Timeline(UsNiger, s.Reports, s.Supersessions), e => Assert.Empty(e.ConflictsWith));
    }

    [Fact]
    public void entry_ids_do_not_depend_on_the_order_reports_are_read_in()
    {
        var s = new Scenario();
        s.Report(Article("a0", "RT", D("2023-12-15")), WorldEventType.CoupOccurred, "NER", null, EventDate.Day(D("2023-07-26")));
        s.Report(Article("a1", "Antiwar", D("2023-12-13")), WorldEventType.CoupOccurred, "NER", null, EventDate.Month(2023, 7));
        s.Report(Article("a1", "Antiwar", D("2023-12-13")), WorldEventType.TroopPresenceReported, "USA", "NER", EventDate.Month(2023, 12), count: 648);
        s.Report(Article("a2", "Other", D("2023-12-16")), WorldEventType.TroopPresenceReported, "USA", "NER", EventDate.Month(2023, 12), count: 648);

        var forward = Relationship.Timeline(UsNiger, s.Reports, s.Supersessions);
        var backward = Relationship.Timeline(UsNiger, Enumerable.Reverse(s.Reports), s.Supersessions);

        Assert.Equal(forward.Select(e => e.Id), backward.Select(e => e.Id));
        Assert.Equal(forward.Select(e => e.SourceCount), backward.Select(e => e.SourceCount));
        Assert.Equal(2, forward.Count);
    }

    [Fact]
    public void unknown_publishers_and_fingerprints_do_not_make_articles_one_source()
    {
        var s = new Scenario();
        s.Report(new ArticleSource("x1", null, null, D("2024-03-17"), null, ""), WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")));
        s.Report(new ArticleSource("x2", null, null, D("2024-03-18"), null, ""), WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")));

        Assert.Equal(2, Assert.Single(Relationship.Timeline(UsNiger, s.Reports, s.Supersessions)).IndependentSources);
    }
}
