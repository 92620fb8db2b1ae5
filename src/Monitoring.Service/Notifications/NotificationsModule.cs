using Marten;
using Monitoring.Service.Hosting;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Marten;

namespace Monitoring.Service.Notifications;

/// <summary>Timings of notifications; tests shorten them.</summary>
public sealed record NotificationSettings
{
    /// <summary>Waits between webhook attempts; after the last one fails the delivery is dead-lettered.</summary>
    public IReadOnlyList<TimeSpan> RetryDelays { get; init; } =
        [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1)];

    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a live stream looks for changes recorded on another node.</summary>
    public TimeSpan StreamPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often Wolverine looks for due scheduled retries; null keeps its default (5 s).</summary>
    public TimeSpan? ScheduledPollingInterval { get; init; }
}

/// <summary>The notifications module's Marten and Wolverine registration.</summary>
public static class NotificationsModule
{
    public static void AddNotifications(this IHostApplicationBuilder builder, MonitorSettings settings,
        MartenServiceCollectionExtensions.MartenConfigurationExpression marten)
    {
        var notifications = settings.Notifications ?? new NotificationSettings();
        builder.Services.AddSingleton(notifications);
        builder.Services.AddSingleton<ChangeSignal>();
        builder.Services.AddHttpClient(DeliverWebhookHandler.HttpClientName, c => c.Timeout = notifications.DeliveryTimeout);
        builder.Services.ConfigureMarten(opts =>
        {
            opts.Schema.For<RelationshipChanged>().DocumentAlias("relationship_change").Index(c => c.Pair);
            opts.Schema.For<NotificationSubscription>().DocumentAlias("notification_subscription");
            opts.Schema.For<WebhookDelivery>().DocumentAlias("webhook_delivery").Index(d => d.SubscriptionId);
        });
        if (!settings.RunBackgroundWork) return;

        // Runs in the async daemon, on one node of the cluster at a time (Wolverine-managed distribution, see MonitorHost).
        marten.SubscribeToEvents(new ChangeDetectionSubscription());
        // A batch that fails must stop the subscription, not be skipped: a skipped batch is a change nobody hears of.
        builder.Services.ConfigureMarten(opts => opts.Projections.Errors.SkipApplyErrors = false);
    }

    public static void ConfigureNotifications(this WolverineOptions opts, MonitorSettings settings)
    {
        var notifications = settings.Notifications ?? new NotificationSettings();
        // Durable: a change or a delivery waiting in these queues survives a restart (Wolverine's PostgreSQL inbox).
        opts.LocalQueueFor<RelationshipChanged>().UseDurableInbox().Sequential();
        opts.LocalQueueFor<DeliverWebhook>().UseDurableInbox().MaximumParallelMessages(4);
        if (notifications.ScheduledPollingInterval is { } polling)
        {
            opts.Durability.ScheduledJobPollingTime = polling;
            opts.Durability.ScheduledJobFirstExecution = polling;
        }
        if (notifications.RetryDelays.Count == 0) opts.Policies.OnException<WebhookDeliveryFailed>().MoveToErrorQueue();
        else opts.Policies.OnException<WebhookDeliveryFailed>().ScheduleRetry(notifications.RetryDelays.ToArray()).Then.MoveToErrorQueue();
    }
}
