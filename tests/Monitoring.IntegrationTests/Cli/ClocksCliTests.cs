using System.Text.Json;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Cli;

/// <summary>
/// The three clocks from the command line, on the seeds recorded today (as an imported archive is): known at replays the
/// news by publication, whenever it was recorded; recorded at is the store's own instant.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClocksCliTests(PostgresServer server) : IAsyncLifetime
{
    private string _schema = "";
    private CliRunner Cli => new(server, _schema);

    public async Task InitializeAsync()
    {
        _schema = PostgresServer.NewSchema("clocks_cli");
        var ingest = await Cli.RunAsync("ingest seeds");
        Assert.True(ingest.ExitCode == 0, ingest.Error);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Status(JsonElement state, string key) =>
        state.GetProperty("dimensions").EnumerateArray().Single(d => d.GetProperty("key").GetString() == key).GetProperty("status").GetString()!;

    [Fact]
    public async Task show_on_the_publication_clock_reads_the_news_as_it_stood_then()
    {
        var december = await Cli.RunAsync("show USA NER --as-of 2024-03-20 --known-at 2023-12-31 --json");
        Assert.True(december.ExitCode == 0, december.Error);
        using var before = JsonDocument.Parse(december.Output);
        Assert.Equal("resumption_announced", Status(before.RootElement, "security_cooperation"));
        Assert.Equal("2023-12-31", before.RootElement.GetProperty("knownAt").GetString());

        var march = await Cli.RunAsync("show USA NER --as-of 2024-03-20 --known-at 2024-03-18 --json");
        using var after = JsonDocument.Parse(march.Output);
        Assert.Equal("terminated", Status(after.RootElement, "security_cooperation"));
        Assert.Equal("denounced", Status(after.RootElement, "agreements"));

        var text = await Cli.RunAsync("show USA NER --as-of 2024-03-20 --known-at 2023-12-31");
        Assert.Contains("from what was published by 2023-12-31", text.Output);
        Assert.Contains("resumption announced", text.Output);
    }

    [Fact]
    public async Task replay_to_a_date_lists_the_articles_published_by_then_and_every_relationship_as_it_read()
    {
        var replay = await Cli.RunAsync("replay --to 2023-12-20 --json");
        Assert.True(replay.ExitCode == 0, replay.Error);
        using var doc = JsonDocument.Parse(replay.Output);
        Assert.Equal("2023-12-20", doc.RootElement.GetProperty("knownAt").GetString());
        var published = doc.RootElement.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("published").GetString()!).ToList();
        Assert.NotEmpty(published);
        Assert.All(published, p => Assert.True(string.CompareOrdinal(p, "2023-12-20") <= 0, p));
        Assert.True(published.SequenceEqual(published.Order(StringComparer.Ordinal)), "in publication order");
        var seeds = Directory.GetFiles(MonitorTestHost.SeedsFolder, "*.txt").Length;
        Assert.True(published.Count < seeds, "articles published after the date are left out");
        var usNiger = doc.RootElement.GetProperty("relationships").EnumerateArray().Single(r => r.GetProperty("pair").GetString() == "NER-USA");
        Assert.DoesNotContain(usNiger.GetProperty("dimensions").EnumerateArray(), d => d.GetProperty("status").GetString() == "denounced");

        var text = await Cli.RunAsync("replay --to 2023-12-20");
        Assert.Contains($"As published by 2023-12-20: {published.Count} article", text.Output);
        Assert.Contains("NER-USA", text.Output);
    }

    [Fact]
    public async Task recorded_at_before_the_import_knows_nothing_and_an_instant_as_known_at_says_which_clock_was_meant()
    {
        var before = await Cli.RunAsync("show USA NER --recorded-at 2000-01-01T00:00:00Z --json");
        using var doc = JsonDocument.Parse(before.Output);
        Assert.Empty(doc.RootElement.GetProperty("dimensions").EnumerateArray());

        var wrong = await Cli.RunAsync("audit USA NER --known-at 2024-03-17T12:00:00Z");
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("--recorded-at", wrong.Error);

        var replay = await Cli.RunAsync("replay --to 2024-03-17T12:00:00Z");
        Assert.Equal(2, replay.ExitCode);
        Assert.Contains("--recorded", replay.Error);

        var events = await Cli.RunAsync("events --actor NER --known-at 2023-12-20 --json");
        Assert.True(events.ExitCode == 0, events.Error);
        using var listed = JsonDocument.Parse(events.Output);
        Assert.NotEmpty(listed.RootElement.EnumerateArray());
        Assert.All(listed.RootElement.EnumerateArray(), e => Assert.True(string.CompareOrdinal(e.GetProperty("published").GetString(), "2023-12-20") <= 0));
    }
}
