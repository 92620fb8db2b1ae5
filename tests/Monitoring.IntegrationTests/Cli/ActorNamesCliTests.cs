using System.Text.Json;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Cli;

/// <summary>The CLI takes names and alpha-2 codes wherever it takes actor codes, through the API's resolver.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ActorNamesCliTests(PostgresServer server)
{
    private readonly CliRunner _cli = new(server, PostgresServer.NewSchema(nameof(ActorNamesCliTests)));

    [Fact]
    public async Task names_and_alpha_2_codes_name_the_same_relationship_as_its_codes()
    {
        Assert.Equal(0, (await _cli.RunAsync("ingest seeds")).ExitCode);
        var byCode = await _cli.RunAsync("show USA NER --json");
        var byName = await _cli.RunAsync("show Niger \"United States\" --json");
        var byAlpha2 = await _cli.RunAsync("show US NER --json");
        Assert.True(byName.ExitCode == 0, byName.Error);
        Assert.Equal("NER-USA", JsonDocument.Parse(byAlpha2.Output).RootElement.GetProperty("pair").GetString());
        Assert.Equal(byCode.Output, byName.Output);
        Assert.Equal(byCode.Output, byAlpha2.Output);

        var listed = await _cli.RunAsync("relationships --actor Niger --json");
        Assert.True(listed.ExitCode == 0, listed.Error);
        var pairs = JsonDocument.Parse(listed.Output).RootElement.EnumerateArray()
            .Select(r => (r.GetProperty("a").GetString(), r.GetProperty("b").GetString())).ToList();
        Assert.All(pairs, p => Assert.True(p.Item1 == "NER" || p.Item2 == "NER", $"{p} is not a relationship of Niger"));
        Assert.Contains(("NER", "USA"), pairs);
    }

    [Fact]
    public async Task a_person_resolves_by_the_office_held_on_the_date_written_today_unless_told()
    {
        // Out of office today: no state, and the terms say when the name did stand for one.
        var today = await _cli.RunAsync("resolve Bolsonaro");
        Assert.Equal(4, today.ExitCode);
        Assert.Contains($"person out of office on {DateTime.UtcNow:yyyy-MM-dd}", today.Output);
        Assert.Contains("BRA 2019-01-01 to 2023-01-01", today.Output);
        var then = await _cli.RunAsync("resolve Bolsonaro --date 2020-05-01 --json");
        Assert.True(then.ExitCode == 0, then.Error);
        Assert.Equal("BRA", JsonDocument.Parse(then.Output).RootElement.GetProperty("actors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task an_unknown_name_is_an_error_naming_the_closest_matches()
    {
        var unknown = await _cli.RunAsync("show Nigerr USA");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("unknown actor 'Nigerr'", unknown.Error);
        Assert.Contains("Niger (NER)", unknown.Error);
        var events = await _cli.RunAsync("events --actor Atlantis");
        Assert.Equal(1, events.ExitCode);
        Assert.Contains("unknown actor 'Atlantis'", events.Error);
    }
}
