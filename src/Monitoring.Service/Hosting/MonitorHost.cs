using JasperFx;
using JasperFx.CodeGeneration;
using Marten;
using Monitoring.Service.Notifications;
using Wolverine;
using Wolverine.Marten;

namespace Monitoring.Service.Hosting;

/// <param name="RunBackgroundWork">Run the async daemon and the notification subscriptions: long-lived hosts
/// (serve, watch, tests of notifications) do; short-lived CLI commands do not.</param>
/// <param name="Notifications">Webhook retry delays and stream timings; null for the defaults.</param>
public sealed record MonitorSettings(
    string ConnectionString,
    string Schema = MonitorStore.DefaultSchema,
    bool RunBackgroundWork = false,
    NotificationSettings? Notifications = null);

/// <summary>Wires the modules of Monitor into a host: Marten for storage, Wolverine for messages.</summary>
public static class MonitorHost
{
    public static IHostApplicationBuilder AddMonitor(this IHostApplicationBuilder builder, MonitorSettings settings)
    {
        builder.Services.AddSingleton(settings);
        var marten = builder.Services.AddMarten(opts => MonitorStore.Configure(opts, settings.ConnectionString, settings.Schema))
            .UseLightweightSessions()
            // Every table at start-up rather than on first use: two nodes first touching a document type at
            // the same moment would otherwise race on its DDL.
            .ApplyAllDatabaseChangesOnStartup()
            .IntegrateWithWolverine(w =>
            {
                w.MessageStorageSchemaName = settings.Schema + "_messages";
                // Wolverine's leader assigns each subscription to exactly one node (Marten's own HotCold lock needs
                // the patched DistributedLock the registry lacks, see README's shim).
                w.UseWolverineManagedEventSubscriptionDistribution = settings.RunBackgroundWork;
            });
        builder.AddNotifications(settings, marten);

        builder.UseWolverine(opts =>
        {
            opts.ApplicationAssembly = typeof(MonitorHost).Assembly;
            opts.ConfigureNotifications(settings);
            // Handlers are compiled at start-up by Roslyn (WolverineFx.RuntimeCompilation, with the Roslyn
            // pin in Directory.Packages.props): no generated code to keep in sync in the repo.
            opts.CodeGeneration.TypeLoadMode = TypeLoadMode.Dynamic;
            opts.Services.CritterStackDefaults(x =>
            {
                x.Development.ResourceAutoCreate = AutoCreate.CreateOrUpdate;
                x.Production.ResourceAutoCreate = AutoCreate.CreateOrUpdate;
            });
        });
        return builder;
    }
}
