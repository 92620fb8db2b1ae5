using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using static Monitoring.Domain.Tests.Scenario;

namespace Monitoring.Domain.Tests;

public sealed class ChangeDetectionTests
{
    private static readonly ActorPair UsNiger = ActorPair.Of("USA", "NER");

    [Fact]
    public void a_first_report_changes_the_status_and_a_corroborating_one_only_the_confidence()
    {
        var s = new Scenario();
        var empty = s.StateOf(UsNiger);
        s.Report(Article("a", "Outlet A", D("2024-03-17")), WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")), area: "military");
        var first = s.StateOf(UsNiger);
        s.Report(Article("b", "Outlet B", D("2024-03-18")), WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")), area: "military");
        var second = s.StateOf(UsNiger);

        var denounced = Assert.Single(ChangeDetection.Between(empty, first), c => c.Dimension == Dimensions.Agreements);
        Assert.Equal(ChangeKind.Status, denounced.Kind);
        Assert.Equal("denounced", denounced.StatusAfter);
        Assert.Equal(D("2024-03-16"), denounced.ValidFrom.Value);
        Assert.All(ChangeDetection.Between(first, second), c => Assert.Equal(ChangeKind.Confidence, c.Kind));
        Assert.NotEmpty(ChangeDetection.Between(first, second));
    }

    [Fact]
    public void a_report_of_an_earlier_event_is_a_revision()
    {
        var s = new Scenario();
        s.Report(Article("a", "Outlet A", D("2024-03-19")), WorldEventType.TalksOpened, null, null, EventDate.Day(D("2024-03-14")), parties: ["NER", "USA"]);
        var before = s.StateOf(UsNiger);
        s.Report(Article("b", "Outlet B", D("2024-03-20")), WorldEventType.ThreatOfForce, "USA", "NER", EventDate.Day(D("2024-03-01")));
        var after = s.StateOf(UsNiger);

        Assert.Empty(ChangeDetection.Between(before, after));

        s.Report(Article("c", "Outlet C", D("2024-03-21")), WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")));
        var latest = s.StateOf(UsNiger);
        var change = Assert.Single(ChangeDetection.Between(after, latest), c => c.Dimension == Dimensions.Agreements);
        Assert.False(change.Revision);
    }

    [Fact]
    public void a_visit_changes_no_state()
    {
        var s = new Scenario();
        s.Report(Article("a", "Outlet A", D("2024-03-10")), WorldEventType.TalksOpened, null, null, EventDate.Day(D("2024-03-01")), parties: ["NER", "USA"]);
        var before = s.StateOf(UsNiger);
        s.Report(Article("b", "Outlet B", D("2024-03-19")), WorldEventType.DelegationVisited, "USA", "NER", EventDate.Day(D("2024-03-14")));
        var after = s.StateOf(UsNiger);

        Assert.Empty(ChangeDetection.Between(before, after));
        Assert.Equal("talks_opened", after.Dimension(Dimensions.Diplomatic)!.Status);
    }

    [Fact]
    public void an_older_event_that_leaves_the_current_status_standing_changes_nothing()
    {
        var s = new Scenario();
        s.Report(Article("a", "Outlet A", D("2024-03-19")), WorldEventType.CooperationResumptionAnnounced, "USA", "NER", EventDate.Day(D("2023-12-13")), Modality.Planned);
        var before = s.StateOf(UsNiger);
        s.Report(Article("b", "Outlet B", D("2024-03-20")), WorldEventType.CooperationSuspended, "USA", "NER", EventDate.Day(D("2023-08-04")));
        var after = s.StateOf(UsNiger);

        Assert.DoesNotContain(ChangeDetection.Between(before, after), c => c.Kind == ChangeKind.Status);
    }

    [Fact]
    public void a_retroactive_report_that_changes_the_status_is_marked_as_revision()
    {
        var s = new Scenario();
        s.Report(Article("a4", "All News", D("2024-03-18")), WorldEventType.TroopPresenceReported, "USA", "NER", EventDate.Day(D("2024-03-18")), count: 1000);
        var before = s.StateOf(UsNiger);
        s.Report(Article("a2", "Defence Connect", D("2024-03-19")), WorldEventType.WithdrawalDemanded, "NER", "USA", EventDate.Day(D("2024-03-16")));
        var after = s.StateOf(UsNiger);

        var change = Assert.Single(ChangeDetection.Between(before, after));
        Assert.Equal(ChangeKind.Status, change.Kind);
        Assert.Equal("present", change.StatusBefore);
        Assert.Equal("withdrawal_demanded", change.StatusAfter);
        Assert.True(change.Revision);
        Assert.Equal(D("2024-03-16"), change.ValidFrom.Value);
        Assert.Equal(1000, change.CountAfter);
    }

    [Fact]
    public void a_new_count_under_the_same_status_is_a_detail_change()
    {
        var s = new Scenario();
        s.Report(Article("a", "Outlet A", D("2023-09-30")), WorldEventType.TroopPresenceReported, "USA", "NER", EventDate.Month(2023, 9), count: 1100);
        var before = s.StateOf(UsNiger);
        s.Report(Article("b", "Outlet B", D("2023-12-15")), WorldEventType.TroopPresenceReported, "USA", "NER", EventDate.Month(2023, 12), count: 648);

        var change = Assert.Single(ChangeDetection.Between(before, s.StateOf(UsNiger)));

        Assert.Equal(ChangeKind.Detail, change.Kind);
        Assert.Equal(1100, change.CountBefore);
        Assert.Equal(648, change.CountAfter);
        Assert.False(change.Revision);
    }

    [Fact]
    public void a_superseded_extraction_that_empties_a_dimension_is_a_revision_to_none()
    {
        var s = new Scenario();
        s.Report(Article("a", "Outlet A", D("2024-03-17")), WorldEventType.AmbassadorExpelled, "NER", "USA", EventDate.Day(D("2024-03-16")), version: "1");
        var before = s.StateOf(UsNiger);
        s.Supersede("a", "1", "2");
        var after = s.StateOf(UsNiger);

        var change = Assert.Single(ChangeDetection.Between(before, after));
        Assert.Equal(ChangeKind.Status, change.Kind);
        Assert.Equal("ambassador_expelled", change.StatusBefore);
        Assert.Equal(ChangeDetection.None, change.StatusAfter);
        Assert.True(change.Revision);
    }

    [Fact]
    public void a_corrected_date_moves_the_status_date_and_names_the_new_entry()
    {
        var s = new Scenario();
        var a = Article("a", "Outlet A", D("2024-03-17"));
        s.Report(a, WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-15")), version: "1");
        var before = s.StateOf(UsNiger);
        s.Supersede("a", "1", "2");
        var corrected = s.Report(a, WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")), version: "2");
        var after = s.StateOf(UsNiger);

        var change = Assert.Single(ChangeDetection.Between(before, after), c => c.Dimension == Dimensions.Agreements);
        Assert.Equal(ChangeKind.Status, change.Kind);
        Assert.Equal("denounced", change.StatusAfter);
        Assert.Equal(D("2024-03-16"), change.ValidFrom.Value);
        Assert.Equal(corrected.EventId, after.Entry(Assert.Single(change.CausingEntries))!.Reports.Single().EventId);
    }

    [Fact]
    public void a_corroborating_report_with_a_more_precise_date_refines_the_date_without_a_status_change()
    {
        var s = new Scenario();
        s.Report(Article("a2", "Defence Connect", D("2024-03-19")), WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Month(2024, 3), area: "military");
        var before = s.StateOf(UsNiger);
        s.Report(Article("a3", "Naija News", D("2024-03-17")), WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")), area: "military");
        var after = s.StateOf(UsNiger);

        var changes = ChangeDetection.Between(before, after);

        Assert.DoesNotContain(changes, c => c.Kind == ChangeKind.Status);
        var refined = Assert.Single(changes, c => c.Dimension == Dimensions.Agreements);
        Assert.Equal(ChangeKind.Detail, refined.Kind);
        Assert.Equal(EventDate.Day(D("2024-03-16")), refined.ValidFrom);
        Assert.True(refined.ConfidenceAfter > refined.ConfidenceBefore);
    }
}
