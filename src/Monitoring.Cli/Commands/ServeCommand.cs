using System.CommandLine;
using Monitoring.Api.Hosting;

namespace Monitoring.Cli.Commands;

/// <summary><c>monitor serve</c>: the HTTP API, its reference page, the timeline page and the notifications, until Ctrl+C.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = $"Where to listen (default MONITOR_URLS, else {MonitorWebSettings.DefaultUrls}); several separated by ';'" };
        var readsRequireKey = new Option<bool>("--reads-require-key") { Description = "Ask for an API key on reads too (also MONITOR_READS_REQUIRE_KEY=true); writes always need one" };
        var command = new Command("serve", $"""
            Serve the HTTP API (OpenAPI at /openapi/v1.json, reference at /scalar), the timeline page at /, /health and /ready.
            Runs the change detection and webhook deliveries. Writes need a key: monitor keys create NAME.

            Examples:
              monitor serve
              monitor serve --urls http://127.0.0.1:8080
              MONITOR_READS_REQUIRE_KEY=true monitor serve
            """)
        {
            urls, readsRequireKey,
        };
        command.SetAction(async (parse, ct) =>
        {
            var (listen, readsNeedKey) = (parse.GetValue(urls), parse.GetValue(readsRequireKey));
            var builder = await MonitorHost.CreateServiceBuilderAsync(
                web => web with { Urls = listen ?? web.Urls, ReadsRequireKey = web.ReadsRequireKey || readsNeedKey }, CliHost.LocalDatabase, ct);
            await using var app = builder.Build();
            app.MapMonitor();
            var web = app.Services.GetRequiredService<MonitorWebSettings>();
            try
            {
                await app.StartAsync(ct);
            }
            catch (Npgsql.NpgsqlException e)
            {
                throw new CliException($"cannot reach the database: {e.Message}");
            }
            catch (IOException e)
            {
                throw new CliException($"cannot listen on {web.Urls}: {e.Message}");
            }
            Console.WriteLine($"Monitor listening on {string.Join(", ", app.Urls)} (reference: /scalar, OpenAPI: /openapi/v1.json; reads {(web.ReadsRequireKey ? "need" : "open without")} a key). Ctrl+C to stop.");
            // Several nodes share the background work; which node holds which (the change detection, the leadership) is
            // in the messages schema's wolverine_node_assignments, by this id (docs/operations.md).
            Console.WriteLine($"node {app.Services.GetRequiredService<Wolverine.Runtime.IWolverineRuntime>().Options.UniqueNodeId}");
            // The host's own console lifetime takes SIGTERM and Ctrl+C (it stops the application, not this command's
            // token), so the command waits on either; then in-flight work has the shutdown timeout to finish.
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct, app.Lifetime.ApplicationStopping);
            try
            {
                await Task.Delay(Timeout.Infinite, stopping.Token);
            }
            catch (OperationCanceledException)
            {
            }
            Console.Error.WriteLine("monitor: stopping (in-flight requests and deliveries finish or return to their queue)");
            await app.StopAsync(CancellationToken.None);
            return 0;
        });
        return command;
    }
}
