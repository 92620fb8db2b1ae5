using Monitoring.Notifications;
using Monitoring.Store;

namespace Monitoring.Api.Hosting;

/// <param name="RunBackgroundWork">Run the async daemon and the notification subscriptions: long-lived hosts
/// (serve, watch, tests of notifications) do; short-lived CLI commands do not.</param>
/// <param name="Notifications">Webhook retry delays and stream timings; null for the defaults.</param>
public sealed record MonitorSettings(
    string ConnectionString,
    string Schema = MonitorStore.DefaultSchema,
    bool RunBackgroundWork = false,
    NotificationSettings? Notifications = null);
