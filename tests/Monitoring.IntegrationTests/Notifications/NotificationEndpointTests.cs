using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.Notifications.Detection;
using Monitoring.Notifications.Webhooks;

namespace Monitoring.IntegrationTests.Notifications;

[Collection(PostgresCollection.Name)]
public sealed class NotificationEndpointTests(PostgresServer server)
{
    private const string Secret = "whsec_test_0123456789abcdef";

    [Fact]
    public async Task sse_client_connected_before_ingest_receives_the_change_and_resumes_without_repeats()
    {
        await using var host = await NotificationHost.StartAsync(server, PostgresServer.NewSchema("notifysse"));
        using var http = host.Client();
        var articles = GoldArticles.InPublicationOrder.Value;
        var first = articles.TakeWhile(a => a.File != "004_51c27842803473e4.txt").ToList();
        var rest = articles.Skip(first.Count).ToList();

        var live = await SseClient.ConnectAsync(http, "/notifications/stream?pair=NER-USA&confidenceChanges=true");
        foreach (var article in first)
        {
            await GoldArticles.AppendAsync(host.Store, article);
            await host.CaughtUpAsync();
        }
        await Eventually.HoldsAsync(() => live.Changes.Any(c => c.Dimension == "agreements" && c.After == "denounced"), "the denunciation on the live stream");
        var expectedSoFar = (await host.ChangesAsync("NER-USA")).Select(c => c.Id).ToList();
        await Eventually.HoldsAsync(() => live.Changes.Count == expectedSoFar.Count, "every NER-USA change so far on the live stream");
        await live.DisposeAsync();
        Assert.Equal(expectedSoFar, live.Changes.Select(c => c.Id));
        Assert.Equal(live.Changes.Select(c => c.Id.ToString()), live.EventIds);

        foreach (var article in rest)
            await GoldArticles.AppendAsync(host.Store, article);
        await host.CaughtUpAsync();
        var all = (await host.ChangesAsync("NER-USA")).Select(c => c.Id).ToList();
        Assert.True(all.Count > expectedSoFar.Count, "the later articles change NER-USA too (troop presence, withdrawal demanded)");

        await using var resumed = await SseClient.ConnectAsync(http, "/notifications/stream?pair=NER-USA&confidenceChanges=true", lastEventId: live.EventIds[^1]);
        await Eventually.HoldsAsync(() => resumed.Changes.Count >= all.Count - expectedSoFar.Count, "the changes missed while disconnected");
        Assert.Equal(all.Except(expectedSoFar), resumed.Changes.Select(c => c.Id));
        Assert.Empty(resumed.Changes.Select(c => c.Id).Intersect(live.Changes.Select(c => c.Id)));
    }

