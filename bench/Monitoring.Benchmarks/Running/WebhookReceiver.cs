using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Monitoring.Benchmarks.Running;

/// <summary>The subscriber: answers 200 and counts, per change, the webhooks that brought it.</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public WebhookReceiver()
    {
        using (var socket = new TcpListener(IPAddress.Loopback, 0))
        {
            socket.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)socket.LocalEndpoint).Port}/hook/";
        }
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception) when (!_listener.IsListening) { return; }
                catch (HttpListenerException) { return; }
                try
                {
                    var payload = await JsonSerializer.DeserializeAsync<JsonObject>(context.Request.InputStream);
                    var change = payload!["change"]!;
                    var id = change["id"]!.GetValue<long>();
                    Received.AddOrUpdate(id, 1, (_, n) => n + 1);
                    Deliveries.Add((id, change["recordedAt"]!.GetValue<DateTimeOffset>(), DateTimeOffset.UtcNow));
                    context.Response.StatusCode = 200;
                }
                catch (JsonException)
                {
                    context.Response.StatusCode = 400;
                }
                context.Response.Close();
            }
        });
    }

    public string Url { get; }
    public ConcurrentDictionary<long, int> Received { get; } = new();
    public ConcurrentBag<(long ChangeId, DateTimeOffset RecordedAt, DateTimeOffset ReceivedAt)> Deliveries { get; } = [];

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(2));
    }
}
