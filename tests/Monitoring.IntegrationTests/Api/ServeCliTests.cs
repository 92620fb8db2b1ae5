using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Api;

/// <summary>The built CLI as a process: `monitor keys` on a fresh schema, then `monitor serve` answering with those keys.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ServeCliTests(PostgresServer server)
{
    [Fact]
    public async Task keys_created_by_the_cli_open_writes_on_monitor_serve_until_revoked()
    {
        var schema = PostgresServer.NewSchema("servecli");
        var cli = new CliRunner(server, schema);
        var created = await cli.RunAsync("keys create ingest-bot");
        Assert.True(created.ExitCode == 0, created.Error);
        var key = created.Output.Trim();
        Assert.Matches("^mon_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$", key);
        var id = key.Split('_')[1];
        var listed = await cli.RunAsync("keys list --json");
        Assert.Contains($"\"id\": \"{id}\"", listed.Output);
        Assert.Contains("\"name\": \"ingest-bot\"", listed.Output);
        Assert.DoesNotContain(key, listed.Output);

        var port = FreePort();
        using var serve = Start(schema, $"serve --urls http://127.0.0.1:{port}");
        var output = new StringBuilder();
        serve.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        serve.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        serve.BeginOutputReadLine();
        serve.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
            var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
            while (true)
            {
                try
                {
                    if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK) break;
                }
                catch (HttpRequestException)
                {
                }
                Assert.False(serve.HasExited, $"serve exited: {output}");
                Assert.True(DateTimeOffset.UtcNow < deadline, $"serve did not answer /health in time: {output}");
                await Task.Delay(250);
            }
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/ready")).StatusCode);
            var root = await http.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, root.StatusCode);
            Assert.Equal("text/html", root.Content.Headers.ContentType?.MediaType);

            var article = () => new StringContent("Niamey, 2 February 2024. Niger denounced its military agreement with the United States.", Encoding.UTF8, "text/plain");
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/articles?published=2024-02-02", article())).StatusCode);
            using var keyed = new HttpRequestMessage(HttpMethod.Post, "/articles?published=2024-02-02") { Content = article() };
            keyed.Headers.Add("X-Api-Key", key);
            Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(keyed)).StatusCode);

            var revoked = await cli.RunAsync($"keys revoke {id}");
            Assert.True(revoked.ExitCode == 0, revoked.Error);
            using var again = new HttpRequestMessage(HttpMethod.Post, "/articles?published=2024-02-03") { Content = article() };
            again.Headers.Add("Authorization", "Bearer " + key);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(again)).StatusCode);
            Assert.Contains($"Monitor listening on http://127.0.0.1:{port}", output.ToString());
        }
        finally
        {
            if (!serve.HasExited) serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
    }

    // SIGTERM only: a process started in the background inherits SIGINT as ignored (CI runs so), and Ctrl+C reaches the
    // same stopping path through the host's console lifetime.
    [Theory]
    [InlineData("serve", "SIGTERM")]
    [InlineData("watch", "SIGTERM")]
    public async Task long_running_commands_stop_within_ten_seconds_when_told(string command, string signal)
    {
        var port = FreePort();
        using var process = Start(PostgresServer.NewSchema("stop" + command), command == "serve" ? $"serve --urls http://127.0.0.1:{port}" : "watch");
        var output = new StringBuilder();
        var ready = new TaskCompletionSource();
        var marker = command == "serve" ? "Monitor listening on" : "watching relationship changes";
        void Read(string? line)
        {
            lock (output) output.AppendLine(line);
            if (line?.Contains(marker) == true) ready.TrySetResult();
        }
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(90));
            using (var kill = Process.Start("kill", ["-" + signal[3..], process.Id.ToString()])) await kill.WaitForExitAsync();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(grace.Token);
            Assert.Equal(0, process.ExitCode);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{command} still ran 10 s after {signal}: {output}");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task revoking_an_unknown_key_fails_with_one_line()
    {
        var cli = new CliRunner(server, PostgresServer.NewSchema("keyscli"));
        var result = await cli.RunAsync("keys revoke deadbeef");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no API key 'deadbeef'", result.Error);
    }

    private Process Start(string schema, string arguments)
    {
        var info = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "monitor.dll")}\" {arguments}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            // Anywhere but the repository: the page and the reference must not depend on the working directory.
            WorkingDirectory = Path.GetTempPath(),
        };
        info.Environment["MONITOR_DB"] = server.ConnectionString;
        info.Environment["MONITOR_SCHEMA"] = schema;
        info.Environment.Remove("MONITOR_URLS");
        return Process.Start(info)!;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
