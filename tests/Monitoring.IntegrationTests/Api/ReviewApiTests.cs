using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Api.Keys;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.IntegrationTests.Notifications;

namespace Monitoring.IntegrationTests.Api;

/// <summary>The service over seed 003's gold events alone: the only source of the US–Niger denunciation.</summary>
public sealed class DenunciationApiHost(PostgresServer server) : ApiHost(server)
{
    public GoldArticles.Article Article { get; } = GoldArticles.Named("003_a455b231be305d8d.txt");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await GoldArticles.AppendAsync(Store, Article);
    }

    public Guid Denunciation => Article.Reports.Single(r => r.Event.Type == Monitoring.Domain.WorldEventType.AgreementDenounced).ReportId;
}

/// <summary>GET /review, the corrections over HTTP, and the scopes they need.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReviewApiTests(DenunciationApiHost host) : IClassFixture<DenunciationApiHost>
{
    private static string? Status(JsonElement state, string key) =>
        state.GetProperty("dimensions").Items().FirstOrDefault(d => d.GetProperty("key").GetString() == key) is { ValueKind: JsonValueKind.Object } d
            ? d.GetProperty("status").GetString()
            : null;

    [Fact]
    public async Task a_key_without_the_analyst_scope_gets_403_naming_it_and_no_key_gets_401()
    {
        using var ingestOnly = host.Client(await host.CreateKeyAsync("ingest-bot", [ApiKeyScope.Read, ApiKeyScope.Ingest]));
        using var anonymous = host.Client();

        var forbidden = await ingestOnly.PostAsJsonAsync($"/events/{host.Denunciation}/retract", new { reason = "not an analyst" });
        var unauthorized = await anonymous.PostAsJsonAsync($"/events/{host.Denunciation}/retract", new { reason = "nobody" });
        var admin = await ingestOnly.GetAsync("/subscriptions");

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
        var problem = await forbidden.JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal("analyst", problem.GetProperty("scope").GetString());
        Assert.Contains("'analyst' scope", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        Assert.Equal("denounced", Status(await (await anonymous.GetAsync("/relationships/USA/NER")).JsonAsync(), "agreements"));
        // Reads stay open.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/review")).StatusCode);
    }

    [Fact]
    public async Task an_analysts_key_retracts_in_its_name_the_audit_shows_it_and_undo_restores_the_state()
    {
        using var alice = host.Client(await host.CreateKeyAsync("alice", [ApiKeyScope.Analyst]));
        using var reader = host.Client();
        var queue = (await (await reader.GetAsync("/review?pair=NER-USA")).JsonAsync()).GetProperty("items").Items().ToList();
        Assert.Equal(host.Denunciation.ToString(), queue[0].GetProperty("eventId").GetString());

        var retracted = await alice.PostAsJsonAsync($"/events/{host.Denunciation}/retract", new { reason = "a rumour" });
        Assert.Equal(HttpStatusCode.Created, retracted.StatusCode);
        var correction = await retracted.JsonAsync(HttpStatusCode.Created);
        Assert.Equal("alice", correction.GetProperty("analyst").GetString());
        Assert.Equal("retracted", correction.GetProperty("kind").GetString());

        Assert.Null(Status(await (await reader.GetAsync("/relationships/USA/NER")).JsonAsync(), "agreements"));
        var audit = await (await reader.GetAsync("/relationships/USA/NER/audit")).JsonAsync();
        var shown = Assert.Single(audit.GetProperty("corrections").Items());
        Assert.StartsWith("retracted by alice on ", shown.GetProperty("description").GetString());
        Assert.Equal(host.Denunciation.ToString(), Assert.Single(shown.GetProperty("takenOut").Items()).GetProperty("eventId").GetString());
        Assert.Contains((await (await reader.GetAsync("/corrections")).JsonAsync()).GetProperty("items").Items(),
            c => c.GetProperty("id").GetString() == correction.GetProperty("id").GetString());

        var missing = await alice.PostAsJsonAsync("/events/3f2b8c1e-9d4a-4c7e-8b1a-2e5f6a7b8c9d/retract", new { reason = "x" });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var noReason = await alice.PostAsJsonAsync($"/events/{host.Denunciation}/retract", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        var undo = await alice.PostAsJsonAsync($"/corrections/{correction.GetProperty("id").GetString()}/undo", new { reason = "it was confirmed" });
        Assert.Equal(HttpStatusCode.Created, undo.StatusCode);
        Assert.Equal("denounced", Status(await (await reader.GetAsync("/relationships/USA/NER")).JsonAsync(), "agreements"));
    }
}
