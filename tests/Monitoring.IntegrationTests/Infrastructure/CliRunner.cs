using System.Diagnostics;

namespace Monitoring.IntegrationTests.Infrastructure;

/// <summary>Runs the real CLI (monitor.dll, copied beside the tests) as a process on a schema of its own.</summary>
public sealed class CliRunner(PostgresServer server, string schema)
{
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <param name="environment">Variables to set for this run (the fault suite's kill points).</param>
    public async Task<Result> RunAsync(string arguments, string? stdin = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "monitor.dll")}\" {arguments}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            WorkingDirectory = PostgresServer.RepositoryRoot,
        };
        info.Environment["MONITOR_DB"] = server.ConnectionString;
        info.Environment["MONITOR_SCHEMA"] = schema;
        info.Environment["MONITOR_HOME"] = PostgresServer.RepositoryRoot;
        info.Environment.Remove("MONITOR_DEBUG");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        using var p = Process.Start(info)!;
        try
        {
            if (stdin is not null) await p.StandardInput.WriteAsync(stdin);
            p.StandardInput.Close();
        }
        catch (IOException)
        {
            // The CLI stopped reading (an input over the size limit): what it answers is the result.
        }
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(timeout.Token);
        return new Result(p.ExitCode, await output, await error);
    }
}
