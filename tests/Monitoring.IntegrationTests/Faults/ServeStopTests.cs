using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.IntegrationTests.Notifications;
using Npgsql;
using Xunit.Abstractions;

namespace Monitoring.IntegrationTests.Faults;

/// <summary>
/// Fault suite, issue 15: SIGTERM to a real `monitor serve` while a webhook delivery is in flight. The process exits within
/// 10 s, and the delivery is either completed (the receiver answered within the grace period) or handed back to its
/// durable queue, pending, and delivered exactly once by the next start; never lost, never dead-lettered.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ServeStopTests(PostgresServer server, ITestOutputHelper log)
{
    private const string Secret = "serve-stop-secret-0123456789";
    private static readonly TimeSpan Supervisor = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task a_delivery_answered_within_the_grace_period_completes_and_is_not_delivered_again_after_restart()
    {
        var schema = PostgresServer.NewSchema("stopsent");
        await using var receiver = new WebhookReceiver(Secret);
        var release = new TaskCompletionSource();
        receiver.Hold = (_, aborted) => release.Task.WaitAsync(aborted);
        await receiver.StartAsync();
        var cli = new CliRunner(server, schema);
        await SubscribeAsync(cli, receiver);

        string[] held;
        await using (var serve = await MonitorProcess.ServeAsync(server, schema))
        {
            await IngestAsync(cli, Denunciation);
            await Eventually.HoldsAsync(() => !receiver.Arrived.IsEmpty, "a delivery in flight");
            held = receiver.Arrived.Distinct().OfType<string>().ToArray();

            var terminating = serve.TerminateAsync(Supervisor);
            // The receiver answers only once serve is stopping: what it answers then is inside the grace period.
            await serve.SaidAsync("monitor: stopping");
            release.SetResult();
            var took = await terminating;
            log.WriteLine($"serve exited {serve.ExitCode} in {took.TotalSeconds:F1} s after SIGTERM; {held.Length} deliveries were in flight");
            Assert.Equal(0, serve.ExitCode);
        }
        Assert.All(held, id => Assert.Contains(receiver.Requests, r => r.DeliveryId == id && r.Status == 200));
        Assert.All(held, id => Assert.Equal("Sent", StatusOf(schema, id)));

        await using (var again = await MonitorProcess.ServeAsync(server, schema))
        {
            // A later change delivered proves the restarted node delivers; a repeat of the first would have come by then.
            await NextChangeDeliveredAsync(cli, schema);
        }
        var counts = receiver.Arrived.GroupBy(id => id).ToDictionary(g => g.Key!, g => g.Count());
        log.WriteLine("deliveries received, by id: " + string.Join(", ", counts.Select(c => $"{c.Key[..8]}×{c.Value}")));
        Assert.All(counts, c => Assert.Equal(1, c.Value));
    }

    [Fact]
    public async Task a_delivery_the_receiver_never_answers_is_handed_back_and_delivered_once_by_the_next_start()
    {
        var schema = PostgresServer.NewSchema("stopheld");
        await using var receiver = new WebhookReceiver(Secret);
        var answering = false;
        receiver.Hold = (_, aborted) => Volatile.Read(ref answering) ? Task.CompletedTask : Task.Delay(Timeout.Infinite, aborted);
        await receiver.StartAsync();
        var cli = new CliRunner(server, schema);
        await SubscribeAsync(cli, receiver);

        string[] held;
        await using (var serve = await MonitorProcess.ServeAsync(server, schema))
        {
            await IngestAsync(cli, Denunciation);
            await Eventually.HoldsAsync(() => !receiver.Arrived.IsEmpty, "a delivery in flight");
            var took = await serve.TerminateAsync(Supervisor);
            held = receiver.Arrived.Distinct().OfType<string>().ToArray();
            log.WriteLine($"serve exited {serve.ExitCode} in {took.TotalSeconds:F1} s after SIGTERM; {held.Length} deliveries were held open");
            Assert.Equal(0, serve.ExitCode);
        }
        Assert.Empty(receiver.Requests);
        // Back in the queue: neither sent nor dead-lettered.
        Assert.All(held, id => Assert.Contains(StatusOf(schema, id), new[] { "Pending", "Retrying" }));
        var arrivedBefore = receiver.Arrived.Count;

        Volatile.Write(ref answering, true);
        await using (var again = await MonitorProcess.ServeAsync(server, schema))
        {
            await Eventually.HoldsAsync(() => held.All(id => receiver.Requests.Any(r => r.DeliveryId == id && r.Status == 200)),
                "every held delivery delivered by the next start", TimeSpan.FromSeconds(90));
            await NextChangeDeliveredAsync(cli, schema);
        }
        var afterRestart = receiver.Arrived.Skip(arrivedBefore).GroupBy(id => id).ToDictionary(g => g.Key!, g => g.Count());
        log.WriteLine("deliveries received after the restart, by id: " + string.Join(", ", afterRestart.Select(c => $"{c.Key[..8]}×{c.Value}")));
        Assert.All(held, id => Assert.Equal(1, afterRestart[id]));
        Assert.All(afterRestart, c => Assert.Equal(1, c.Value));
        Assert.All(held, id => Assert.Equal("Sent", StatusOf(schema, id)));
    }

    private const string Denunciation = "Niamey, 2 February 2024. Niger denounced its military agreement with the United States.";
    private const string Withdrawal = "Niamey, 9 February 2024. France completed the withdrawal of its troops from Niger.";

    private static async Task SubscribeAsync(CliRunner cli, WebhookReceiver receiver)
    {
        var added = await cli.RunAsync($"subscriptions add --name stop-test --url {receiver.Url} --secret {receiver.Secret}");
        Assert.True(added.ExitCode == 0, added.Error);
    }

    private static async Task IngestAsync(CliRunner cli, string text)
    {
        var ingest = await cli.RunAsync("ingest - --published 2024-02-09", stdin: text);
        Assert.True(ingest.ExitCode == 0, ingest.Error + ingest.Output);
    }

    /// <summary>Ingests another change and waits until its deliveries, and every earlier one, are sent.</summary>
    private async Task NextChangeDeliveredAsync(CliRunner cli, string schema)
    {
        var before = StatusesOf(schema).Count;
        await IngestAsync(cli, Withdrawal);
        await Eventually.HoldsAsync(() => StatusesOf(schema) is var all && all.Count > before && all.All(s => s == "Sent"),
            "the next change and every earlier one delivered", TimeSpan.FromSeconds(60));
    }

    private string StatusOf(string schema, string deliveryId) =>
        Query($"select data->>'status' from {schema}.mt_doc_webhook_delivery where id = '{Guid.Parse(deliveryId)}'").Single();

    private List<string> StatusesOf(string schema) => Query($"select data->>'status' from {schema}.mt_doc_webhook_delivery");

    private List<string> Query(string sql)
    {
        using var connection = new NpgsqlConnection(server.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(reader.GetString(0));
        return rows;
    }
}
