using System.Text.Json;
using Monitoring.Corpus;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Cli;

/// <summary>An archive (a folder of many articles) goes through the bulk import; a rebuild then reproduces the histories.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ArchiveCliTests(PostgresServer server)
{
    private readonly CliRunner _cli = new(server, PostgresServer.NewSchema(nameof(ArchiveCliTests)));

    [Fact]
    public async Task a_folder_of_150_articles_is_imported_once_and_a_rebuild_changes_no_answer()
    {
        var folder = Directory.CreateTempSubdirectory("monitor-archive-").FullName;
        try
        {
            foreach (var a in new CorpusGenerator(5).Generate(150))
                File.WriteAllText(Path.Combine(folder, $"{a.Id}.txt"), a.Text);

            var first = await _cli.RunAsync($"ingest {folder} --published 2024-01-01 --publisher Archive --json");
            var second = await _cli.RunAsync($"ingest {folder} --published 2024-01-01 --publisher Archive --json");

            Assert.True(first.ExitCode == 0, first.Error);
            var accepted = Statuses(first.Output);
            Assert.Equal(150, accepted.Count);
            Assert.All(accepted, s => Assert.Equal("accepted", s));
            Assert.All(Statuses(second.Output), s => Assert.Equal("duplicate", s));

            var before = await _cli.RunAsync("relationships --json");
            var rebuild = await _cli.RunAsync("rebuild --json");
            var after = await _cli.RunAsync("relationships --json");

            Assert.True(rebuild.ExitCode == 0, rebuild.Error);
            using var figures = JsonDocument.Parse(rebuild.Output);
            Assert.True(figures.RootElement.GetProperty("documents").GetInt64() > 150);
            Assert.True(JsonDocument.Parse(before.Output).RootElement.GetArrayLength() > 10);
            Assert.Equal(before.Output, after.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static List<string> Statuses(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray().Select(e => e.GetProperty("status").GetString()!).ToList();
    }
}
