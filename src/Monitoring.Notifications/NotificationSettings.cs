using Microsoft.Extensions.Configuration;
using Monitoring.Feeds.Outbound;
namespace Monitoring.Notifications;

/// <summary>Timings of notifications (tests shorten them) and where webhooks may go.</summary>
public sealed record NotificationSettings
{
    /// <summary>The defaults, with MONITOR_ALLOW_PRIVATE_URLS from the configuration (which holds the environment).</summary>
    public static NotificationSettings FromConfiguration(IConfiguration configuration) => new()
    {
        AllowPrivateUrls = string.Equals(configuration[OutboundAddresses.AllowPrivateVariable], "true", StringComparison.OrdinalIgnoreCase),
        SecretsKey = Subscriptions.SecretBox.KeyOf(configuration[Subscriptions.SecretBox.KeyVariable]),
    };

    /// <summary>MONITOR_SECRETS_KEY: seals webhook secrets at rest (<see cref="Subscriptions.SecretBox"/>); null stores them as given.</summary>
    public byte[]? SecretsKey { get; init; }

    /// <summary>Waits between webhook attempts; after the last one fails the delivery is dead-lettered.</summary>
    public IReadOnlyList<TimeSpan> RetryDelays { get; init; } =
        [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1)];

    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a delivery in flight when the service stops may still wait for its receiver: then it is cut short and
    /// handed back to its durable queue, for the next start. Inside the host's shutdown timeout (MonitorHost.ShutdownGrace).
    /// </summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Receivers on loopback and private addresses (MONITOR_ALLOW_PRIVATE_URLS=true): tests and private deployments.</summary>
    public bool AllowPrivateUrls { get; init; }

    /// <summary>Longest subscription name accepted.</summary>
    public const int MaxNameLength = 200;

    /// <summary>How often a live stream looks for changes recorded on another node.</summary>
    public TimeSpan StreamPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often Wolverine looks for due scheduled retries; null keeps its default (5 s).</summary>
    public TimeSpan? ScheduledPollingInterval { get; init; }
}
