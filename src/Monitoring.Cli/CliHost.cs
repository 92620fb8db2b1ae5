using Marten;
using Monitoring.Api.Hosting;
using Monitoring.Store;
using Monitoring.Store.Articles.Ingesting;
using Wolverine;

namespace Monitoring.Cli;

/// <summary>A short-lived host for one CLI command: Marten and Wolverine on the configured database.</summary>
public sealed class CliHost : IAsyncDisposable
{
    private readonly IHost _host;

    private CliHost(IHost host) => _host = host;

    /// <summary>How long serve and watch give in-flight work after SIGTERM or Ctrl+C: well inside the 10 s a supervisor allows.</summary>
    public static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(8);

    public IDocumentStore Store => _host.Services.GetRequiredService<IDocumentStore>();
    public IMessageBus Bus => _host.Services.GetRequiredService<IMessageBus>();
    public IServiceProvider Services => _host.Services;
    public ArticleIngestion Ingestion => _host.Services.GetRequiredService<ArticleIngestion>();

    public static async Task<CliHost> StartAsync(CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder();
        QuietLogging(builder.Logging);
        builder.AddMonitor(await SettingsAsync(runBackgroundWork: false, ct));
        var host = builder.Build();
        await StartOrExplainAsync(host, ct);
        return new CliHost(host);
    }

    /// <summary>The settings of every host a command builds: the database found once (<see cref="Database"/>), MONITOR_SCHEMA read here only.</summary>
    public static async Task<MonitorSettings> SettingsAsync(bool runBackgroundWork, CancellationToken ct) =>
        new(await Database.ConnectionStringAsync(Console.Error, ct),
            Environment.GetEnvironmentVariable("MONITOR_SCHEMA") is { Length: > 0 } schema ? schema : MonitorStore.DefaultSchema,
            RunBackgroundWork: runBackgroundWork);

    /// <summary>Errors only, one line each, on stderr: a command's stdout is its answer.</summary>
    public static void QuietLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o => o.SingleLine = true).AddFilter((_, level) => level >= LogLevel.Error);
        logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }

    /// <summary>Starts the host; an unreachable database is told in one line.</summary>
    public static async Task StartOrExplainAsync(IHost host, CancellationToken ct)
    {
        try
        {
            await host.StartAsync(ct);
        }
        catch (Npgsql.NpgsqlException e)
        {
            throw new CliException($"cannot reach the database: {e.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
