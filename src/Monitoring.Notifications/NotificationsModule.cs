using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitoring.Notifications.Detection;
using Monitoring.Notifications.Feed;
using Monitoring.Notifications.Subscriptions;
using Monitoring.Notifications.Webhooks;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Marten;

namespace Monitoring.Notifications;

/// <summary>The notifications module's Marten and Wolverine registration.</summary>
public static class NotificationsModule
{
    /// <param name="runBackgroundWork">Detect changes in this process (long-lived hosts); short-lived commands do not.</param>
    public static void AddNotifications(this IHostApplicationBuilder builder, NotificationSettings notifications, bool runBackgroundWork,
        MartenServiceCollectionExtensions.MartenConfigurationExpression marten)
    {
        builder.Services.AddSingleton(notifications);
        builder.Services.AddSingleton<ChangeSignal>();
        builder.Services.AddSingleton<DeliveryGrace>();
        // Public receivers only unless allowed, checked again after DNS; no redirects (they would carry the signed body elsewhere).
        builder.Services.AddHttpClient(DeliverWebhookHandler.HttpClientName, c => c.Timeout = notifications.DeliveryTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => Monitoring.Feeds.Outbound.OutboundAddresses.Handler(notifications.AllowPrivateUrls));
        builder.Services.ConfigureMarten(opts =>
        {
            opts.Schema.For<RelationshipChanged>().DocumentAlias("relationship_change").Index(c => c.Pair);
            opts.Schema.For<NotificationSubscription>().DocumentAlias("notification_subscription");
            opts.Schema.For<WebhookDelivery>().DocumentAlias("webhook_delivery").Index(d => d.SubscriptionId);
        });
        if (!runBackgroundWork) return;

        // Runs in the async daemon, on one node of the cluster at a time (Wolverine-managed distribution, see MonitorHost).
        marten.SubscribeToEvents(new ChangeDetectionSubscription());
        // A batch that fails must stop the subscription, not be skipped: a skipped batch is a change nobody hears of.
        builder.Services.ConfigureMarten(opts => opts.Projections.Errors.SkipApplyErrors = false);
    }

    public static void ConfigureNotifications(this WolverineOptions opts, NotificationSettings notifications)
    {
        // Durable: a change or a delivery waiting in these queues survives a restart (Wolverine's PostgreSQL inbox).
        opts.LocalQueueFor<RelationshipChanged>().UseDurableInbox().Sequential();
        opts.LocalQueueFor<DeliverWebhook>().UseDurableInbox().MaximumParallelMessages(4);
        if (notifications.ScheduledPollingInterval is { } polling)
        {
            opts.Durability.ScheduledJobPollingTime = polling;
            opts.Durability.ScheduledJobFirstExecution = polling;
        }
        // Cut short by a stop: stored as scheduled, so the next start (or another node) delivers it; a stop is no verdict on the receiver.
        opts.Policies.OnException<WebhookDeliveryInterrupted>().ScheduleRetryIndefinitely(TimeSpan.FromSeconds(1));
        if (notifications.RetryDelays.Count == 0) opts.Policies.OnException<WebhookDeliveryFailed>().MoveToErrorQueue();
        else opts.Policies.OnException<WebhookDeliveryFailed>().ScheduleRetry(notifications.RetryDelays.ToArray()).Then.MoveToErrorQueue();
    }
}
