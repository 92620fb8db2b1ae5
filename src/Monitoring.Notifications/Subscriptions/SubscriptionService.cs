using Marten;
using Monitoring.Notifications.Webhooks;
using Wolverine;

namespace Monitoring.Notifications.Subscriptions;

/// <summary>
/// Webhook subscriptions and their deliveries as both faces manage them (<c>/subscriptions</c>, <c>monitor subscriptions</c>):
/// the same validation (with the configured private-address rule), the same clock, the same sessions.
/// </summary>
public sealed class SubscriptionService(IDocumentStore store, NotificationSettings settings, TimeProvider clock)
{
    public Dictionary<string, string[]> Validate(CreateSubscription request) => SubscriptionManagement.Validate(request, settings.AllowPrivateUrls);

    public async Task<NotificationSubscription> CreateAsync(CreateSubscription request, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        return await SubscriptionManagement.CreateAsync(session, request, clock, ct, settings.SecretsKey);
    }

    public async Task<IReadOnlyList<NotificationSubscription>> ListAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await SubscriptionManagement.ListAsync(session, ct);
    }

    /// <summary>By id, or by a unique id prefix as the CLI prints it.</summary>
    public async Task<NotificationSubscription?> FindAsync(string idOrPrefix, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await SubscriptionManagement.FindAsync(session, idOrPrefix, ct);
    }

    public async Task<NotificationSubscription?> SetPausedAsync(Guid id, bool paused, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        return await SubscriptionManagement.SetPausedAsync(session, id, paused, ct);
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        return await SubscriptionManagement.DeleteAsync(session, id, ct);
    }

    /// <summary>The subscription's delivery history; null when there is no such subscription.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>?> DeliveriesAsync(Guid subscriptionId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        if (await session.LoadAsync<NotificationSubscription>(subscriptionId, ct) is null) return null;
        return await Deliveries.OfAsync(session, subscriptionId, ct);
    }

    public async Task<WebhookDelivery?> DeliveryAsync(Guid deliveryId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<WebhookDelivery>(deliveryId, ct);
    }

    /// <summary>Queues a delivery again (same delivery id); null when there is no such delivery.</summary>
    public async Task<WebhookDelivery?> ResendAsync(Guid deliveryId, IMessageBus bus, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        return await Deliveries.ResendAsync(session, bus, deliveryId, ct);
    }

    /// <summary>
    /// The delivery once it has one attempt more than <paramref name="before"/>, or as it stands after <paramref name="patience"/>:
    /// the CLI's resend waits briefly to tell the outcome. The attempt is recorded by the delivery handler, possibly in
    /// another process, so the store is asked again each quarter of a second.
    /// </summary>
    public async Task<WebhookDelivery?> AttemptAfterAsync(WebhookDelivery before, TimeSpan patience, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + patience;
        WebhookDelivery? now = before;
        while (clock.GetUtcNow() < deadline)
        {
            now = await DeliveryAsync(before.Id, ct);
            if (now is not null && now.Attempts.Count > before.Attempts.Count) break;
            await Task.Delay(TimeSpan.FromMilliseconds(250), clock, ct);
        }
        return now;
    }
}
