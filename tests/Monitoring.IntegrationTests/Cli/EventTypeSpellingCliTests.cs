using System.Text.Json;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Cli;

/// <summary>One spelling of event types in what the CLI prints (agreement_denounced), both accepted where it reads them.</summary>
[Collection(PostgresCollection.Name)]
public sealed class EventTypeSpellingCliTests(PostgresServer server)
{
    private readonly CliRunner _cli = new(server, PostgresServer.NewSchema(nameof(EventTypeSpellingCliTests)));

    [Fact]
    public async Task tables_print_the_snake_case_type_and_every_type_filter_takes_both_spellings()
    {
        Assert.Equal(0, (await _cli.RunAsync("ingest seeds")).ExitCode);

        var timeline = await _cli.RunAsync("timeline USA NER");
        Assert.True(timeline.ExitCode == 0, timeline.Error);
        Assert.Contains("agreement_denounced", timeline.Output);
        Assert.DoesNotContain("AgreementDenounced", timeline.Output);
        var audit = await _cli.RunAsync("audit USA NER --as-of 2024-03-20");
        Assert.Contains("← agreement_denounced NER → USA", audit.Output);
        Assert.Contains("← delegation_visited USA → NER", audit.Output);

        var snake = await _cli.RunAsync("events --type agreement_denounced --actor NER --json");
        var pascal = await _cli.RunAsync("events --type AgreementDenounced --actor NER --json");
        Assert.True(snake.ExitCode == 0, snake.Error);
        Assert.Equal(snake.Output, pascal.Output);
        var listed = JsonDocument.Parse(snake.Output).RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(listed);
        Assert.All(listed, e => Assert.Equal("agreement_denounced", e.GetProperty("event").GetProperty("type").GetString()));
        var table = await _cli.RunAsync("events --type AgreementDenounced --actor NER");
        Assert.Contains("agreement_denounced", table.Output);
        Assert.DoesNotContain("AgreementDenounced", table.Output);

        var exportSnake = await _cli.RunAsync("export events --format csv --type agreement_denounced");
        var exportPascal = await _cli.RunAsync("export events --format csv --type AgreementDenounced");
        Assert.True(exportSnake.ExitCode == 0, exportSnake.Error);
        Assert.Equal(exportSnake.Output, exportPascal.Output);
        Assert.Contains(",agreement_denounced,", exportSnake.Output);

        var unknown = await _cli.RunAsync("events --type AgreementCancelled");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("agreement_denounced", unknown.Error);
    }
}
