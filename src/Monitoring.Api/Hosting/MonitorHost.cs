using JasperFx;
using JasperFx.CodeGeneration;
using Marten;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitoring.Notifications;
using Monitoring.Store;
using Monitoring.Store.Articles.Ingesting;
using Wolverine;
using Wolverine.Marten;

namespace Monitoring.Api.Hosting;

/// <summary>Wires the modules of Monitor into a host: Marten for storage, Wolverine for messages.</summary>
public static class MonitorHost
{
    public static IHostApplicationBuilder AddMonitor(this IHostApplicationBuilder builder, MonitorSettings settings)
    {
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<ArticleIngestion>();
        // Every clock read outside the event store goes through this (tests may register another first).
        builder.Services.TryAddSingleton(TimeProvider.System);
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
        builder.AddNotifications(settings.Notifications, settings.RunBackgroundWork, marten);

        builder.UseWolverine(opts =>
        {
            // Handlers live with their module: ingestion and re-extraction in Store, fan-out and delivery in Notifications.
            opts.ApplicationAssembly = typeof(MonitorHost).Assembly;
            opts.Discovery.IncludeAssembly(typeof(MonitorStore).Assembly);
            opts.Discovery.IncludeAssembly(typeof(NotificationsModule).Assembly);
            opts.ConfigureNotifications(settings.Notifications);
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
