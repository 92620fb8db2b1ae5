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
}
