using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.Domain.Review;
using Monitoring.Store.Articles;
using Monitoring.Store.Relationships;
using Monitoring.Store.Review;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace Monitoring.Notifications.Detection;

/// <summary>
/// Turns newly recorded reports into <see cref="RelationshipChanged"/> messages. It runs in Marten's async daemon:
/// events arrive in store-sequence order, on one node at a time (Wolverine-managed distribution), and the stored changes, the
/// outbox messages and the subscription's progress commit in one transaction, so each change is recorded and
/// published once, in order, even after a crash or with several nodes.
/// </summary>
public sealed class ChangeDetectionSubscription : BatchSubscription
{
    public const string Name = "RelationshipChanges";

    public ChangeDetectionSubscription() : base(Name)
    {
        IncludeType<EventReported>();
        IncludeType<ArticleReextracted>();
        IncludeType<CorrectionRecorded>();
    }

    public override async Task ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations,
        IMessageBus bus, CancellationToken cancellationToken)
    {
        // The history of these events must be whole before it is read: a bulk import writes its events, then their
        // documents; whatever of them is not written yet, the projection writes now (the same documents).
        await RelationshipHistoryProjection.CompleteAsync(operations.DocumentStore, page.Events, cancellationToken);
        foreach (var batch in Batches(page.Events))
        {
            foreach (var change in await DetectAsync(operations, batch, cancellationToken))
            {
                operations.Store(change);
                await bus.PublishAsync(change);
            }
        }
    }

    /// <summary>
    /// The changes one batch of reports (consecutive events of one article stream: one ingestion or re-extraction)
    /// makes: for every affected relationship, the domain's state known before the batch (lower sequences) against
    /// the state known after it, compared by <c>ChangeDetection.Between</c>. Both states are of the history as corrected by
    /// the analysts' corrections in the same cut, so a batch of corrections (an analyst's stream) changes what they change,
    /// and the change names the correction as its cause.
    /// </summary>
    public static async Task<IReadOnlyList<RelationshipChanged>> DetectAsync(IQuerySession session, IReadOnlyList<IEvent> batch, CancellationToken ct)
    {
        var first = batch[0].Sequence;
        var last = batch[^1].Sequence;
        var changes = new List<RelationshipChanged>();
        foreach (var pair in await AffectedPairsAsync(session, batch, ct))
        {
            var history = await RelationshipQueries.LoadAsync(session, pair, ct);
            // Both states are cut by store sequence, not by time: reports of one transaction share a timestamp.
            var before = Relationship.StateOf(pair,
                Corrections.Apply(history.Reports.Where(r => r.Sequence < first), history.Corrections.Where(c => c.Sequence < first), null),
                history.Supersessions.Where(s => s.Sequence < first));
            var after = Relationship.StateOf(pair,
                Corrections.Apply(history.Reports.Where(r => r.Sequence <= last), history.Corrections.Where(c => c.Sequence <= last), null),
                history.Supersessions.Where(s => s.Sequence <= last));
            var correction = CorrectionOf(batch);
            foreach (var c in ChangeDetection.Between(before, after))
            {
                if (changes.Count >= 1000) throw new InvalidOperationException($"more than 1000 changes from events {first}..{last}");
                changes.Add(new RelationshipChanged(last * 1000 + changes.Count, pair.Id, c.Dimension, c.Side, c.Kind, c.StatusBefore, c.StatusAfter,
                    c.ValidFrom, batch[^1].Timestamp, c.Revision, c.CountBefore, c.CountAfter, c.ConfidenceBefore, c.ConfidenceAfter,
                    CausesOf(c, after, first), c.RevisesPublished, c.Contest, correction));
            }
        }
        return changes;
    }

    /// <summary>The new reports behind the causing entries; all their reports when none is new (a supersession).</summary>
    private static IReadOnlyList<ChangeCause> CausesOf(DimensionChange change, RelationshipState after, long first)
    {
        var entries = change.CausingEntries.Select(after.Entry).OfType<TimelineEntry>().ToList();
        var reports = entries.SelectMany(e => e.Reports.Select(r => (Entry: e, Report: r))).ToList();
        var fresh = reports.Where(x => x.Report.Sequence >= first).ToList();
        return (fresh.Count > 0 ? fresh : reports)
            .OrderBy(x => x.Report.Sequence)
            .Select(x => new ChangeCause(x.Report.EventId, x.Report.Sequence, x.Entry.Type, x.Report.ArticleId, x.Report.Publisher, x.Report.Url, x.Report.Published))
            .ToList();
    }

    /// <summary>The analyst's correction a batch records (its last, if several), for the change's cause; null for extraction.</summary>
    private static CorrectionCause? CorrectionOf(IReadOnlyList<IEvent> batch) =>
        batch.Select(e => e.Data).OfType<CorrectionRecorded>().LastOrDefault() is { } c
            ? new CorrectionCause(c.CorrectionId, c.Kind, c.Analyst, c.Reason, c.Key, c.Undoes)
            : null;

    private static async Task<IReadOnlyList<ActorPair>> AffectedPairsAsync(IQuerySession session, IReadOnlyList<IEvent> batch, CancellationToken ct)
    {
        var ids = batch.SelectMany(e => e.Data switch
        {
            EventReported r => r.HistoryIds(),
            ArticleReextracted x => x.AffectedHistories,
            CorrectionRecorded c => c.Histories,
            _ => [],
        }).Distinct().ToList();
        var pairs = new SortedSet<string>(ids.Where(id => id.Contains('-')), StringComparer.Ordinal);
        // A country's context (its coups) belongs to every relationship of that country.
        foreach (var country in ids.Where(id => !id.Contains('-')))
            foreach (var p in await RelationshipQueries.PairsAsync(session, country, ct))
                pairs.Add(p.Id);
        return pairs.Select(ActorPair.Parse).ToList();
    }

    private static IEnumerable<IReadOnlyList<IEvent>> Batches(IEnumerable<IEvent> events)
    {
        var batch = new List<IEvent>();
        foreach (var e in events.OrderBy(e => e.Sequence))
        {
            if (batch.Count > 0 && batch[^1].StreamKey != e.StreamKey)
            {
                yield return batch;
                batch = [];
            }
            batch.Add(e);
        }
        if (batch.Count > 0) yield return batch;
    }
}
