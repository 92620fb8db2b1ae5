using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using static Monitoring.Domain.Tests.Scenario;

namespace Monitoring.Domain.Tests;

public sealed class TwoClockTests
{
    private static readonly ActorPair UsNiger = ActorPair.Of("USA", "NER");

    [Fact]
    public void known_at_hides_reports_recorded_later_whatever_their_valid_date()
    {
        var s = new Scenario();
        var first = s.Report(Article("a", "Outlet A", D("2024-03-17")), WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")));
        s.Report(Article("b", "Outlet B", D("2024-03-25")), WorldEventType.CooperationSuspended, "USA", "NER", EventDate.Day(D("2023-08-04")), area: "aid");
        s.Report(Article("c", "Outlet C", D("2024-03-26")), WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")));

        var then = s.StateOf(UsNiger, asOf: D("2024-01-01"), recordedAt: first.RecordedAt);
        var thenEntry = Assert.Single(s.StateOf(UsNiger, recordedAt: first.RecordedAt).Entries);
        var now = s.StateOf(UsNiger, asOf: D("2024-01-01"));

        Assert.Empty(then.Dimensions);
        Assert.Equal(1, thenEntry.SourceCount);
        Assert.Equal("suspended", now.Dimension(Dimensions.DevelopmentAid)!.Status);
        Assert.Equal(2, Assert.Single(Relationship.Timeline(UsNiger, s.Reports, s.Supersessions), e => e.Type == WorldEventType.AgreementDenounced).SourceCount);
    }

    [Fact]
    public void a_supersession_applies_from_its_recorded_time_to_its_article_and_version_only()
    {
        var s = new Scenario();
        var old = s.Report(Article("a", "Outlet A", D("2024-03-17")), WorldEventType.AmbassadorExpelled, "NER", "USA", EventDate.Day(D("2024-03-16")), version: "1");
        s.Report(Article("b", "Outlet B", D("2024-03-18")), WorldEventType.TroopPresenceReported, "USA", "NER", EventDate.Day(D("2024-03-18")), count: 1000, version: "1");
        var supersession = s.Supersede("a", "1", "2");

        var before = s.StateOf(UsNiger, recordedAt: supersession.RecordedAt.AddTicks(-1));
        var after = s.StateOf(UsNiger, recordedAt: supersession.RecordedAt);

        Assert.Equal("ambassador_expelled", before.Dimension(Dimensions.Diplomatic)!.Status);
        Assert.Null(after.Dimension(Dimensions.Diplomatic));
        Assert.Equal(1000, after.Dimension("troop_presence:USA")!.Count);
        Assert.True(old.RecordedAt < supersession.RecordedAt);
    }
}
