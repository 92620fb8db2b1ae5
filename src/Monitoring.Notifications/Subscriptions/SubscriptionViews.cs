namespace Monitoring.Notifications.Subscriptions;

/// <summary>What a listing shows of a subscription: everything but the secret.</summary>
public sealed record SubscriptionView(Guid Id, string Name, string Url, ChangeFilter Filter, bool Paused, DateTimeOffset CreatedAt)
{
    public static SubscriptionView Of(NotificationSubscription s) => new(s.Id, s.Name, s.Url, s.Filter, s.Paused, s.CreatedAt);
}

/// <summary>The answer to a creation: the only time the secret is shown.</summary>
public sealed record CreatedSubscription(Guid Id, string Name, string Url, ChangeFilter Filter, bool Paused, DateTimeOffset CreatedAt, string Secret)
{
    public static CreatedSubscription Of(NotificationSubscription s) => new(s.Id, s.Name, s.Url, s.Filter, s.Paused, s.CreatedAt, s.Secret);

    /// <summary>The secret as Standard Webhooks libraries take it (the same as <see cref="Secret"/> for secrets Monitor made).</summary>
    public string StandardWebhooksSecret => Webhooks.StandardWebhookSignature.LibrarySecret(Secret);
}
