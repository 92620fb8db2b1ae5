using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using static Monitoring.Domain.Tests.Scenario;

namespace Monitoring.Domain.Tests;

public sealed class PublicationClockTests
{
    private static readonly ActorPair UsNiger = ActorPair.Of("USA", "NER");

    [Fact]
    public void an_article_without_a_publication_date_counts_as_published_when_recorded_and_says_so()
    {
        var s = new Scenario();
        var undated = Article("x", "Outlet X", D("1970-01-01")) with { PublicationUnstated = true };
        var r = s.Report(undated, WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2023-12-01")));
        var recordedDay = DateOnly.FromDateTime(r.RecordedAt.UtcDateTime);

        Assert.Empty(Relationship.StateOf(UsNiger, s.Reports, s.Supersessions, new Clocks(KnownAt: recordedDay.AddDays(-1))).Dimensions);
        var state = Relationship.StateOf(UsNiger, s.Reports, s.Supersessions, new Clocks(KnownAt: recordedDay));
        var report = Assert.Single(Assert.Single(state.Entries).Reports);
        Assert.Equal(recordedDay, report.Published);
        Assert.True(report.PublicationUnstated);
    }

    [Fact]
    public void the_timeline_takes_the_three_clocks()
    {
        var s = new Scenario();
        s.Report(Article("a", "Outlet A", D("2024-03-17")), WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")));
        s.Report(Article("b", "Outlet B", D("2023-12-14")), WorldEventType.CooperationResumptionAnnounced, "USA", "NER", EventDate.Day(D("2023-12-13")), Modality.Planned);

        Assert.Single(Relationship.Timeline(UsNiger, s.Reports, s.Supersessions, new Clocks(KnownAt: D("2023-12-31"))));
        Assert.Single(Relationship.Timeline(UsNiger, s.Reports, s.Supersessions, new Clocks(AsOf: D("2024-01-01"))));
        Assert.Single(Relationship.Timeline(UsNiger, s.Reports, s.Supersessions, new Clocks(RecordedAt: s.Reports[0].RecordedAt)));
        Assert.Equal(2, Relationship.Timeline(UsNiger, s.Reports, s.Supersessions, Clocks.Now).Count);
    }

    [Theory]
    [InlineData("2024-03-19", true)]
    [InlineData("2024-03-16", false)]
    public void a_change_revises_what_had_been_published_only_when_later_news_had_been_published_before_it(string published, bool revisesPublished)
    {
        var s = new Scenario();
        s.Report(Article("a4", "All News", D("2024-03-18")), WorldEventType.TroopPresenceReported, "USA", "NER", EventDate.Day(D("2024-03-18")), count: 1000);
        var before = s.StateOf(UsNiger);
        // Recorded after the troop count either way: published after it (news about the past), or before it (an archive
        // imported newest first).
        s.Report(Article("a2", "Defence Connect", D(published)), WorldEventType.WithdrawalDemanded, "NER", "USA", EventDate.Day(D("2024-03-16")));
        var after = s.StateOf(UsNiger);

        var change = Assert.Single(ChangeDetection.Between(before, after));
        Assert.Equal("withdrawal_demanded", change.StatusAfter);
        Assert.True(change.Revision);
        Assert.Equal(revisesPublished, change.RevisesPublished);
    }

    [Fact]
    public void changes_between_two_clocks_are_detected_on_the_same_reports()
    {
        var s = new Scenario();
        s.Report(Article("a", "Outlet A", D("2023-12-14")), WorldEventType.CooperationResumptionAnnounced, "USA", "NER", EventDate.Day(D("2023-12-13")), Modality.Planned);
        s.Report(Article("b", "Outlet B", D("2024-03-17")), WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")));

        var changes = ChangeDetection.Between(UsNiger, s.Reports, s.Supersessions, new Clocks(KnownAt: D("2023-12-31")), new Clocks(KnownAt: D("2024-03-18")));

        Assert.Contains(changes, c => c.Dimension == Dimensions.SecurityCooperation && c.StatusBefore == "resumption_announced" && c.StatusAfter == "terminated");
        Assert.Contains(changes, c => c.Dimension == Dimensions.Agreements && c.StatusBefore is null && c.StatusAfter == "denounced");
    }
}
