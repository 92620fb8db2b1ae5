using Marten;
using Monitoring.Notifications.Detection;
using Monitoring.Notifications.Feed;
using Monitoring.Notifications.Subscriptions;
using Wolverine;
using Wolverine.Attributes;

namespace Monitoring.Notifications.Webhooks;

/// <summary>Fans a recorded change out to the webhook subscriptions whose filter it matches.</summary>
public static class RelationshipChangedHandler
{
    /// <summary>Transactional: the pending deliveries and their messages commit together (Wolverine's outbox).</summary>
    [Transactional]
    public static async Task<OutgoingMessages> Handle(RelationshipChanged change, IDocumentSession session, ChangeSignal signal, TimeProvider clock, CancellationToken ct)
    {
        signal.Pulse();
        var messages = new OutgoingMessages();
        var subscriptions = await session.Query<NotificationSubscription>().Where(s => !s.Paused).ToListAsync(ct);
        foreach (var subscription in subscriptions.Where(s => s.Filter.Matches(change)))
        {
            var id = WebhookDelivery.IdOf(subscription.Id, change.Id);
            if (await session.LoadAsync<WebhookDelivery>(id, ct) is not null) continue;
            session.Store(new WebhookDelivery { Id = id, SubscriptionId = subscription.Id, ChangeId = change.Id, Status = DeliveryStatus.Pending, CreatedAt = clock.GetUtcNow() });
            messages.Add(new DeliverWebhook(id));
        }
        return messages;
    }
}
