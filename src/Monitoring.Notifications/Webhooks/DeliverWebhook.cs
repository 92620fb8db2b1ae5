using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.Hosting;
using Monitoring.Notifications.Detection;
using Monitoring.Notifications.Subscriptions;
using Wolverine;

namespace Monitoring.Notifications.Webhooks;

/// <summary>Deliver (or redeliver) one webhook delivery. Runs on a durable local queue, retried with backoff.</summary>
public sealed record DeliverWebhook(Guid DeliveryId);

/// <summary>The receiver failed or could not be reached; Wolverine's retry policy schedules the next attempt.</summary>
public sealed class WebhookDeliveryFailed(string message) : Exception(message);

/// <summary>
/// The service stopped before the receiver answered, past <see cref="NotificationSettings.StopGrace"/>: the delivery goes back
/// to its durable queue (not a failure of the receiver, never dead-lettered for it).
/// </summary>
public sealed class WebhookDeliveryInterrupted(string message) : Exception(message);

/// <summary>
/// The end of the grace deliveries in flight have once the host begins stopping. Wolverine waits for its in-flight handlers
/// before it hands their messages back to the store, and cancels their token only after that, so without this a receiver
/// that never answers would hold the stop for the whole HTTP timeout.
/// </summary>
public sealed class DeliveryGrace : IDisposable
{
    private readonly CancellationTokenSource _over = new();
    private readonly CancellationTokenRegistration _stopping;

    public DeliveryGrace(IHostApplicationLifetime lifetime, NotificationSettings settings) =>
        _stopping = lifetime.ApplicationStopping.Register(() => _over.CancelAfter(settings.StopGrace));

    public CancellationToken Over => _over.Token;

    public void Dispose()
    {
        _stopping.Dispose();
        _over.Dispose();
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
        Envelope envelope, TimeProvider clock, DeliveryGrace grace, CancellationToken ct)
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
        var started = clock.GetUtcNow();
        var secret = SubscriptionsSecret(subscription, settings);
        int? status;
        string? error;
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct, grace.Over);
        try
        {
            (status, error) = await PostAsync(clients.CreateClient(HttpClientName), subscription, secret, delivery, change, number, clock, attempt.Token);
        }
        catch (OperationCanceledException) when (grace.Over.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // Said in the history, and retryable: the same delivery id goes out again from the queue at the next start.
            delivery.Attempts.Add(new DeliveryAttempt(number, started, null, "interrupted: the service stopped before the receiver answered",
                (clock.GetUtcNow() - started).TotalMilliseconds));
            delivery.Status = DeliveryStatus.Retrying;
            session.Store(delivery);
            await session.SaveChangesAsync(ct);
            throw new WebhookDeliveryInterrupted($"delivery {delivery.Id}: the service stopped before the receiver answered");
        }
        delivery.Attempts.Add(new DeliveryAttempt(number, started, status, error, (clock.GetUtcNow() - started).TotalMilliseconds));
        if (error is null)
        {
            delivery.Status = DeliveryStatus.Sent;
            delivery.SentAt = clock.GetUtcNow();
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

    /// <summary>The secret to sign with, opened from its sealed form when MONITOR_SECRETS_KEY is set.</summary>
    private static string SubscriptionsSecret(NotificationSubscription subscription, NotificationSettings settings) =>
        SecretBox.Open(subscription.Secret, settings.SecretsKey);

    private static async Task<(int? Status, string? Error)> PostAsync(HttpClient client, NotificationSubscription subscription, string secret, WebhookDelivery delivery,
        RelationshipChanged change, int attempt, TimeProvider clock, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(new WebhookPayload(delivery.Id, "relationship.changed", subscription.Id, change), NotificationJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.HeaderValue(secret, timestamp, body));
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.Id.ToString());
        // The same signature in the Standard Webhooks scheme, for receivers that verify with its published libraries.
        var id = delivery.Id.ToString();
        request.Headers.Add(StandardWebhookSignature.IdHeader, id);
        request.Headers.Add(StandardWebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(StandardWebhookSignature.SignatureHeader, StandardWebhookSignature.Sign(secret, id, timestamp, body));
        request.Headers.Add(WebhookSignature.AttemptHeader, attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.EventHeader, "relationship.changed");
        try
        {
            // Headers only: the receiver's body is never read, so no answer can fill memory.
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            return response.IsSuccessStatusCode ? ((int)response.StatusCode, null) : ((int)response.StatusCode, $"HTTP {(int)response.StatusCode}");
        }
        catch (HttpRequestException e)
        {
            // Said without the host or port tried: delivery errors are shown to whoever made the subscription.
            return (null, Monitoring.Feeds.Outbound.OutboundAddresses.Describe(e));
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, "timed out");
        }
    }
}
