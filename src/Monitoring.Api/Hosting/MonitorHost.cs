using JasperFx;
using JasperFx.CodeGeneration;
using Marten;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitoring.Api.Events;
using Monitoring.Api.Keys;
using Monitoring.Api.Relationships;
using Monitoring.Notifications;
using Monitoring.Notifications.Feed;
using Monitoring.Notifications.Subscriptions;
using Monitoring.Store;
using Monitoring.Store.Articles.Ingesting;
using Monitoring.Store.Relationships;
using Wolverine;
using Wolverine.Marten;

namespace Monitoring.Api.Hosting;

/// <summary>
/// The one way to build Monitor's host, for every face: <see cref="CreateBuilderAsync"/> for CLI commands and watch,
/// <see cref="CreateServiceBuilderAsync"/> for the HTTP service; both bind the settings once from the configuration
/// (which holds the environment) and call <see cref="AddMonitor"/>, which wires the modules: Marten for storage,
/// Wolverine for messages, the application services the faces call.
/// </summary>
public static class MonitorHost
{
    /// <summary>How long serve and watch give in-flight work after SIGTERM or Ctrl+C: well inside the 10 s a supervisor allows.</summary>
    public static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(8);

    /// <summary>
    /// The host's log category of "Hosting failed to start", with the whole exception: the faces tell the failure in one
    /// line (an unreachable database), so it is logged only with MONITOR_DEBUG.
    /// </summary>
    private const string HostStartFailure = "Microsoft.Extensions.Hosting.Internal.Host";

