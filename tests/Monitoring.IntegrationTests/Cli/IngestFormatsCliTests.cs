using System.Text.Json;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Cli;

/// <summary><c>ingest</c> of JSON Lines and CSV: one article per line or row, each answered on its own, a bad one named by its line.</summary>
[Collection(PostgresCollection.Name)]
public sealed class IngestFormatsCliTests(PostgresServer server)
{
    private readonly CliRunner _cli = new(server, PostgresServer.NewSchema(nameof(IngestFormatsCliTests)));

    private static List<(string Origin, string Status, string? Reason)> Outcomes(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Select(o => (o.GetProperty("origin").GetString()!, o.GetProperty("status").GetString()!,
                o.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null))
            .ToList();

    [Fact]
    public async Task json_lines_and_csv_files_ingest_each_article_and_name_a_bad_line()
    {
        var folder = Directory.CreateTempSubdirectory("monitor-inputs-").FullName;
        try
        {
            var jsonl = Path.Combine(folder, "wire.jsonl");
            File.WriteAllText(jsonl, string.Join('\n',
                """{"text":"Mali's transitional government expelled the French ambassador on Monday, giving him 72 hours to leave.","published":"2022-01-31","publisher":"Wire"}""",
                """{"text": "this line is cut""",
                """{"text":"Somalia recalled its ambassador to Ethiopia on Tuesday after the port deal with Somaliland.","published":"2024-01-02","publisher":"Wire"}"""));
            var csv = Path.Combine(folder, "desk.csv");
            File.WriteAllText(csv, "text,published,publisher,url\n"
                + "\"Burkina Faso ordered French troops to leave the country within a month, the government said on Monday.\",2023-01-23,Desk,https://example.org/bf\n");

            var result = await _cli.RunAsync($"ingest \"{jsonl}\" \"{csv}\" --json");
            var outcomes = Outcomes(result.Output);
            Assert.Equal(3, result.ExitCode); // some articles were rejected
            Assert.Equal(3, outcomes.Count(o => o.Status == "accepted"));
            var bad = Assert.Single(outcomes, o => o.Status == "rejected");
            Assert.Contains("line 2", bad.Origin);

            var again = Outcomes((await _cli.RunAsync($"ingest \"{jsonl}\" \"{csv}\" --json")).Output);
            Assert.Equal(3, again.Count(o => o.Status == "duplicate"));

            var missing = await _cli.RunAsync($"ingest \"{Path.Combine(folder, "nope.jsonl")}\"");
            Assert.Contains("does not exist", missing.Output + missing.Error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
