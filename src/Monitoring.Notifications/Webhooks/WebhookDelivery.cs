using System.Security.Cryptography;
using System.Text;

namespace Monitoring.Notifications.Webhooks;

/// <summary>One change owed to one webhook subscription, with every attempt: the delivery history.</summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; }
    public Guid SubscriptionId { get; set; }
    public long ChangeId { get; set; }
    public DeliveryStatus Status { get; set; }
    public List<DeliveryAttempt> Attempts { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the receiver answered 2xx: with the change's RecordedAt, the commit-to-webhook latency.</summary>
    public DateTimeOffset? SentAt { get; set; }
    public int Resends { get; set; }

    /// <summary>Deterministic, so that a replayed fan-out names the same delivery and the receiver can drop repeats.</summary>
    public static Guid IdOf(Guid subscriptionId, long changeId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{subscriptionId:N}/{changeId}")).AsSpan(0, 16));
}
