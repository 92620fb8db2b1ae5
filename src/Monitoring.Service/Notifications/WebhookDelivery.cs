using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marten;
using Wolverine;
using Wolverine.Attributes;

namespace Monitoring.Service.Notifications;

public enum DeliveryStatus { Pending, Retrying, Sent, DeadLettered, Skipped }

public sealed record DeliveryAttempt(int Number, DateTimeOffset At, int? HttpStatus, string? Error, double Milliseconds);

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

/// <summary>Deliver (or redeliver) one webhook delivery. Runs on a durable local queue, retried with backoff.</summary>
public sealed record DeliverWebhook(Guid DeliveryId);

/// <summary>The receiver failed or could not be reached; Wolverine's retry policy schedules the next attempt.</summary>
public sealed class WebhookDeliveryFailed(string message) : Exception(message);

/// <summary>What a webhook receiver gets as the request body.</summary>
public sealed record WebhookPayload(Guid Id, string Type, Guid SubscriptionId, RelationshipChanged Change);

public static class NotificationJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}

/// <summary>Fans a recorded change out to the webhook subscriptions whose filter it matches.</summary>
public static class RelationshipChangedHandler
{
    /// <summary>Transactional: the pending deliveries and their messages commit together (Wolverine's outbox).</summary>
    [Transactional]
    public static async Task<OutgoingMessages> Handle(RelationshipChanged change, IDocumentSession session, ChangeSignal signal, CancellationToken ct)
    {
        signal.Pulse();
        var messages = new OutgoingMessages();
        var subscriptions = await session.Query<NotificationSubscription>().Where(s => !s.Paused).ToListAsync(ct);
        foreach (var subscription in subscriptions.Where(s => s.Filter.Matches(change)))
        {
            var id = WebhookDelivery.IdOf(subscription.Id, change.Id);
            if (await session.LoadAsync<WebhookDelivery>(id, ct) is not null) continue;
            session.Store(new WebhookDelivery { Id = id, SubscriptionId = subscription.Id, ChangeId = change.Id, Status = DeliveryStatus.Pending, CreatedAt = DateTimeOffset.UtcNow });
            messages.Add(new DeliverWebhook(id));
        }
        return messages;
    }
}

/// <summary>Posts one delivery. Failure throws <see cref="WebhookDeliveryFailed"/>: the retry and dead-letter policy is in <see cref="NotificationsModule"/>.</summary>
public static class DeliverWebhookHandler
{
    public const string HttpClientName = "webhooks";

    /// <remarks>
    /// The history is written with a session of its own: a Wolverine-enlisted session would mark the incoming envelope
    /// handled on commit, and a failed attempt could then not be retried.
    /// </remarks>
    public static async Task Handle(DeliverWebhook command, IDocumentStore store, IHttpClientFactory clients, NotificationSettings settings,
        Envelope envelope, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var delivery = await session.LoadAsync<WebhookDelivery>(command.DeliveryId, ct);
        if (delivery is null || delivery.Status is DeliveryStatus.Sent or DeliveryStatus.Skipped) return;
        var subscription = await session.LoadAsync<NotificationSubscription>(delivery.SubscriptionId, ct);
        var change = await session.LoadAsync<RelationshipChanged>(delivery.ChangeId, ct);
        if (subscription is null || change is null)
        {
            delivery.Status = DeliveryStatus.Skipped;
            session.Store(delivery);
            await session.SaveChangesAsync(ct);
            return;
        }

        var number = delivery.Attempts.Count + 1;
        var started = DateTimeOffset.UtcNow;
        var (status, error) = await PostAsync(clients.CreateClient(HttpClientName), subscription, delivery, change, number, ct);
        delivery.Attempts.Add(new DeliveryAttempt(number, started, status, error, (DateTimeOffset.UtcNow - started).TotalMilliseconds));
        if (error is null)
        {
            delivery.Status = DeliveryStatus.Sent;
            delivery.SentAt = DateTimeOffset.UtcNow;
        }
        else
        {
            // Wolverine counts this envelope's attempts; past the last retry delay it goes to the dead-letter queue.
            delivery.Status = envelope.Attempts > settings.RetryDelays.Count ? DeliveryStatus.DeadLettered : DeliveryStatus.Retrying;
        }
        session.Store(delivery);
        await session.SaveChangesAsync(ct);
        if (error is not null) throw new WebhookDeliveryFailed($"delivery {delivery.Id} to {subscription.Url}: {error}");
    }

    private static async Task<(int? Status, string? Error)> PostAsync(HttpClient client, NotificationSubscription subscription, WebhookDelivery delivery,
        RelationshipChanged change, int attempt, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(new WebhookPayload(delivery.Id, "relationship.changed", subscription.Id, change), NotificationJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.HeaderValue(subscription.Secret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body));
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.Id.ToString());
        request.Headers.Add(WebhookSignature.AttemptHeader, attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.EventHeader, "relationship.changed");
        try
        {
            using var response = await client.SendAsync(request, ct);
            return response.IsSuccessStatusCode ? ((int)response.StatusCode, null) : ((int)response.StatusCode, $"HTTP {(int)response.StatusCode}");
        }
        catch (HttpRequestException e)
        {
            return (null, e.Message);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, "timed out");
        }
    }
}

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
