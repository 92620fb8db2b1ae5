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
        s.Report(Article("a", "Outlet A", D("2024-03-19")), WorldEventType.DelegationVisited, "USA", "NER", EventDate.Day(D("2024-03-14")));
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
    public void an_earlier_status_in_a_known_dimension_is_marked_as_revision()
    {
        var s = new Scenario();
        s.Report(Article("a", "Outlet A", D("2024-03-19")), WorldEventType.CooperationResumptionAnnounced, "USA", "NER", EventDate.Day(D("2023-12-13")), Modality.Planned);
        var before = s.StateOf(UsNiger);
        s.Report(Article("b", "Outlet B", D("2024-03-20")), WorldEventType.CooperationSuspended, "USA", "NER", EventDate.Day(D("2023-08-04")));
        var after = s.StateOf(UsNiger);

        // The suspension is older than the announcement: the current status does not change, nothing to notify.
        Assert.DoesNotContain(ChangeDetection.Between(before, after), c => c.Kind == ChangeKind.Status);
    }
}
