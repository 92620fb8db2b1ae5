using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitoring.Api.Hosting;
using Monitoring.Api.Keys;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Api;

/// <summary>
/// The HTTP service exactly as <c>monitor serve</c> wires it (AddMonitor, AddMonitorWeb, MapMonitor), on a real Kestrel on
/// a free loopback port over a fresh schema, with one API key. One per test class (a class fixture).
/// </summary>
public class ApiHost(PostgresServer server) : IAsyncLifetime
{
    private WebApplication _app = null!;

    public string Schema { get; } = PostgresServer.NewSchema("api");
    public Uri BaseAddress { get; private set; } = null!;
    public IDocumentStore Store => _app.Services.GetRequiredService<IDocumentStore>();
    public IServiceProvider Services => _app.Services;
    public string Key { get; private set; } = "";
    public PostgresServer Server => server;

    protected virtual MonitorWebSettings Settings => new();

    /// <summary>Where the service finds PostgreSQL (the fault suite puts a connection it can cut in between).</summary>
    protected virtual string ConnectionString => server.ConnectionString;

    protected virtual void Configure(WebApplicationBuilder builder)
    {
    }

    public virtual async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddMonitor(new MonitorSettings(ConnectionString, Schema));
        builder.AddMonitorWeb(Settings);
        Configure(builder);
        _app = builder.Build();
        _app.MapMonitor();
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());
        Key = await CreateKeyAsync("tests");
    }

    /// <param name="scopes">What the key may do; by default what every key could do before scopes existed, and corrections.</param>
    public async Task<string> CreateKeyAsync(string name, IReadOnlyCollection<ApiKeyScope>? scopes = null)
    {
        return (await Services.GetRequiredService<ApiKeyService>().CreateAsync(name,
            scopes ?? [ApiKeyScope.Read, ApiKeyScope.Ingest, ApiKeyScope.Analyst, ApiKeyScope.Admin], default)).Secret;
    }

    /// <summary>A client without a key, or with <paramref name="key"/> in X-Api-Key.</summary>
    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        if (key is not null) client.DefaultRequestHeaders.Add(ApiKeys.HeaderName, key);
        return client;
    }

    public HttpClient KeyedClient() => Client(Key);

    public HttpClient BearerClient()
    {
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return client;
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public static class Http
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 answer: the status, application/problem+json, the title, and a detail containing <paramref name="detail"/>.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string title, string? detail = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal(title, problem.GetProperty("title").GetString());
        if (detail is not null) Assert.Contains(detail, problem.GetProperty("detail").GetString());
        return problem;
    }

    /// <summary>A 400 validation problem whose errors name <paramref name="parameter"/>.</summary>
    public static async Task<string> InvalidAsync(this HttpResponseMessage response, string parameter)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "Invalid request", parameter + ":");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(parameter, out var messages), $"the errors name {parameter}: {errors}");
        return messages[0].GetString()!;
    }

    public static IEnumerable<JsonElement> Items(this JsonElement array) => array.EnumerateArray();
}
