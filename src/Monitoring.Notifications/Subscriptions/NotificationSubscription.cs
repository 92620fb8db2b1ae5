
namespace Monitoring.Notifications.Subscriptions;

/// <summary>A webhook subscription: changes matching the filter are POSTed, signed, to the URL.</summary>
public sealed class NotificationSubscription
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public ChangeFilter Filter { get; set; } = ChangeFilter.Everything;
    public string Url { get; set; } = "";
    /// <summary>
    /// HMAC key for the signature headers; stored because signing needs it (sealed when MONITOR_SECRETS_KEY is set, see
    /// <see cref="SecretBox"/>), shown only at creation.
    /// </summary>
    public string Secret { get; set; } = "";
    public bool Paused { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed record CreateSubscription(string Name, string Url, ChangeFilter? Filter = null, string? Secret = null);
