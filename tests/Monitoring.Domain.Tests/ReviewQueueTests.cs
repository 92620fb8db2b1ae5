using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.Domain.Review;
using static Monitoring.Domain.Tests.Scenario;

namespace Monitoring.Domain.Tests;

public sealed class ReviewQueueTests
{
    private static readonly ActorPair UsNiger = ActorPair.Of("USA", "NER");

    [Fact]
    public void a_state_decided_on_a_single_source_ranks_above_a_low_confidence_corroborated_event()
    {
        var s = new Scenario();
        // Corroborated by three outlets, one of them unsure.
        s.Report(Article("a", "Outlet A", D("2024-03-17")), WorldEventType.CooperationSuspended, "USA", "NER", EventDate.Day(D("2023-08-04")), area: "aid", confidence: 0.5);
        s.Report(Article("b", "Outlet B", D("2024-03-17")), WorldEventType.CooperationSuspended, "USA", "NER", EventDate.Day(D("2023-08-04")), area: "aid");
        s.Report(Article("c", "Outlet C", D("2024-03-17")), WorldEventType.CooperationSuspended, "USA", "NER", EventDate.Day(D("2023-08-04")), area: "aid");
        // One source decides the agreements.
        var single = s.Report(Article("d", "Outlet D", D("2024-03-17")), WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")));
        // Well sourced, dated to the day, confident: not queued.
        var queue = ReviewQueue.Of([s.StateOf(UsNiger)], [], []);

        Assert.Equal(2, queue.Count);
        Assert.Equal(ReportedEventKey.Of(single).ToString(), queue[0].Key);
        Assert.Equal([ReviewReason.SingleSource], queue[0].Reasons);
        // A denunciation decides two dimensions (the agreements, and security cooperation terminated), each wholly.
        Assert.Equal(2, queue[0].Weight);
        Assert.Equal("a", queue[1].ArticleId);
        Assert.Equal([ReviewReason.LowConfidence], queue[1].Reasons);
        Assert.Equal(0.3333, queue[1].Weight);
    }

    [Fact]
    public void an_event_whose_actor_was_read_from_context_enters_the_queue_and_its_named_twin_does_not()
    {
        var s = new Scenario();
        // Two outlets, one event: in one the partner came from "the former colonial power" (inferred), in the other it is named.
        s.Report(Article("f", "Outlet F", D("2024-05-02")), WorldEventType.AmbassadorRecalled, "DZA", "FRA", EventDate.Day(D("2024-05-01")), actorsInferred: true);
        s.Report(Article("g", "Outlet G", D("2024-05-02")), WorldEventType.AmbassadorRecalled, "DZA", "FRA", EventDate.Day(D("2024-05-01")));

        var queue = ReviewQueue.Of([s.StateOf(ActorPair.Of("FRA", "DZA"))], [], []);

        var item = Assert.Single(queue);
        Assert.Equal("f", item.ArticleId);
        Assert.Equal([ReviewReason.InferredActor], item.Reasons);
    }

    [Fact]
    public void a_confirmed_event_leaves_the_queue_and_an_approximate_date_enters_it()
    {
        var s = new Scenario();
        var single = s.Report(Article("d", "Outlet D", D("2024-03-17")), WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")));
        s.Report(Article("e", "Outlet E", D("2024-03-17")), WorldEventType.DelegationVisited, "USA", "NER", EventDate.Month(2024, 3));
        var confirm = new Correction(Guid.NewGuid(), CorrectionKind.Confirmed, "alice", "read it", 99, DateTimeOffset.UnixEpoch, ReportedEventKey.Of(single));

        var queue = ReviewQueue.Of([s.StateOf(UsNiger)], [confirm], []);

        var item = Assert.Single(queue);
        Assert.Equal(WorldEventType.DelegationVisited, item.Type);
        Assert.Equal([ReviewReason.ApproximateDate], item.Reasons);
        Assert.Equal(0, item.Weight);
    }

    [Fact]
    public void a_correction_no_longer_extracted_comes_first()
    {
        var s = new Scenario();
        var single = s.Report(Article("d", "Outlet D", D("2024-03-17")), WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")));
        var gone = new Correction(Guid.NewGuid(), CorrectionKind.Retracted, "alice", "wrong", 99, DateTimeOffset.UnixEpoch,
            new ReportedEventKey("z", 2, WorldEventType.TiesSevered, "NER>USA"));

        var queue = ReviewQueue.Of([s.StateOf(UsNiger)], [gone], [gone]);

        Assert.Equal([ReviewReason.NoLongerExtracted], queue[0].Reasons);
        Assert.Equal(gone.Id, queue[0].Correction);
        Assert.Equal(ReportedEventKey.Of(single).ToString(), queue[1].Key);
    }
}