    [Fact]
    public async Task the_change_list_filters_before_it_pages_and_walks_to_the_end_with_no_gap_or_repeat()
    {
        await using var host = await NotificationHost.StartAsync(server, PostgresServer.NewSchema("notifypages"));
        using var http = host.Client();
        foreach (var article in GoldArticles.InPublicationOrder.Value) await GoldArticles.AppendAsync(host.Store, article);
        await host.CaughtUpAsync();
        var stored = (await host.ChangesAsync()).ToList();
        var expected = stored.Where(c => c.Pair == "FRA-NER" && c.Kind != Monitoring.Domain.Relationships.ChangeKind.Confidence).Select(c => c.Id).ToList();
        Assert.True(expected.Count >= 2 && expected.Count < stored.Count, $"{expected.Count} FRA-NER changes among {stored.Count}");

        // Two per page: the first page must hold two FRA-NER changes even when others come first in the feed.
        var walked = (await Monitoring.IntegrationTests.Discovery.DiscoveryApiTests.WalkAsync(http, "/notifications?pair=FRA-NER&limit=2"))
            .Select(c => c.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(expected, walked);
        var first = await (await http.GetAsync("/notifications?pair=FRA-NER&limit=2")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        var everything = (await Monitoring.IntegrationTests.Discovery.DiscoveryApiTests.WalkAsync(http, "/notifications?limit=3&confidenceChanges=true"))
            .Select(c => c.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(stored.Select(c => c.Id), everything);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/notifications?limit=0")).StatusCode);
    }

    [Fact]
    public async Task subscriptions_walked_two_at_a_time_are_every_one_oldest_first()
    {
        await using var host = await NotificationHost.StartAsync(server, PostgresServer.NewSchema("notifysubpages"), backgroundWork: false);
        using var http = host.Client();
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var answer = await http.PostAsJsonAsync("/subscriptions", new { name = $"desk {i}", url = $"http://127.0.0.1:9/hook{i}" });
            created.Add((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }
        var walked = (await Monitoring.IntegrationTests.Discovery.DiscoveryApiTests.WalkAsync(http, "/subscriptions?limit=2"))
            .Select(s => s.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(created, walked);
    }

    [Fact]
    public async Task subscriptions_are_created_listed_paused_resumed_and_deleted_over_http()
    {
        await using var receiver = new WebhookReceiver(Secret);
        await receiver.StartAsync();
        await using var host = await NotificationHost.StartAsync(server, PostgresServer.NewSchema("notifyhttp"));
        using var http = host.Client();

        var invalid = await http.PostAsJsonAsync("/subscriptions", new { name = "", url = "ftp://nowhere", filter = new { minConfidence = 2 } });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = await invalid.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("minConfidence", out _));

        var created = await http.PostAsJsonAsync("/subscriptions",
            new { name = "analyst", url = receiver.Url, secret = Secret, filter = new { actors = new[] { "ner", "usa" }, dimensions = new[] { "agreements" } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var subscription = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = subscription.GetProperty("id").GetGuid();
        Assert.Equal(Secret, subscription.GetProperty("secret").GetString());

        var listed = await http.GetFromJsonAsync<JsonElement>("/subscriptions");
        var only = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.False(only.TryGetProperty("secret", out _));
        Assert.Equal(["NER", "USA"], only.GetProperty("filter").GetProperty("actors").EnumerateArray().Select(a => a.GetString()));

        Assert.True((await http.PostAsync($"/subscriptions/{id}/pause", null)).IsSuccessStatusCode);
        Assert.True((await http.GetFromJsonAsync<JsonElement>($"/subscriptions/{id}")).GetProperty("paused").GetBoolean());
        Assert.True((await http.PostAsync($"/subscriptions/{id}/resume", null)).IsSuccessStatusCode);

        await GoldArticles.AppendAsync(host.Store, GoldArticles.Named("003_a455b231be305d8d.txt"));
        await Eventually.HoldsAsync(async () =>
                (await http.GetFromJsonAsync<JsonElement>($"/subscriptions/{id}/deliveries")).GetProperty("items").EnumerateArray().Any(d => d.GetProperty("status").GetString() == "sent"),
            "a sent delivery in the subscription's history");
        var delivery = Assert.Single((await http.GetFromJsonAsync<JsonElement>($"/subscriptions/{id}/deliveries")).GetProperty("items").EnumerateArray());
        var deliveryId = delivery.GetProperty("id").GetGuid();

        var resend = await http.PostAsync($"/subscriptions/{id}/deliveries/{deliveryId}/resend", null);
        Assert.Equal(HttpStatusCode.Accepted, resend.StatusCode);
        await Eventually.HoldsAsync(() => receiver.Accepted.Count == 2, "the resent webhook");
        Assert.All(receiver.Accepted, r => Assert.Equal(deliveryId.ToString(), r.DeliveryId));

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"/subscriptions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/subscriptions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync($"/subscriptions/{id}/pause", null)).StatusCode);
    }

    [Fact]
    public async Task bad_stream_filter_is_a_problem_not_a_stream()
    {
        await using var host = await NotificationHost.StartAsync(server, PostgresServer.NewSchema("notifybad"));
        using var http = host.Client();

        var response = await http.GetAsync("/notifications/stream?type=NoSuchEvent&minConfidence=x");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("type", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("minConfidence", out _));
    }
}

/// <summary>A Server-Sent Events client that collects relationship-changed events in the background.</summary>
public sealed class SseClient : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<(string Id, RelationshipChanged Change)> _events = new();
    private Task _reading = Task.CompletedTask;

    public IReadOnlyList<RelationshipChanged> Changes => _events.Select(e => e.Change).ToList();
    public IReadOnlyList<string> EventIds => _events.Select(e => e.Id).ToList();

    public static async Task<SseClient> ConnectAsync(HttpClient http, string path, string? lastEventId = null)
    {
        var client = new SseClient();
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, client._stop.Token);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(client._stop.Token));
        // The server writes a comment first: once it is read, the stream's starting point is fixed.
        Assert.StartsWith(":", await reader.ReadLineAsync(client._stop.Token));
        client._reading = client.ReadAsync(response, reader);
        return client;
    }

    private async Task ReadAsync(HttpResponseMessage response, StreamReader reader)
    {
        string? id = null, data = null;
        try
        {
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.StartsWith("id: ", StringComparison.Ordinal)) id = line[4..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
                else if (line.Length == 0 && id is not null && data is not null)
                {
                    _events.Enqueue((id, JsonSerializer.Deserialize<RelationshipChanged>(data, NotificationJson.Options)!));
                    id = data = null;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
        }
        finally
        {
            response.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading;
        _stop.Dispose();
    }
}
