using System.Text.Json;
using Monitoring.IntegrationTests.Api;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Discovery;

/// <summary>GET /actors and /event-types over the seeds' gold events, and cursor paging walked to the end.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DiscoveryApiTests(GoldApiHost host) : IClassFixture<GoldApiHost>
{
    /// <summary>Follows next links from <paramref name="first"/> to the last page; every page's items, in order.</summary>
    public static async Task<List<JsonElement>> WalkAsync(HttpClient http, string first, int maxPages = 1000)
    {
        var items = new List<JsonElement>();
        string? next = first;
        for (var pages = 0; next is not null; pages++)
        {
            Assert.True(pages < maxPages, $"more than {maxPages} pages from {first}");
            var page = await (await http.GetAsync(next)).JsonAsync();
            items.AddRange(page.GetProperty("items").Items());
            next = page.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        }
        return items;
    }

    [Fact]
    public async Task actors_walked_in_small_pages_are_the_whole_list_with_no_gap_or_repeat()
    {
        using var http = host.Client();
        var whole = (await WalkAsync(http, "/actors?limit=500")).Select(a => a.GetProperty("code").GetString()!).ToList();
        Assert.True(whole.Count > 250, $"{whole.Count} actors");
        var walked = (await WalkAsync(http, "/actors?limit=7")).Select(a => a.GetProperty("code").GetString()!).ToList();
        Assert.Equal(whole, walked);
        Assert.Equal(walked.Count, walked.Distinct().Count());
        Assert.Equal(walked.Order(StringComparer.Ordinal), walked);
    }

    [Fact]
    public async Task actors_say_their_kind_and_how_many_relationships_the_store_holds()
    {
        using var http = host.Client();
        var stored = await WalkAsync(http, "/actors?stored=true&limit=3");
        var niger = Assert.Single(stored, a => a.GetProperty("code").GetString() == "NER");
        Assert.Equal("Niger", niger.GetProperty("name").GetString());
        Assert.Equal("state", niger.GetProperty("kind").GetString());
        Assert.True(niger.GetProperty("relationships").GetInt32() >= 3); // USA, FRA, ECOWAS at least
        Assert.All(stored, a => Assert.True(a.GetProperty("relationships").GetInt32() > 0));

        var searched = await WalkAsync(http, "/actors?search=burkina");
        Assert.Equal("BFA", Assert.Single(searched).GetProperty("code").GetString());
        var blocs = await WalkAsync(http, "/actors?kind=bloc");
        Assert.Contains(blocs, a => a.GetProperty("code").GetString() == "ECOWAS");
        Assert.All(blocs, a => Assert.Equal("bloc", a.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task a_cursor_or_limit_that_is_not_ours_is_a_problem_naming_it()
    {
        using var http = host.Client();
        Assert.Contains("next link", await (await http.GetAsync("/actors?cursor=not-a-cursor")).InvalidAsync("cursor"));
        Assert.Contains("between 1 and 500", await (await http.GetAsync("/actors?limit=0")).InvalidAsync("limit"));
    }

    [Fact]
    public async Task event_types_list_the_vocabulary_in_both_spellings_with_their_nearest_codes()
    {
        using var http = host.Client();
        var types = await WalkAsync(http, "/event-types");
        Assert.Equal(Enum.GetValues<Monitoring.Domain.WorldEventType>().Length, types.Count);
        var denounced = Assert.Single(types, t => t.GetProperty("type").GetString() == "agreement_denounced");
        Assert.Equal("AgreementDenounced", denounced.GetProperty("name").GetString());
        Assert.Equal("directed", denounced.GetProperty("shape").GetString());
        var severed = Assert.Single(types, t => t.GetProperty("type").GetString() == "ties_severed");
        Assert.Equal("161", severed.GetProperty("cameo").GetString());
        var coup = Assert.Single(types, t => t.GetProperty("type").GetString() == "coup_occurred");
        Assert.Equal(JsonValueKind.Null, coup.GetProperty("plover").ValueKind);
        Assert.True(Assert.Single(types, t => t.GetProperty("type").GetString() == "troop_presence_reported").GetProperty("observation").GetBoolean());
    }
}
