using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Monitoring.Benchmarks.Cluster;

/// <summary>
/// One `monitor serve` process of the cluster run: the product as users start it (the built CLI), on its own loopback
/// port, sharing the database and schema with the other nodes. Its Wolverine node id comes from its start-up line, so the
/// run can tell which process holds the change detection.
/// </summary>
public sealed partial class ServeNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Guid> _nodeId = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServeNode(int number, int port, Process process)
    {
        (Number, Port, _process) = (number, port, process);
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(120) };
    }

    public int Number { get; }
    public int Port { get; }
    public HttpClient Http { get; }
    public bool Killed { get; private set; }
    public int ProcessId => _process.Id;
    public Guid NodeId => _nodeId.Task.IsCompletedSuccessfully ? _nodeId.Task.Result : Guid.Empty;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static ServeNode Start(string monitorDll, string connectionString, string schema, int number, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { monitorDll, "serve", "--urls", $"http://127.0.0.1:{port}" }) info.ArgumentList.Add(a);
        // Each node names itself to PostgreSQL, so pg_stat_activity shows whose connections are whose.
        info.Environment["MONITOR_DB"] = $"{connectionString.TrimEnd(';')};Application Name=monitor-node-{number}";
        info.Environment["MONITOR_SCHEMA"] = schema;
        // The run's webhook receiver is on loopback.
        info.Environment["MONITOR_ALLOW_PRIVATE_URLS"] = "true";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start monitor serve");
        var node = new ServeNode(number, port, process);
        process.OutputDataReceived += (_, e) => node.Read(e.Data);
        process.ErrorDataReceived += (_, e) => node.Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    private void Read(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (NodeLine().Match(line) is { Success: true } m) _nodeId.TrySetResult(Guid.Parse(m.Groups[1].Value));
    }

    /// <summary>Waits until the node answers /ready and has said its node id.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"node {Number} exited at start-up:\n{Output}");
            try
            {
                if ((await Http.GetAsync("/ready", ct)).StatusCode == HttpStatusCode.OK && _nodeId.Task.IsCompleted) return;
            }
            catch (HttpRequestException)
            {
            }
            if (sw.Elapsed > timeout) throw new TimeoutException($"node {Number} not ready within {timeout.TotalSeconds:N0} s:\n{Output}");
            await Task.Delay(200, ct);
        }
    }

    /// <summary>kill -9: no shutdown, no hand-back; what it held must be taken over by the others.</summary>
    public void KillHard()
    {
        Killed = true;
        _process.Kill(entireProcessTree: true);
    }

    /// <summary>SIGTERM, as systemd or Docker stop it; waits for the exit (a kill after 30 s).</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        Killed = true;
        Posix.Terminate(_process.Id);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Http.Dispose();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^node ([0-9a-f-]{36})$")]
    private static partial Regex NodeLine();

    private static class Posix
    {
        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
        private static extern int Kill(int pid, int signal);

        public static void Terminate(int pid) => Kill(pid, 15);
    }
}
