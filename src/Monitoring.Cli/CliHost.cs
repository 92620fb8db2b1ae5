using Monitoring.Api.Hosting;
using Monitoring.Store.Articles.Ingesting;
using Wolverine;

namespace Monitoring.Cli;

/// <summary>A short-lived host for one CLI command, built by <see cref="MonitorHost"/> as every face's host is.</summary>
public sealed class CliHost : IAsyncDisposable
{
    private readonly IHost _host;

    private CliHost(IHost host) => _host = host;

    public IMessageBus Bus => _host.Services.GetRequiredService<IMessageBus>();
    public ArticleIngestion Ingestion => _host.Services.GetRequiredService<ArticleIngestion>();

    /// <summary>One of the application services both faces call; a command opens no session of its own.</summary>
    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public static async Task<CliHost> StartAsync(CancellationToken ct)
    {
        var host = (await MonitorHost.CreateBuilderAsync(runBackgroundWork: false, LocalDatabase, ct)).Build();
        await StartOrExplainAsync(host, ct);
        return new CliHost(host);
    }

    /// <summary>A host with background work on (watch): built, not started, so the command can read before detection runs.</summary>
    public static async Task<IHost> BuildWatchingAsync(CancellationToken ct) =>
        (await MonitorHost.CreateBuilderAsync(runBackgroundWork: true, LocalDatabase, ct)).Build();

    /// <summary>The database when MONITOR_DB is not set: docker compose or the local cluster (<see cref="Database"/>).</summary>
    public static Task<string> LocalDatabase(CancellationToken ct) => Database.LocalAsync(Console.Error, ct);

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
