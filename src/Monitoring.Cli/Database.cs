using System.Diagnostics;
using Monitoring.Api.Hosting;

namespace Monitoring.Cli;

/// <summary>
/// Where the CLI's database comes from, in order: MONITOR_DB (read by <see cref="MonitorSettings"/>); docker compose when a Docker engine answers;
/// else a persistent cluster under .data/ started from the machine's PostgreSQL binaries (infra/pg-local.sh,
/// which installs PostgreSQL with apt when the binaries are missing and it can).
/// </summary>
public static class Database
{
    public static string Home =>
        Environment.GetEnvironmentVariable("MONITOR_HOME") is { Length: > 0 } home ? home : FindRepositoryRoot();

    /// <summary>A database when MONITOR_DB is not set.</summary>
    public static async Task<string> LocalAsync(TextWriter progress, CancellationToken ct)
    {
        if (await RunAsync("docker", ["info", "--format", "{{.ServerVersion}}"], ct) is { ExitCode: 0 })
        {
            progress.WriteLine("Starting PostgreSQL with docker compose...");
            var up = await RunAsync("docker", ["compose", "-f", Path.Combine(Home, "docker-compose.yml"), "up", "-d", "--wait", "db"], ct);
            if (up.ExitCode == 0) return "Host=127.0.0.1;Port=55433;Username=monitor;Password=monitor;Database=monitor";
            progress.WriteLine($"docker compose failed ({up.Error.Trim()}); falling back to a local cluster");
        }

        var script = Path.Combine(Home, "infra", "pg-local.sh");
        var data = Path.Combine(Home, ".data", "pg");
        var port = Environment.GetEnvironmentVariable("MONITOR_PG_PORT") ?? "55432";
        var started = await RunAsync("bash", [script, "start", data, port], ct);
        // The script prints the connection string alone on stdout and tells what it did (created, started) on stderr.
        var connection = started.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault(line => line.StartsWith("Host=", StringComparison.Ordinal));
        if (started.ExitCode != 0 || connection is null)
            throw new CliException($"could not start the local PostgreSQL cluster under .data/pg: " +
                $"{(started.Error.Trim() is { Length: > 0 } error ? error : "infra/pg-local.sh printed no connection string")} " +
                $"(set {MonitorSettings.DatabaseVariable} to use another database)");
        foreach (var line in started.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)) progress.WriteLine(line);
        return connection;
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Monitor.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    public sealed record ProcessResult(int ExitCode, string Output, string Error);

    public static async Task<ProcessResult> RunAsync(string file, string[] arguments, CancellationToken ct)
    {
        try
        {
            // An argument list, not a command line: a checkout path with spaces passes as it is.
            using var p = Process.Start(new ProcessStartInfo(file, arguments)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            })!;
            var output = p.StandardOutput.ReadToEndAsync(ct);
            var error = p.StandardError.ReadToEndAsync(ct);
            await p.WaitForExitAsync(ct);
            return new ProcessResult(p.ExitCode, await output, await error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new ProcessResult(127, "", e.Message);
        }
    }
}

/// <summary>An error the user can act on: printed as one line, exit code 1.</summary>
public sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
