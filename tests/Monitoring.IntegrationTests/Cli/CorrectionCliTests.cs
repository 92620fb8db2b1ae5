using System.Text.Json;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Cli;

/// <summary>Analyst corrections from the command line, on seed 003 (the only source of the US–Niger denunciation).</summary>
[Collection(PostgresCollection.Name)]
public sealed class CorrectionCliTests(PostgresServer server) : IAsyncLifetime
{
    private string _schema = "";
    private CliRunner Cli => new(server, _schema);

    public async Task InitializeAsync()
    {
        _schema = PostgresServer.NewSchema("correction_cli");
        var ingest = await Cli.RunAsync("ingest seeds/003_a455b231be305d8d.txt");
        Assert.True(ingest.ExitCode == 0, ingest.Error);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonElement> JsonAsync(string arguments)
    {
        var run = await Cli.RunAsync(arguments);
        Assert.True(run.ExitCode == 0, $"{arguments}: {run.Error}");
        return JsonDocument.Parse(run.Output).RootElement.Clone();
    }

    private static string? Status(JsonElement state, string key) =>
        state.GetProperty("dimensions").EnumerateArray().Where(d => d.GetProperty("key").GetString() == key)
            .Select(d => d.GetProperty("status").GetString()).FirstOrDefault();

    [Fact]
    public async Task retract_changes_show_audit_tells_it_recorded_at_before_gives_the_old_answer_and_undo_restores_it()
    {
        var denounced = (await JsonAsync("events --type agreement_denounced --actor NER --json")).EnumerateArray().Single();
        var id = denounced.GetProperty("eventId").GetString()!;
        var recorded = denounced.GetProperty("recordedAt").GetString()!;
        Assert.Equal("denounced", Status(await JsonAsync("show USA NER --json"), "agreements"));

        var retracted = await JsonAsync($"retract {id} --analyst alice --reason \"a rumour\" --json");
        var correction = retracted.GetProperty("id").GetString()!;

        Assert.Null(Status(await JsonAsync("show USA NER --json"), "agreements"));
        Assert.Equal("denounced", Status(await JsonAsync($"show USA NER --recorded-at {recorded} --json"), "agreements"));
        var audit = await Cli.RunAsync("audit USA NER");
        Assert.Contains($"retracted by alice on {DateTime.UtcNow:yyyy-MM-dd}: a rumour", audit.Output);
        Assert.Contains($"took out event {id}", audit.Output);
        var listed = await Cli.RunAsync("corrections");
        Assert.Contains(correction, listed.Output);
        // The event list still lists the report as stored, and says what the analyst did to it (not before the retraction).
        var events = await JsonAsync("events --type agreement_denounced --actor NER --json");
        Assert.StartsWith("retracted by alice", events.EnumerateArray().Single().GetProperty("correction").GetString());
        var before = await JsonAsync($"events --type agreement_denounced --actor NER --recorded-at {recorded} --json");
        Assert.False(before.EnumerateArray().Single().TryGetProperty("correction", out var none) && none.ValueKind != JsonValueKind.Null);

        var undo = await Cli.RunAsync($"undo {correction} --analyst bob");
        Assert.True(undo.ExitCode == 0, undo.Error);
        Assert.Contains("undone by bob", undo.Output);
        Assert.Equal("denounced", Status(await JsonAsync("show USA NER --json"), "agreements"));
    }

    [Fact]
    public async Task a_missing_reason_and_an_unknown_event_are_told_in_one_line()
    {
        var noReason = await Cli.RunAsync("retract 3f2b8c1e-9d4a-4c7e-8b1a-2e5f6a7b8c9d --analyst alice");
        var unknown = await Cli.RunAsync("retract 3f2b8c1e-9d4a-4c7e-8b1a-2e5f6a7b8c9d --analyst alice --reason wrong");

        Assert.Equal(2, noReason.ExitCode);
        Assert.Equal("monitor: retract needs --reason \"why\"", noReason.Error.Trim());
        Assert.Equal(1, unknown.ExitCode);
        Assert.Single(unknown.Error.Trim().Split('\n'));
        Assert.Contains("no reported event is named '3f2b8c1e-9d4a-4c7e-8b1a-2e5f6a7b8c9d'", unknown.Error);
    }

    [Fact]
    public async Task review_lists_the_single_source_denunciation_first_with_its_sentence()
    {
        var queue = await JsonAsync("review --pair USA-NER --json");

        var first = queue.EnumerateArray().First();
        Assert.Equal("agreement_denounced", first.GetProperty("type").GetString());
        Assert.Contains("single_source", first.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.False(string.IsNullOrEmpty(first.GetProperty("quote").GetString()));
        var text = await Cli.RunAsync("review --actor Niger --limit 3");
        Assert.Contains("agreement_denounced NER>USA", text.Output);
    }

    [Fact]
    public async Task keys_are_created_with_the_scopes_named_read_and_ingest_by_default()
    {
        var analyst = await JsonAsync("keys create alice --scope analyst --scope read --json");
        var plain = await JsonAsync("keys create ingest-bot --json");
        var bogus = await Cli.RunAsync("keys create x --scope superuser");

        Assert.Equal(["read", "analyst"], analyst.GetProperty("key").GetProperty("scopes").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(["read", "ingest"], plain.GetProperty("key").GetProperty("scopes").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(2, bogus.ExitCode);
        Assert.Contains("--scope 'superuser' is not a scope; one of: read, ingest, analyst, admin", bogus.Error);
        Assert.Contains("read, analyst", (await Cli.RunAsync("keys list")).Output);
    }
}
