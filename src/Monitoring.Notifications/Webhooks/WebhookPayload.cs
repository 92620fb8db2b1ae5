using System.Text.Json;
using Monitoring.Notifications.Detection;
using Monitoring.Store;

namespace Monitoring.Notifications.Webhooks;

/// <summary>What a webhook receiver gets as the request body.</summary>
public sealed record WebhookPayload(Guid Id, string Type, Guid SubscriptionId, RelationshipChanged Change);

/// <summary>The JSON of webhooks and change streams: <see cref="MonitorJson"/>'s.</summary>
public static class NotificationJson
{
    public static readonly JsonSerializerOptions Options = MonitorJson.Options;
}
