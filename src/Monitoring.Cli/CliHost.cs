using Marten;
using Monitoring.Service.Hosting;
using Wolverine;

namespace Monitoring.Cli;

/// <summary>A short-lived host for one CLI command: Marten and Wolverine on the configured database.</summary>
public sealed class CliHost : IAsyncDisposable
{
    private readonly IHost _host;

    private CliHost(IHost host) => _host = host;

    public IDocumentStore Store => _host.Services.GetRequiredService<IDocumentStore>();
    public IMessageBus Bus => _host.Services.GetRequiredService<IMessageBus>();
    public IServiceProvider Services => _host.Services;

    public static async Task<CliHost> StartAsync(CancellationToken ct)
    {
        var connectionString = await Database.ConnectionStringAsync(Console.Error, ct);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).AddFilter((_, level) => level >= LogLevel.Error);
        builder.Logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.AddMonitor(new MonitorSettings(connectionString, Environment.GetEnvironmentVariable("MONITOR_SCHEMA") ?? MonitorStore.DefaultSchema));
        var host = builder.Build();
        try
        {
            await host.StartAsync(ct);
        }
        catch (Npgsql.NpgsqlException e)
        {
            throw new CliException($"cannot reach the database: {e.Message}");
        }
        return new CliHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
