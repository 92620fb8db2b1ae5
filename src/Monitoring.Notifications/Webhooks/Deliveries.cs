using Marten;
using Monitoring.Notifications.Detection;
using Wolverine;

namespace Monitoring.Notifications.Webhooks;

/// <summary>Delivery history and resending.</summary>
public static class Deliveries
{
    public static async Task<IReadOnlyList<WebhookDelivery>> OfAsync(IQuerySession session, Guid subscriptionId, CancellationToken ct) =>
        (await session.Query<WebhookDelivery>().Where(d => d.SubscriptionId == subscriptionId).ToListAsync(ct))
            .OrderBy(d => d.ChangeId).ToList();

    /// <summary>Marks the delivery pending again and queues it (same delivery id: receivers that already have it drop it).</summary>
    public static async Task<WebhookDelivery?> ResendAsync(IDocumentSession session, IMessageBus bus, Guid deliveryId, CancellationToken ct)
    {
        var delivery = await session.LoadAsync<WebhookDelivery>(deliveryId, ct);
        if (delivery is null) return null;
        delivery.Status = DeliveryStatus.Pending;
        delivery.Resends++;
        session.Store(delivery);
        await session.SaveChangesAsync(ct);
        await bus.PublishAsync(new DeliverWebhook(delivery.Id));
        return delivery;
    }

    /// <summary>Commit-to-webhook latency of every sent delivery: the receiver's 2xx answer minus the causing report's recorded time.</summary>
    public static async Task<IReadOnlyList<(long ChangeId, TimeSpan Latency)>> LatenciesAsync(IQuerySession session, CancellationToken ct)
    {
        var sent = await session.Query<WebhookDelivery>().Where(d => d.Status == DeliveryStatus.Sent).ToListAsync(ct);
        var changes = (await session.LoadManyAsync<RelationshipChanged>(ct, sent.Select(d => d.ChangeId).Distinct().ToArray())).ToDictionary(c => c.Id);
        return sent.Where(d => d.SentAt is not null && changes.ContainsKey(d.ChangeId))
            .Select(d => (d.ChangeId, d.SentAt!.Value - changes[d.ChangeId].RecordedAt))
            .OrderBy(x => x.ChangeId).ToList();
    }
}
