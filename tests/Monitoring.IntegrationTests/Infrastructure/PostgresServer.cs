using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Testcontainers.PostgreSql;

namespace Monitoring.IntegrationTests.Infrastructure;

/// <summary>
/// One real PostgreSQL for the whole test run, found in order: a connection string in MONITOR_TEST_DB;
/// Testcontainers when a Docker engine answers; else a throwaway cluster from the machine's PostgreSQL
/// binaries (infra/pg-local.sh: initdb in a temp folder, a free port, as the postgres user when root).
/// Each test class takes a fresh schema of its own (<see cref="NewSchema"/>).
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string EnvironmentVariable = "MONITOR_TEST_DB";

    private PostgreSqlContainer? _container;
    private string? _clusterDir;

    public string ConnectionString { get; private set; } = "";
    public string Source { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            ConnectionString = configured;
            Source = EnvironmentVariable;
            return;
        }
        if (await DockerAnswersAsync())
        {
            _container = new PostgreSqlBuilder("postgres:15-alpine").Build();
            await _container.StartAsync();
            ConnectionString = _container.GetConnectionString();
            Source = "testcontainers";
            return;
        }
        _clusterDir = Path.Combine(Path.GetTempPath(), "monitor-tests-" + Guid.NewGuid().ToString("N")[..8]);
        var started = await RunAsync("bash", [Script, "start", _clusterDir, FreePort().ToString()]);
        // The script prints the connection string alone on stdout; its diagnostics are on stderr.
        var connection = started.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault(line => line.StartsWith("Host=", StringComparison.Ordinal));
        if (started.ExitCode != 0 || connection is null)
            throw new InvalidOperationException(
                $"could not start a throwaway PostgreSQL cluster (infra/pg-local.sh exited {started.ExitCode}): " +
                (started.Error.Trim() is { Length: > 0 } error ? error : "it printed no connection string"));
        ConnectionString = connection;
        Source = "local cluster " + _clusterDir;
    }

    public async Task DisposeAsync()
    {
        if (_container is not null) await _container.DisposeAsync();
        if (_clusterDir is not null)
        {
            await RunAsync("bash", [Script, "destroy", _clusterDir]);
        }
    }

    /// <summary>A schema name no other test class uses.</summary>
    public static string NewSchema(string hint)
    {
        var name = "t_" + new string(hint.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
        return name[..Math.Min(24, name.Length)] + "_" + Guid.NewGuid().ToString("N")[..6];
    }

    private static string Script => Path.Combine(RepositoryRoot, "infra", "pg-local.sh");

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Monitor.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Monitor.sln)");
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static async Task<bool> DockerAnswersAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            return (await RunAsync("docker", ["info", "--format", "{{.ServerVersion}}"], cts.Token)).ExitCode == 0;
        }
        catch (Exception e) when (e is OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private sealed record ProcessResult(int ExitCode, string Output, string Error);

    private static async Task<ProcessResult> RunAsync(string file, string[] args, CancellationToken ct = default)
    {
        // An argument list, not a command line: paths with spaces pass as they are.
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        return new ProcessResult(p.ExitCode, await stdout, await stderr);
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
