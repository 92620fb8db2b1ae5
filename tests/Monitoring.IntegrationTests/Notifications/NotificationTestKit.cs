using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitoring.Api.Hosting;
using Monitoring.Api.Notifications;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.Notifications;
using Monitoring.Notifications.Detection;
using Monitoring.Notifications.Feed;
using Monitoring.Notifications.Subscriptions;
using Monitoring.Notifications.Webhooks;
using Monitoring.Store.Articles;
using Wolverine;

namespace Monitoring.IntegrationTests.Notifications;

/// <summary>
/// A Monitor web host with background work on (async daemon, change detection, webhook queues) and the notification
/// endpoints, listening on a loopback port. It can be stopped and started again on the same schema.
/// </summary>
public sealed class NotificationHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private NotificationHost(WebApplication app, string schema)
    {
        _app = app;
        Schema = schema;
        BaseAddress = new Uri(app.Urls.First());
    }

    public string Schema { get; }
    public Uri BaseAddress { get; }
    public IServiceProvider Services => _app.Services;
    public IDocumentStore Store => _app.Services.GetRequiredService<IDocumentStore>();
    public IMessageBus Bus => _app.Services.GetRequiredService<IMessageBus>();

    /// <summary>Short retry delays: a test waits seconds, not minutes, for a retry.</summary>
    public static NotificationSettings Fast(params double[] retrySeconds) => new()
    {
        RetryDelays = (retrySeconds.Length > 0 ? retrySeconds : [0.5, 1, 1, 2, 3]).Select(TimeSpan.FromSeconds).ToList(),
        DeliveryTimeout = TimeSpan.FromSeconds(5),
        StreamPollInterval = TimeSpan.FromMilliseconds(250),
        KeepAliveInterval = TimeSpan.FromSeconds(5),
        ScheduledPollingInterval = TimeSpan.FromMilliseconds(250),
        // The receivers listen on 127.0.0.1 (see PrivateReceivers); settings given in code are not read from the environment.
        AllowPrivateUrls = true,
    };

    /// <param name="backgroundWork">False: a host that stores but detects and delivers nothing, like a short CLI command.</param>
    public static async Task<NotificationHost> StartAsync(PostgresServer server, string schema, NotificationSettings? settings = null, bool backgroundWork = true)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("MONITOR_TEST_LOGS") is { Length: > 0 })
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddMonitor(new MonitorSettings(server.ConnectionString, schema, RunBackgroundWork: backgroundWork, Notifications: settings ?? Fast()));
        var app = builder.Build();
        app.MapNotificationEndpoints();
        await app.StartAsync();
        return new NotificationHost(app, schema);
    }

    public HttpClient Client() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Waits until the change detection has processed every event stored so far.</summary>
    public async Task CaughtUpAsync()
    {
        var stats = await Store.Advanced.FetchEventStoreStatistics();
        await Eventually.HoldsAsync(async () =>
        {
            var progress = await Store.Advanced.AllProjectionProgress();
            return progress.Any(p => p.ShardName.StartsWith(ChangeDetectionSubscription.Name, StringComparison.Ordinal) && p.Sequence >= stats.EventSequenceNumber);
        }, $"change detection to reach event {stats.EventSequenceNumber}");
    }

    public async Task<IReadOnlyList<RelationshipChanged>> ChangesAsync(string? pair = null)
    {
        await using var session = Store.QuerySession();
        var all = await ChangeFeed.AfterAsync(session, 0, 10_000, default);
        return all.Where(c => pair is null || c.Pair == pair).ToList();
    }

    public async Task<IReadOnlyList<WebhookDelivery>> DeliveriesAsync(Guid subscriptionId)
    {
        await using var session = Store.QuerySession();
        return await Deliveries.OfAsync(session, subscriptionId, default);
    }

    public async Task<NotificationSubscription> SubscribeAsync(string url, ChangeFilter filter, string secret)
    {
        return await Services.GetRequiredService<SubscriptionService>().CreateAsync(new CreateSubscription("test", url, filter, secret), default);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>
/// A webhook receiver on 127.0.0.1: verifies the signature of every request, answers with the status the test
/// chooses, and records what arrived. It can be "down" (not listening) and started later on the same port.
/// </summary>
public sealed class WebhookReceiver(string secret) : IAsyncDisposable
{
    /// <param name="StandardHeaders">The Standard Webhooks headers as received (webhook-id, webhook-timestamp, webhook-signature).</param>
    public sealed record Received(string? DeliveryId, int? Attempt, string Body, bool SignatureValid, int Status, DateTimeOffset At,
        IReadOnlyDictionary<string, string> StandardHeaders)
    {
        public WebhookPayload Payload => JsonSerializer.Deserialize<WebhookPayload>(Body, NotificationJson.Options)!;
    }

    private WebApplication? _app;
    private int _count;

    public string Secret { get; } = secret;
    public int Port { get; } = FreePort();
    public string Url => $"http://127.0.0.1:{Port}/hooks/monitor";
    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>The status to answer the n-th request (1-based) with, when its signature is valid.</summary>
    public Func<int, int> Answer { get; set; } = _ => 200;

    /// <summary>
    /// Awaited before the n-th request (1-based) is answered, with the request's abort token: a slow receiver holds the
    /// delivery open until the test lets it go, or for ever.
    /// </summary>
    public Func<int, CancellationToken, Task> Hold { get; set; } = (_, _) => Task.CompletedTask;

    /// <summary>The delivery id of every request as it arrives, answered or not (<see cref="Requests"/> holds the answered ones).</summary>
    public ConcurrentQueue<string?> Arrived { get; } = new();

    public IReadOnlyList<Received> Accepted => Requests.Where(r => r.SignatureValid && r.Status is >= 200 and < 300).ToList();

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        var app = builder.Build();
        app.MapPost("/hooks/monitor", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var valid = WebhookSignature.Verify(Secret, request.Headers[WebhookSignature.Header], body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
            var n = valid ? Interlocked.Increment(ref _count) : 0;
            Arrived.Enqueue(request.Headers[WebhookSignature.DeliveryHeader]);
            if (valid) await Hold(n, request.HttpContext.RequestAborted);
            var status = valid ? Answer(n) : 400;
            var attempt = int.TryParse(request.Headers[WebhookSignature.AttemptHeader], out var a) ? a : (int?)null;
            var standard = new[] { StandardWebhookSignature.IdHeader, StandardWebhookSignature.TimestampHeader, StandardWebhookSignature.SignatureHeader }
                .Where(h => request.Headers.ContainsKey(h)).ToDictionary(h => h, h => request.Headers[h].ToString());
            Requests.Enqueue(new Received(request.Headers[WebhookSignature.DeliveryHeader], attempt, body, valid, status, DateTimeOffset.UtcNow, standard));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

public static class Eventually
{
    /// <summary>Polls until the condition holds; fails with <paramref name="what"/> after the timeout (30 s: a slow shared machine).</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), what, timeout);
}

/// <summary>
/// The seeds' gold events (seeds/expected.json) as article streams of EventReported, one article per stream, in
/// publication order: what ingestion stores when the extractor reads every seed as an analyst does.
/// </summary>
public static class GoldArticles
{
    public sealed record Article(string File, DateOnly Published, IReadOnlyList<EventReported> Reports)
    {
        public string StreamKey => Reports.Count > 0 ? Reports[0].Article.ArticleId : "article-gold-" + File;
    }

    public static readonly Lazy<IReadOnlyList<Article>> InPublicationOrder = new(Load);

    public static Article Named(string file) => InPublicationOrder.Value.Single(a => a.File == file);

    /// <summary>Appends the article's events to a new stream, as one ingestion does.</summary>
    public static async Task AppendAsync(IDocumentStore store, Article article)
    {
        await using var session = store.LightweightSession();
        session.Events.StartStream(article.StreamKey, article.Reports.Cast<object>().ToArray());
        await session.SaveChangesAsync();
    }

    private static IReadOnlyList<Article> Load()
    {
        using var gold = JsonDocument.Parse(File.ReadAllText(Path.Combine(MonitorTestHost.SeedsFolder, "expected.json")));
        var articles = new List<Article>();
        foreach (var a in gold.RootElement.GetProperty("articles").EnumerateArray())
        {
            var file = a.GetProperty("file").GetString()!;
            var metadata = MonitorTestHost.SeedManifest.Value[file];
            var published = metadata.Published ?? throw new InvalidOperationException($"{file} has no publication date");
            var id = "article-gold-" + Path.GetFileNameWithoutExtension(file);
            var source = new ArticleSource(id, metadata.Publisher, metadata.Url, published, null, "gold-" + file);
            var reports = a.GetProperty("events").EnumerateArray()
                .Select((e, i) => new EventReported(ArticleStream.ReportId(id, "gold", i), source, EventOf(e), "gold"))
                .ToList();
            articles.Add(new Article(file, published, reports));
        }
        return articles.OrderBy(a => a.Published).ThenBy(a => a.File, StringComparer.Ordinal).ToList();
    }

    private static ExtractedEvent EventOf(JsonElement e)
    {
        string? Text(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        DateOnly? Day(string name) => Text(name) is { } s ? DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : null;
        var type = Enum.Parse<WorldEventType>(Text("type")!);
        var precision = Vocabulary.ParsePrecision(Text("precision") ?? "unknown");
        var date = Text("date") is not { } d
            ? EventDate.Unknown(Day("not_before"), Day("not_after"))
            : precision switch
            {
                DatePrecision.Day => EventDate.Day(DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture)),
                DatePrecision.Month => EventDate.Month(int.Parse(d[..4], System.Globalization.CultureInfo.InvariantCulture), int.Parse(d[5..7], System.Globalization.CultureInfo.InvariantCulture)),
                DatePrecision.Year => EventDate.Year(int.Parse(d[..4], System.Globalization.CultureInfo.InvariantCulture)),
                _ => EventDate.Unknown(Day("not_before"), Day("not_after")),
            };
        var parties = e.TryGetProperty("parties", out var p) ? p.EnumerateArray().Select(x => x.GetString()!).Order(StringComparer.Ordinal).ToList() : [];
        int? count = e.TryGetProperty("count", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : null;
        var quote = Text("quote") ?? "";
        return new ExtractedEvent(type, Text("source"), Text("target"), parties, Text("area"), count, date,
            Vocabulary.ParseModality(Text("modality") ?? "asserted"), 0.8, "gold", "1", [new Evidence(0, 0, quote.Length, quote)]);
    }
}
