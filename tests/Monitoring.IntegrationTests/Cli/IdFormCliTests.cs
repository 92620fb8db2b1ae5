using System.Text.Json;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Cli;

/// <summary>Ids are printed in one form wherever they appear (README, "HTTP API"), and read in the forms people paste.</summary>
[Collection(PostgresCollection.Name)]
public sealed class IdFormCliTests(PostgresServer server)
{
    private readonly CliRunner _cli = new(server, PostgresServer.NewSchema(nameof(IdFormCliTests)));

    [Fact]
    public async Task the_audit_prints_event_ids_as_the_json_does_and_article_ids_are_read_in_any_case_with_or_without_prefix()
    {
        Assert.Equal(0, (await _cli.RunAsync("ingest seeds")).ExitCode);
        var listed = JsonDocument.Parse((await _cli.RunAsync("events --type agreement_denounced --actor NER --json")).Output).RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(listed);

        var audit = await _cli.RunAsync("audit USA NER --as-of 2024-03-20");
        Assert.True(audit.ExitCode == 0, audit.Error);
        foreach (var e in listed)
        {
            var id = e.GetProperty("eventId").GetString()!;
            Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", id);
            Assert.Contains($"event {id} rule", audit.Output);
        }

        var article = listed[0].GetProperty("articleId").GetString()!;
        Assert.Matches("^article-[0-9a-f]{32}$", article);
        var exact = await _cli.RunAsync($"events --article {article} --json");
        var upper = await _cli.RunAsync($"events --article {article.ToUpperInvariant()} --json");
        var bare = await _cli.RunAsync($"events --article {article["article-".Length..]} --json");
        Assert.NotEmpty(JsonDocument.Parse(exact.Output).RootElement.EnumerateArray());
        Assert.Equal(exact.Output, upper.Output);
        Assert.Equal(exact.Output, bare.Output);
    }
}
