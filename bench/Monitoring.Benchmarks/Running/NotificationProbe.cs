using System.Diagnostics;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitoring.Api.Hosting;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.Notifications.Subscriptions;
using Monitoring.Notifications.Webhooks;
using Monitoring.Store.Articles;

namespace Monitoring.Benchmarks.Running;

/// <summary>
/// Commit-to-webhook latency with the production pipeline (async daemon change detection, durable Wolverine delivery,
/// default settings) on its own schema: one report per commit, each a status change of a subscribed pair, received
/// by a local HTTP listener answering 200. The latency is the store's own figure (Deliveries.LatenciesAsync).
/// </summary>
public sealed class NotificationProbe(string connectionString, string schema, int samples, TextWriter progress)
{
    public async Task<NotificationFigures> MeasureAsync(CancellationToken ct)
    {
        await using (var connection = new Npgsql.NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            await using var drop = new Npgsql.NpgsqlCommand($"drop schema if exists {schema} cascade; drop schema if exists {schema}_messages cascade;", connection);
            await drop.ExecuteNonQueryAsync(ct);
        }
        using var receiver = new WebhookReceiver();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        // The probe's receiver is its own loopback server.
        builder.AddMonitor(new MonitorSettings(connectionString, schema, RunBackgroundWork: true, new Monitoring.Notifications.NotificationSettings { AllowPrivateUrls = true }));
        using var host = builder.Build();
        await host.StartAsync(ct);
        try
        {
            var store = host.Services.GetRequiredService<IDocumentStore>();
            var pair = ActorPair.Of("USA", "NER");
            await using (var session = store.LightweightSession())
                await SubscriptionManagement.CreateAsync(session, new CreateSubscription("bench", receiver.Url, new ChangeFilter(Pair: pair.Id)), TimeProvider.System, ct);

            // The first change waits for the daemon and Wolverine's leader to start the subscription: not a latency.
            var day = new DateOnly(2010, 1, 1);
            await AppendAsync(store, pair, 0, day, ct);
            if (!await WaitForSentAsync(store, 1, TimeSpan.FromSeconds(90), ct))
                return new NotificationFigures(0, 0, 0, 0, "no webhook within 90 s of the first change: the subscription did not start");
            var warmUp = (await LatenciesAsync(store, ct)).Select(l => l.ChangeId).ToHashSet();

            for (var i = 1; i <= samples; i++)
            {
                await AppendAsync(store, pair, i, day.AddDays(i), ct);
                await Task.Delay(200, ct);
            }
            var all = await WaitForSentAsync(store, samples + 1, TimeSpan.FromSeconds(60 + samples / 10), ct);
            var latencies = (await LatenciesAsync(store, ct)).Where(l => !warmUp.Contains(l.ChangeId)).Select(l => l.Latency.TotalMilliseconds).Order().ToArray();
            progress.WriteLine($"notifications: {latencies.Length}/{samples} webhooks received");
            if (latencies.Length == 0) return new NotificationFigures(samples, 0, 0, 0, "no webhook received after the first");
            double P(double p) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
            return new NotificationFigures(samples, latencies.Length, P(0.5), P(0.99), all ? null : "some changes were not delivered within 60 s");
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<IReadOnlyList<(long ChangeId, TimeSpan Latency)>> LatenciesAsync(IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await Deliveries.LatenciesAsync(session, ct);
    }

    private static async Task<bool> WaitForSentAsync(IDocumentStore store, int count, TimeSpan timeout, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < timeout)
        {
            if ((await LatenciesAsync(store, ct)).Count >= count) return true;
            await Task.Delay(100, ct);
        }
        return false;
    }

    /// <summary>Sanctions imposed, then lifted, then imposed...: every report changes the pair's sanctions status.</summary>
    private static async Task AppendAsync(IDocumentStore store, ActorPair pair, int i, DateOnly day, CancellationToken ct)
    {
        var key = $"article-notify-{i:D6}";
        var type = i % 2 == 0 ? WorldEventType.SanctionsImposed : WorldEventType.SanctionsLifted;
        var e = new ExtractedEvent(type, pair.A, pair.B, [], null, null, EventDate.Day(day), Modality.Asserted, 0.9, "bench-notify", "1", [new Evidence(0, 0, 5, "Bench")]);
        var report = new EventReported(ArticleStream.ReportId(key, "bench", 0), new ArticleSource(key, "Bench", null, day, null, key), e, "bench");
        await using var session = store.LightweightSession();
        session.Events.StartStream(key, report);
        await session.SaveChangesAsync(ct);
    }
}

/// <param name="Note">Why figures are missing or partial; null when every sample was delivered.</param>
public sealed record NotificationFigures(int Changes, int Received, double MedianMs, double P99Ms, string? Note);
