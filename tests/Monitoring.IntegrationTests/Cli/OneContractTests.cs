using System.Text.Json;
using System.Text.Json.Nodes;
using Monitoring.IntegrationTests.Api;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Cli;

/// <summary>The CLI and the HTTP API call the same services: the same documents, the same refusals.</summary>
[Collection(PostgresCollection.Name)]
public sealed class OneContractTests(ApiHost host, PostgresServer server) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task the_cli_audit_json_is_the_api_audit_document()
    {
        var cli = new CliRunner(server, host.Schema);
        Assert.Equal(0, (await cli.RunAsync("ingest seeds")).ExitCode);

        var fromCli = await cli.RunAsync("audit USA NER --as-of 2024-03-20 --json");
        Assert.True(fromCli.ExitCode == 0, fromCli.Error);
        using var http = host.Client();
        var fromApi = await http.GetStringAsync("/relationships/USA/NER/audit?asOf=2024-03-20");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(fromApi), JsonNode.Parse(fromCli.Output)), $"CLI:\n{fromCli.Output}\nAPI:\n{fromApi}");
    }

    [Fact]
    public async Task a_pair_of_one_actor_is_refused_alike_by_both_faces()
    {
        var cli = new CliRunner(server, host.Schema);

        var fromCli = await cli.RunAsync("show USA US");
        Assert.Equal(2, fromCli.ExitCode);
        using var http = host.Client();
        var answer = await http.GetAsync("/relationships/USA/US");
        Assert.Equal(400, (int)answer.StatusCode);
        using var problem = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        var detail = problem.RootElement.GetProperty("errors").GetProperty("b")[0].GetString()!;
        Assert.Equal("a relationship needs two different actors, got 'USA' twice", detail);
        Assert.Contains(detail, fromCli.Error);
    }
}
