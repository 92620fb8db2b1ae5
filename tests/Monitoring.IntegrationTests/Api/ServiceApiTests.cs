using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Hosting;
using Monitoring.IntegrationTests.Browser;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Api;

/// <summary>What every client relies on: health, readiness, the OpenAPI document, the reference page, the page at /, errors.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ServiceApiTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task health_and_ready_answer_without_a_key()
    {
        using var http = host.Client();
        Assert.Equal("ok", (await (await http.GetAsync("/health")).JsonAsync()).GetProperty("status").GetString());
        Assert.Equal("ready", (await (await http.GetAsync("/ready")).JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task openapi_document_describes_every_operation_and_the_api_key()
    {
        using var http = host.Client();
        var document = await (await http.GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = document.GetProperty("paths");
        foreach (var (path, method) in new[]
                 {
                     ("/articles", "post"), ("/articles/{id}", "get"), ("/relationships", "get"), ("/relationships/{a}/{b}", "get"),
                     ("/relationships/{a}/{b}/timeline", "get"), ("/relationships/{a}/{b}/audit", "get"), ("/events", "get"),
                     ("/health", "get"), ("/ready", "get"), ("/subscriptions", "post"), ("/notifications/stream", "get"),
                 })
            Assert.True(paths.TryGetProperty(path, out var item) && item.TryGetProperty(method, out _), $"{method.ToUpperInvariant()} {path} is in the document");
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
        var ingest = paths.GetProperty("/articles").GetProperty("post");
        Assert.True(ingest.GetProperty("security")[0].TryGetProperty("ApiKey", out _), ingest.GetProperty("security").ToString());
        Assert.False(paths.GetProperty("/relationships").GetProperty("get").TryGetProperty("security", out _), "reads are open by default");
        Assert.True(paths.GetProperty("/subscriptions").GetProperty("get").TryGetProperty("security", out _), "subscription management is keyed");
        var asOf = paths.GetProperty("/relationships/{a}/{b}").GetProperty("get").GetProperty("parameters").Items()
            .Single(p => p.GetProperty("name").GetString() == "asOf");
        Assert.Equal("query", asOf.GetProperty("in").GetString());
    }

    [Fact]
    public async Task reference_page_loads_its_script_from_the_service_not_a_cdn()
    {
        using var http = host.Client();
        var page = await (await http.GetAsync("/scalar/")).Content.ReadAsStringAsync();
        Assert.Contains("<script src=\"scalar.js\"></script>", page);
        Assert.DoesNotContain("cdn.", page);
        var script = await http.GetAsync("/scalar/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 100_000, "the whole Scalar bundle is served from the package");
    }

    [BrowserFact]
    public async Task reference_page_renders_the_operations_with_every_request_to_the_service()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        var requests = new List<string>();
        var console = new List<string>();
        page.Request += (_, r) => requests.Add(r.Url);
        page.Console += (_, m) => console.Add(m.Type + ": " + m.Text);
        page.PageError += (_, e) => console.Add("error: " + e);
        await page.GotoAsync(new Uri(host.BaseAddress, "/scalar/").ToString());
        try
        {
            // The first group (Articles) opens with its operations; the others are listed by tag.
            await page.GetByText("One article: its text, metadata and the events of its current extraction.").First.WaitForAsync(new() { Timeout = 30_000 });
            await page.GetByText("Relationships").First.WaitForAsync(new() { Timeout = 5_000 });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nrequests: {string.Join("\n", requests)}\nconsole: {string.Join("\n", console)}\ntext: {await page.InnerTextAsync("body")}");
        }
        Assert.NotEmpty(requests);
        Assert.All(requests, url => Assert.True(url.StartsWith(host.BaseAddress.ToString(), StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal), url));
    }

    [Fact]
    public async Task page_at_the_root_is_the_service_pages_index()
    {
        using var http = host.Client();
        var response = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var index = await File.ReadAllTextAsync(Path.Combine(PostgresServer.RepositoryRoot, "src", "Monitoring.Api", "wwwroot", "index.html"));
        Assert.Equal(index, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task subscription_management_needs_a_key_even_to_read()
    {
        using var anonymous = host.Client();
        await (await anonymous.GetAsync("/subscriptions")).ProblemAsync(HttpStatusCode.Unauthorized, "API key required");
        await (await anonymous.DeleteAsync($"/subscriptions/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.Unauthorized, "API key required");
        using var keyed = host.KeyedClient();
        Assert.Equal(JsonValueKind.Array, (await (await keyed.GetAsync("/subscriptions")).JsonAsync()).GetProperty("items").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/notifications")).StatusCode);
    }

    [Fact]
    public async Task unknown_route_and_wrong_method_are_problem_details()
    {
        using var http = host.KeyedClient();
        await (await http.GetAsync("/nowhere")).ProblemAsync(HttpStatusCode.NotFound, "Not Found");
        await (await http.DeleteAsync("/relationships")).ProblemAsync(HttpStatusCode.MethodNotAllowed, "Method Not Allowed");
    }
}

/// <summary>The service with MONITOR_READS_REQUIRE_KEY=true.</summary>
public sealed class KeyedReadsApiHost(PostgresServer server) : ApiHost(server)
{
    protected override MonitorWebSettings Settings => new() { ReadsRequireKey = true };
}

[Collection(PostgresCollection.Name)]
public sealed class KeyedReadsApiTests(KeyedReadsApiHost host) : IClassFixture<KeyedReadsApiHost>
{
    [Fact]
    public async Task reads_need_a_key_when_configured_but_health_and_the_reference_do_not()
    {
        using var anonymous = host.Client();
        await (await anonymous.GetAsync("/relationships")).ProblemAsync(HttpStatusCode.Unauthorized, "API key required", "X-Api-Key");
        await (await anonymous.GetAsync("/events")).ProblemAsync(HttpStatusCode.Unauthorized, "API key required");
        await (await anonymous.GetAsync("/subscriptions")).ProblemAsync(HttpStatusCode.Unauthorized, "API key required");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/scalar/")).StatusCode);

        using var keyed = host.KeyedClient();
        Assert.Equal(0, (await (await keyed.GetAsync("/relationships")).JsonAsync()).GetProperty("items").GetArrayLength());
        using var bearer = host.BearerClient();
        Assert.Equal(0, (await (await bearer.GetAsync("/events")).JsonAsync()).GetProperty("items").GetArrayLength());
    }
}

/// <summary>
/// A service whose readiness probe looks at a database that does not answer (a closed loopback port), while the store
/// itself runs on the real one: the probe's own view, as when the database goes away under a running service.
/// </summary>
public sealed class UnreachableDatabaseApiHost(PostgresServer server) : ApiHost(server)
{
    protected override void Configure(WebApplicationBuilder builder)
    {
        using var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        builder.Services.AddSingleton(new MonitorSettings($"Host=127.0.0.1;Port={port};Username=nobody;Database=none;Timeout=2"));
    }
}

[Collection(PostgresCollection.Name)]
public sealed class ReadinessApiTests(UnreachableDatabaseApiHost host) : IClassFixture<UnreachableDatabaseApiHost>
{
    [Fact]
    public async Task ready_is_a_503_problem_while_the_database_does_not_answer_and_health_stays_ok()
    {
        using var http = host.Client();
        await (await http.GetAsync("/ready")).ProblemAsync(HttpStatusCode.ServiceUnavailable, "Database unreachable", "PostgreSQL");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
    }
}
