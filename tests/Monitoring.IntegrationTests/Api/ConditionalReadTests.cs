using System.Net;
using Monitoring.Api.Hosting;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Api;

/// <summary>Reads carry an ETag, answer 304 to a matching If-None-Match, and answer HEAD; the seeds' gold events behind them.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ConditionalReadTests(GoldApiHost host) : IClassFixture<GoldApiHost>
{
    [Fact]
    public async Task a_read_sent_back_its_etag_is_304_with_no_body_and_a_changed_question_is_200()
    {
        using var http = host.Client();
        using var first = await http.GetAsync("/relationships/USA/NER?asOf=2024-01-01");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var tag = first.Headers.ETag;
        Assert.NotNull(tag);
        Assert.False(tag!.IsWeak);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/relationships/USA/NER?asOf=2024-01-01");
        again.Headers.IfNoneMatch.Add(tag);
        using var notModified = await http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(tag, notModified.Headers.ETag);

        using var other = new HttpRequestMessage(HttpMethod.Get, "/relationships/USA/NER");
        other.Headers.IfNoneMatch.Add(tag);
        using var changed = await http.SendAsync(other);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(tag, changed.Headers.ETag);
    }

    [Fact]
    public async Task head_answers_like_get_without_the_body()
    {
        using var http = host.Client();
        using var get = await http.GetAsync("/actors?stored=true");
        var body = await get.Content.ReadAsByteArrayAsync();
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/actors?stored=true"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(body.Length, head.Content.Headers.ContentLength);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        using var missing = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/relationships/USA/Atlantis"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task without_configured_origins_no_cross_origin_answer_is_given()
    {
        using var http = host.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/actors");
        request.Headers.Add("Origin", "https://desk.example.org");
        using var answer = await http.SendAsync(request);
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"));
    }
}

/// <summary>The service with one allowed origin (MONITOR_CORS_ORIGINS).</summary>
public sealed class CorsApiHost(PostgresServer server) : ApiHost(server)
{
    protected override MonitorWebSettings Settings => new() { CorsOrigins = ["https://desk.example.org"] };
}

[Collection(PostgresCollection.Name)]
public sealed class CorsTests(CorsApiHost host) : IClassFixture<CorsApiHost>
{
    [Fact]
    public async Task a_configured_origin_gets_cross_origin_answers_and_others_do_not()
    {
        using var http = host.Client();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/relationships");
        preflight.Headers.Add("Origin", "https://desk.example.org");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "x-api-key");
        using var allowed = await http.SendAsync(preflight);
        Assert.Equal("https://desk.example.org", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());

        using var read = new HttpRequestMessage(HttpMethod.Get, "/actors");
        read.Headers.Add("Origin", "https://desk.example.org");
        using var answer = await http.SendAsync(read);
        Assert.Contains("ETag", answer.Headers.GetValues("Access-Control-Expose-Headers").Single());

        using var stranger = new HttpRequestMessage(HttpMethod.Get, "/actors");
        stranger.Headers.Add("Origin", "https://elsewhere.example.com");
        using var refused = await http.SendAsync(stranger);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
