using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Monitoring.IntegrationTests.Infrastructure;

/// <summary>
/// A long-running CLI command (serve, ingest of a pipe) as a real process on a schema of its own: its output is read as it
/// comes, a test waits for a line, sends a signal and measures how long the process takes to exit.
/// </summary>
public sealed class MonitorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private MonitorProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Read(e.Data);
        _process.ErrorDataReceived += (_, e) => Read(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static MonitorProcess Start(PostgresServer server, string schema, string arguments)
    {
        var info = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "monitor.dll")}\" {arguments}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.Environment["MONITOR_DB"] = server.ConnectionString;
        info.Environment["MONITOR_SCHEMA"] = schema;
        info.Environment.Remove("MONITOR_URLS");
        info.Environment.Remove("MONITOR_DEBUG");
        return new MonitorProcess(Process.Start(info)!);
    }

    /// <summary>`monitor serve` on a free loopback port, once it says it listens.</summary>
    public static async Task<MonitorProcess> ServeAsync(PostgresServer server, string schema)
    {
        var port = FreePort();
        var serve = Start(server, schema, $"serve --urls http://127.0.0.1:{port}");
        serve.BaseAddress = new Uri($"http://127.0.0.1:{port}");
        await serve.SaidAsync("Monitor listening on", TimeSpan.FromSeconds(120));
        return serve;
    }

    public Uri? BaseAddress { get; private set; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    private void Read(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>Waits until the process has written a line containing <paramref name="text"/>; fails if it exits first.</summary>
    public async Task SaidAsync(string text, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited) Assert.Fail($"the process exited ({_process.ExitCode}) before saying '{text}': {Output}");
            Assert.True(DateTimeOffset.UtcNow < deadline, $"the process did not say '{text}' in time: {Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>Sends SIGTERM, as a supervisor does, and measures the time to exit; fails when it runs on past <paramref name="limit"/>.</summary>
    public async Task<TimeSpan> TerminateAsync(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await kill.WaitForExitAsync();
        using var grace = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the process still ran {limit.TotalSeconds} s after SIGTERM: {Output}");
        }
        return clock.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
