using System.Net;
using System.Net.Sockets;
using System.Text;
using Monitoring.IntegrationTests.Api;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.IntegrationTests.Notifications;
using Npgsql;

namespace Monitoring.IntegrationTests.Faults;

/// <summary>
/// Fault suite, issue 15 defect 6: with PostgreSQL out of reach, reads and writes answer 503 with Retry-After (with a
/// key too: checking it needs the database), /health answers, /ready says not ready without naming the database's host
/// or port, and the service answers again once PostgreSQL is back, without a restart. The outage is real: the service
/// reaches the shared test server through a TCP relay that the test cuts (every connection closed, the port refused).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OutageTests(OutageTests.Host host) : IClassFixture<OutageTests.Host>
{
    public sealed class Host(PostgresServer server) : ApiHost(server)
    {
        public Relay Relay { get; } = new(new NpgsqlConnectionStringBuilder(server.ConnectionString));

        protected override string ConnectionString =>
            new NpgsqlConnectionStringBuilder(Server.ConnectionString) { Host = "127.0.0.1", Port = Relay.Port }.ConnectionString;

        public override async Task InitializeAsync()
        {
            Relay.Plug();
            await base.InitializeAsync();
        }
    }

    [Fact]
    public async Task with_postgresql_unreachable_requests_answer_503_with_retry_after_health_answers_and_ready_names_no_host()
    {
        using var keyed = host.KeyedClient();
        using var anonymous = host.Client();
        Assert.Equal(HttpStatusCode.OK, (await keyed.GetAsync("/relationships")).StatusCode);

        host.Relay.Unplug();
        try
        {
            foreach (var (client, request) in new (HttpClient, Func<HttpRequestMessage>)[]
                     {
                         (keyed, () => new HttpRequestMessage(HttpMethod.Get, "/relationships")),
                         (anonymous, () => new HttpRequestMessage(HttpMethod.Get, "/relationships")),
                         (keyed, () => new HttpRequestMessage(HttpMethod.Get, "/events")),
                         (keyed, () => new HttpRequestMessage(HttpMethod.Post, "/articles?published=2024-03-17")
                         {
                             Content = new StringContent("Niger denounced its military agreement with the United States.", Encoding.UTF8, "text/plain"),
                         }),
                     })
            {
                using var message = request();
                var response = await client.SendAsync(message);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{message.Method} {message.RequestUri}: {(int)response.StatusCode} {body}");
                Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
                Assert.Contains("Database unavailable", body);
            }

            Assert.Equal(HttpStatusCode.OK, (await keyed.GetAsync("/health")).StatusCode);
            var ready = await anonymous.GetAsync("/ready");
            var readyBody = await ready.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("Database unreachable", readyBody);
            Assert.DoesNotContain("127.0.0.1", readyBody);
            Assert.DoesNotContain(host.Relay.Port.ToString(), readyBody);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await keyed.GetAsync("/ready")).StatusCode);
        }
        finally
        {
            host.Relay.Plug();
        }

        // Back without a restart: the pool reconnects (its broken connections fail once each, then are replaced).
        await Eventually.HoldsAsync(async () => (await keyed.GetAsync("/relationships")).StatusCode == HttpStatusCode.OK, "the service to answer again");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/ready")).StatusCode);
    }

    /// <summary>A TCP relay to PostgreSQL on a port of its own; <see cref="Unplug"/> closes every connection and refuses new ones.</summary>
    public sealed class Relay(NpgsqlConnectionStringBuilder target) : IDisposable
    {
        private readonly List<TcpClient> _open = [];
        private TcpListener? _listener;
        private CancellationTokenSource _stop = new();

        public int Port { get; } = FreePort();

        public void Plug()
        {
            _stop = new CancellationTokenSource();
            _listener = new TcpListener(IPAddress.Loopback, Port);
            _listener.Start();
            _ = AcceptAsync(_listener, _stop.Token);
        }

        public void Unplug()
        {
            _stop.Cancel();
            _listener?.Stop();
            lock (_open)
            {
                foreach (var c in _open) c.Dispose();
                _open.Clear();
            }
        }

        private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
        {
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    var client = await listener.AcceptTcpClientAsync(ct);
                    var server = new TcpClient();
                    await server.ConnectAsync(target.Host!, target.Port, ct);
                    lock (_open) _open.AddRange([client, server]);
                    _ = PipeAsync(client, server, ct);
                    _ = PipeAsync(server, client, ct);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Unplugged.
            }
        }

        private static async Task PipeAsync(TcpClient from, TcpClient to, CancellationToken ct)
        {
            try
            {
                await from.GetStream().CopyToAsync(to.GetStream(), ct);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
            {
                // One side closed: close the other.
            }
            finally
            {
                from.Dispose();
                to.Dispose();
            }
        }

        private static int FreePort()
        {
            using var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            return ((IPEndPoint)l.LocalEndpoint).Port;
        }

        public void Dispose() => Unplug();
    }
}
