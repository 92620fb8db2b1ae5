using System.Text.Json;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.Notifications.Detection;
using Monitoring.Notifications.Webhooks;

namespace Monitoring.IntegrationTests.Notifications;

[Collection(PostgresCollection.Name)]
public sealed class NotificationCliTests(PostgresServer server)
{
    [Fact]
    public async Task subscriptions_are_added_listed_paused_and_deleted_from_the_cli()
    {
        var cli = new CliRunner(server, PostgresServer.NewSchema("notifycli"));

        var added = await cli.RunAsync("subscriptions add --name analyst --url http://127.0.0.1:9/hooks --pair usa-ner --dimension agreements --json");
        Assert.True(added.ExitCode == 0, added.Error);
        using var json = JsonDocument.Parse(added.Output);
        var id = json.RootElement.GetProperty("id").GetGuid();
        Assert.StartsWith("whsec_", json.RootElement.GetProperty("secret").GetString());
        Assert.Equal("NER-USA", json.RootElement.GetProperty("filter").GetProperty("pair").GetString());

        var paused = await cli.RunAsync($"subscriptions pause {id.ToString()[..8]}");
        Assert.True(paused.ExitCode == 0, paused.Error);
        var listed = await cli.RunAsync("subscriptions list");
        Assert.Contains($"{id}  paused", listed.Output);
        Assert.Contains("pair NER-USA; dimensions agreements", listed.Output);

        var deleted = await cli.RunAsync($"subscriptions delete {id}");
        Assert.True(deleted.ExitCode == 0, deleted.Error);
        Assert.Contains("no subscriptions", (await cli.RunAsync("subscriptions list")).Output);
    }

    [Fact]
    public async Task invalid_subscription_is_a_usage_error_in_one_line()
    {
        var cli = new CliRunner(server, PostgresServer.NewSchema("notifyclibad"));

        var result = await cli.RunAsync("subscriptions add --name x --url ftp://nowhere");

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.Contains("url", result.Error);
    }

    [Fact]
    public async Task watch_prints_the_denounced_agreement()
    {
        var schema = PostgresServer.NewSchema("notifywatch");
        await using (var host = await NotificationHost.StartAsync(server, schema))
        {
            await GoldArticles.AppendAsync(host.Store, GoldArticles.Named("003_a455b231be305d8d.txt"));
            await host.CaughtUpAsync();
        }

        var result = await new CliRunner(server, schema).RunAsync("watch --since 0 --count 1 --pair NER-USA --dimension agreements --json");

        Assert.True(result.ExitCode == 0, result.Error);
        var change = JsonSerializer.Deserialize<RelationshipChanged>(result.Output.Trim(), NotificationJson.Options)!;
        Assert.Equal("denounced", change.After);
        Assert.Equal(new DateOnly(2024, 3, 16), change.ValidFrom.Value);
    }

    [Fact]
    public async Task watch_prints_a_change_it_detects_while_it_runs()
    {
        var schema = PostgresServer.NewSchema("notifywatchlive");
        // Stored by a host without background work: nothing detects the change until watch runs.
        await using (var host = await NotificationHost.StartAsync(server, schema, backgroundWork: false))
        {
            await GoldArticles.AppendAsync(host.Store, GoldArticles.Named("003_a455b231be305d8d.txt"));
            Assert.Empty(await host.ChangesAsync());
        }

        var result = await new CliRunner(server, schema).RunAsync("watch --count 1 --pair NER-USA --dimension agreements");

        Assert.True(result.ExitCode == 0, result.Error);
        var line = Assert.Single(result.Output.Trim().Split('\n'));
        Assert.Contains("NER-USA", line);
        Assert.Contains("agreements", line);
        Assert.Contains("(none) → denounced  since 2024-03-16", line);
    }
}
