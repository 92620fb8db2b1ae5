using System.Text.Json;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Cli;

[Collection(PostgresCollection.Name)]
public sealed class IngestAndExtractCliTests(PostgresServer server)
{
    private readonly CliRunner _cli = new(server, PostgresServer.NewSchema(nameof(IngestAndExtractCliTests)));

    [Fact]
    public async Task extract_json_names_the_extractor_and_every_event_quote_is_in_the_article()
    {
        var file = Path.Combine("seeds", "003_a455b231be305d8d.txt");
        var result = await _cli.RunAsync($"extract {file} --json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("extractor").GetString()));
        Assert.Equal("2024-03-17", json.RootElement.GetProperty("published").GetString());
        var text = File.ReadAllText(Path.Combine(PostgresServer.RepositoryRoot, file));
        foreach (var e in json.RootElement.GetProperty("events").EnumerateArray())
        foreach (var evidence in e.GetProperty("evidence").EnumerateArray())
            Assert.Contains(evidence.GetProperty("quote").GetString()!, text);
    }

    [Fact]
    public async Task extract_of_a_missing_file_fails_with_one_line()
    {
        var result = await _cli.RunAsync("extract no/such/article.txt");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no such file", result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task ingesting_the_seeds_twice_accepts_them_once_then_reports_duplicates()
    {
        var first = await _cli.RunAsync("ingest seeds --json");
        var second = await _cli.RunAsync("ingest seeds --json");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.All(Statuses(first.Output), s => Assert.Equal("accepted", s));
        Assert.Equal(5, Statuses(first.Output).Count);
        Assert.All(Statuses(second.Output), s => Assert.Equal("duplicate", s));
    }

    [Fact]
    public async Task ingesting_a_rejected_article_exits_3_and_names_the_reason()
    {
        var result = await _cli.RunAsync("ingest - --json", stdin: "   ");

        Assert.Equal(3, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var outcome = json.RootElement.EnumerateArray().Single();
        Assert.Equal("rejected", outcome.GetProperty("status").GetString());
        Assert.Contains("empty", outcome.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task an_unknown_command_is_a_usage_error()
    {
        var result = await _cli.RunAsync("frobnicate");

        Assert.NotEqual(0, result.ExitCode);
    }

    private static List<string> Statuses(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray().Select(o => o.GetProperty("status").GetString()!).ToList();
    }
}
