using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Monitoring.Feeds.Outbound;

namespace Monitoring.Feeds.Tests;

/// <summary>Receivers and feeds on private addresses are refused unless configured (SSRF): at the URL and after DNS.</summary>
public sealed class OutboundAddressTests
{
    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://127.0.0.1:5080/hook")]
    [InlineData("http://127.1/hook")]
    [InlineData("http://0x7f000001/hook")]
    [InlineData("http://2130706433/hook")]
    [InlineData("http://10.0.0.8/hook")]
    [InlineData("http://172.20.1.1/hook")]
    [InlineData("http://192.168.1.1/hook")]
    [InlineData("http://100.64.0.1/hook")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://localhost:8080/hook")]
    [InlineData("http://api.localhost/hook")]
    public void private_and_reserved_targets_are_refused_by_default(string url)
    {
        Assert.Contains(OutboundAddresses.AllowPrivateVariable, OutboundAddresses.Refusal(url, allowPrivate: false));
        Assert.Null(OutboundAddresses.Refusal(url, allowPrivate: true));
    }

    [Theory]
    [InlineData("https://hooks.example.org/monitor")]
    [InlineData("http://93.184.215.14/hook")]
    [InlineData("https://[2606:4700::1111]/hook")]
    public void public_targets_are_accepted(string url) => Assert.Null(OutboundAddresses.Refusal(url, allowPrivate: false));

    [Theory]
    [InlineData("javascript:alert(1)", "http or https")]
    [InlineData("file:///etc/passwd", "http or https")]
    [InlineData("ftp://example.org/", "http or https")]
    [InlineData("https://user:pw@example.org/", "user name")]
    [InlineData("", "required")]
    public void only_plain_http_urls_are_targets_even_when_private_ones_are_allowed(string url, string reason) =>
        Assert.Contains(reason, OutboundAddresses.Refusal(url, allowPrivate: true));

    [Fact]
    public void an_overlong_url_is_refused() =>
        Assert.Contains("longer", OutboundAddresses.Refusal("https://example.org/" + new string('a', 3000), allowPrivate: false));

    [Fact]
    public async Task a_name_that_resolves_to_loopback_is_refused_when_connecting()
    {
        await using var receiver = await Receiver.StartAsync();
        using var client = new HttpClient(OutboundAddresses.Handler(allowPrivate: false));
        // "localhost" passes no literal check here on purpose: the connect-time check must catch what DNS returns.
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://localhost:{receiver.Port}/"));
        Assert.Contains("private or reserved", OutboundAddresses.Describe(e));
        Assert.DoesNotContain(receiver.Port.ToString(), OutboundAddresses.Describe(e));
        Assert.Equal(0, receiver.Hits);
    }

    [Fact]
    public async Task loopback_is_reached_when_private_targets_are_allowed_and_redirects_are_not_followed()
    {
        await using var receiver = await Receiver.StartAsync();
        using var client = new HttpClient(OutboundAddresses.Handler(allowPrivate: true));
        using var response = await client.PostAsync($"http://127.0.0.1:{receiver.Port}/redirect", new StringContent("signed body"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, receiver.Hits);   // the redirect's target was never asked
    }

    [Fact]
    public async Task an_answer_larger_than_the_limit_is_an_error_not_a_buffer()
    {
        await using var receiver = await Receiver.StartAsync();
        using var client = new HttpClient(OutboundAddresses.Handler(allowPrivate: true));
        using var response = await client.GetAsync($"http://127.0.0.1:{receiver.Port}/large", HttpCompletionOption.ResponseHeadersRead);
        var e = await Assert.ThrowsAsync<OutboundRefusedException>(() => OutboundAddresses.ReadBoundedAsync(response.Content, 64 * 1024, default));
        Assert.Contains("larger than 65536 bytes", e.Message);
        using var small = await client.GetAsync($"http://127.0.0.1:{receiver.Port}/small", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(5, (await OutboundAddresses.ReadBoundedAsync(small.Content, 64 * 1024, default)).Length);
    }

    [Fact]
    public void errors_are_described_without_the_address_tried()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (10.1.2.3:8443)");
        Assert.Equal("the receiver could not be reached", OutboundAddresses.Describe(refused));
        Assert.Equal("timed out", OutboundAddresses.Describe(new TaskCanceledException()));
    }

    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _hits;

        private Receiver(WebApplication app, int port) => (_app, Port) = (app, port);

        public int Port { get; }
        public int Hits => Volatile.Read(ref _hits);

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            Receiver? self = null;
            app.Use(async (context, next) => { Interlocked.Increment(ref self!._hits); await next(context); });
            app.MapPost("/redirect", () => Results.Redirect("/elsewhere"));
            app.MapPost("/elsewhere", () => Results.Ok());
            app.MapGet("/small", () => Results.Text("hello"));
            app.MapGet("/large", async (HttpResponse response) =>
            {
                var block = new byte[64 * 1024];
                for (var i = 0; i < 16; i++) await response.Body.WriteAsync(block);
            });
            app.MapGet("/", () => Results.Ok());
            await app.StartAsync();
            var port = new Uri(app.Urls.First()).Port;
            self = new Receiver(app, port);
            return self;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