    /// <summary>A host without HTTP: a short CLI command (no background work), or watch (background work on).</summary>
    /// <param name="localDatabase">Finds a database when MONITOR_DB is not set.</param>
    public static async Task<HostApplicationBuilder> CreateBuilderAsync(bool runBackgroundWork, Func<CancellationToken, Task<string>> localDatabase, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder();
        // Errors only, one line each, on stderr: a command's stdout is its answer.
        builder.Logging.ClearProviders();
        var debug = builder.Configuration["MONITOR_DEBUG"] is { Length: > 0 };
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).AddFilter((category, level) => level >= LogLevel.Error && (debug || category != HostStartFailure));
        builder.Logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.AddMonitor(await MonitorSettings.FromConfigurationAsync(builder.Configuration, runBackgroundWork, localDatabase, ct));
        if (runBackgroundWork) builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownGrace);
        return builder;
    }

    /// <summary>The HTTP service with background work (<c>monitor serve</c>); <paramref name="adjust"/> overrides settings given on the command line.</summary>
    public static async Task<WebApplicationBuilder> CreateServiceBuilderAsync(Func<MonitorWebSettings, MonitorWebSettings> adjust,
        Func<CancellationToken, Task<string>> localDatabase, CancellationToken ct)
    {
        // Content root: the CLI's own folder, so that `monitor serve` behaves the same from any working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        var debug = builder.Configuration["MONITOR_DEBUG"] is { Length: > 0 };
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter((category, level) => (level >= LogLevel.Warning && (debug || category != HostStartFailure))
                                            || (category == "Microsoft.Hosting.Lifetime" && level >= LogLevel.Information));
        var web = adjust(MonitorWebSettings.FromConfiguration(builder.Configuration));
        builder.WebHost.UseUrls(web.Urls);
        builder.AddMonitor(await MonitorSettings.FromConfigurationAsync(builder.Configuration, runBackgroundWork: true, localDatabase, ct));
        builder.AddMonitorWeb(web);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownGrace);
        return builder;
    }

    public const string CacheReportsVariable = "MONITOR_CACHE_REPORTS";

    /// <summary>The memory the relationship histories may take: MONITOR_CACHE_REPORTS reports (about 2 KB each), else 300,000.</summary>
    private static HistoryCacheOptions CacheOptions(IConfiguration configuration) =>
        configuration[CacheReportsVariable] is not { Length: > 0 } text ? new HistoryCacheOptions()
        : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
            ? new HistoryCacheOptions { MaxReports = n }
            : throw new SettingException($"{CacheReportsVariable}='{text}' is not a positive number of reports (default 300000, about 600 MB)");

    public static IHostApplicationBuilder AddMonitor(this IHostApplicationBuilder builder, MonitorSettings settings)
    {
        var notifications = settings.Notifications ?? NotificationSettings.FromConfiguration(builder.Configuration);
        settings = settings with { Notifications = notifications };
        builder.Services.AddSingleton(settings);
        // First of the hosted services: hosts of one database start one at a time (StartUpLock).
        builder.Services.AddHostedService<StartUpLock>();
        builder.Services.AddSingleton<ArticleIngestion>();
        // The application services both faces call: the endpoints and the CLI's commands open no session of their own.
        builder.Services.TryAddSingleton(CacheOptions(builder.Configuration));
        builder.Services.AddSingleton<HistoryCache>();
        builder.Services.AddSingleton<RelationshipAnswers>();
        builder.Services.AddSingleton<RelationshipService>();
        builder.Services.AddSingleton<EventService>();
        builder.Services.AddSingleton<Review.ReviewService>();
        builder.Services.AddSingleton<ApiKeyService>();
        builder.Services.AddSingleton<HistoryRebuild>();
        builder.Services.AddSingleton<SubscriptionService>();
        builder.Services.AddSingleton<ChangeStream>();
        builder.Services.AddSingleton<Exports.ExportService>();
        builder.Services.AddSingleton<Articles.ArticleService>();
        builder.Services.AddSingleton<Feeds.FeedService>();
        builder.Services.TryAddSingleton(Feeds.FeedPollingOptions.Default);
        // Following sources is a long-lived host's work (serve); several nodes share it feed by feed.
        if (settings.RunBackgroundWork) builder.Services.AddHostedService<Feeds.FeedPolling>();
        // Every clock read goes through this, the event store's too (tests may register another first).
        builder.Services.TryAddSingleton(TimeProvider.System);
        var marten = builder.Services.AddMarten(services =>
            {
                var opts = new StoreOptions();
                MonitorStore.Configure(opts, settings.ConnectionString, settings.Schema, services.GetRequiredService<TimeProvider>());
                opts.Schema.For<Feeds.FollowedFeed>();
                opts.Logger(new MartenLog(services.GetRequiredService<ILoggerFactory>().CreateLogger("Marten")));
                return opts;
            })
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
        builder.AddNotifications(notifications, settings.RunBackgroundWork, marten);

        builder.UseWolverine(opts =>
        {
            // Handlers live with their module: ingestion and re-extraction in Store, fan-out and delivery in Notifications.
            opts.ApplicationAssembly = typeof(MonitorHost).Assembly;
            opts.Discovery.IncludeAssembly(typeof(MonitorStore).Assembly);
            opts.Discovery.IncludeAssembly(typeof(NotificationsModule).Assembly);
            opts.ConfigureNotifications(notifications);
            // Handlers are compiled at start-up by Roslyn (WolverineFx.RuntimeCompilation, with the Roslyn
            // pin in Directory.Packages.props): no generated code to keep in sync in the repo.
            opts.CodeGeneration.TypeLoadMode = TypeLoadMode.Dynamic;
            // A node that dies (kill -9, a lost machine) holds the change detection until the others call it stale: with
            // Wolverine's defaults (a heartbeat every 10 s, stale after 60 s) notifications stopped for about 70 s
            // (bench/bench cluster). A heartbeat every 2 s, stale after 10 s (and two stale ticks before ejection), and a
            // reassignment check every 5 s bring that to about 15 s, for a few more small writes per node.
            opts.Durability.HealthCheckPollingTime = TimeSpan.FromSeconds(2);
            opts.Durability.StaleNodeTimeout = TimeSpan.FromSeconds(10);
            opts.Durability.CheckAssignmentPeriod = TimeSpan.FromSeconds(5);
            opts.Durability.NodeReassignmentPollingTime = TimeSpan.FromSeconds(5);
            opts.Services.CritterStackDefaults(x =>
            {
                x.Development.ResourceAutoCreate = AutoCreate.CreateOrUpdate;
                x.Production.ResourceAutoCreate = AutoCreate.CreateOrUpdate;
            });
        });
        return builder;
    }
}
