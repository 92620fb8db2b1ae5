using System.Net;
using System.Net.Http.Json;
using Monitoring.IntegrationTests.Api;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Discovery;

/// <summary>The five seeds ingested over HTTP, then listed and searched with GET /articles.</summary>
public sealed class SeedArticlesHost(PostgresServer server) : ApiHost(server)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var http = KeyedClient();
        foreach (var (file, m) in MonitorTestHost.SeedManifest.Value.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var text = await File.ReadAllTextAsync(Path.Combine(MonitorTestHost.SeedsFolder, file));
            var answer = await http.PostAsJsonAsync("/articles", new { title = m.Title, text, url = m.Url, publisher = m.Publisher, published = m.Published?.ToString("yyyy-MM-dd") });
            Assert.True(answer.IsSuccessStatusCode, $"{file}: {(int)answer.StatusCode}");
        }
    }
}

[Collection(PostgresCollection.Name)]
public sealed class ArticleListTests(SeedArticlesHost host) : IClassFixture<SeedArticlesHost>
{
    [Fact]
    public async Task every_stored_article_is_listed_once_newest_recorded_first_walking_one_at_a_time()
    {
        using var http = host.Client();
        var walked = (await DiscoveryApiTests.WalkAsync(http, "/articles?limit=1")).Select(a => a.GetProperty("articleId").GetString()!).ToList();
        Assert.Equal(MonitorTestHost.SeedManifest.Value.Count, walked.Count);
        Assert.Equal(walked.Count, walked.Distinct().Count());
        var whole = (await DiscoveryApiTests.WalkAsync(http, "/articles")).Select(a => a.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(whole.OrderDescending(), whole);
    }

    [Fact]
    public async Task a_text_search_finds_the_articles_whose_words_match_and_no_other()
    {
        using var http = host.Client();
        var accord = await DiscoveryApiTests.WalkAsync(http, "/articles?search=" + Uri.EscapeDataString("\"military cooperation\""));
        Assert.NotEmpty(accord);
        Assert.True(accord.Count < MonitorTestHost.SeedManifest.Value.Count, "a phrase narrows the list");
        foreach (var article in accord)
        {
            var id = article.GetProperty("articleId").GetString();
            var text = (await (await http.GetAsync($"/articles/{id}")).JsonAsync()).GetProperty("text").GetString()!;
            Assert.Matches("(?i)military\\s+cooperation", text + " " + article.GetProperty("title").GetString());
        }
        // English stemming: the plural finds the singular, and a word no article holds finds nothing.
        Assert.NotEmpty(await DiscoveryApiTests.WalkAsync(http, "/articles?search=troop"));
        Assert.Empty(await DiscoveryApiTests.WalkAsync(http, "/articles?search=zeppelin"));
        var notNiger = await DiscoveryApiTests.WalkAsync(http, "/articles?search=" + Uri.EscapeDataString("troops -Niger"));
        Assert.Empty(notNiger);
    }

    [Fact]
    public async Task publication_dates_and_publisher_narrow_the_list_and_bad_input_is_named()
    {
        using var http = host.Client();
        var march = await DiscoveryApiTests.WalkAsync(http, "/articles?from=2024-03-01&to=2024-03-31");
        Assert.NotEmpty(march);
        Assert.All(march, a => Assert.StartsWith("2024-03", a.GetProperty("published").GetString()));
        var publisher = march[0].GetProperty("publisher").GetString()!;
        var one = await DiscoveryApiTests.WalkAsync(http, "/articles?publisher=" + Uri.EscapeDataString(publisher.ToUpperInvariant()));
        Assert.All(one, a => Assert.Equal(publisher, a.GetProperty("publisher").GetString()));
        Assert.Contains("yyyy-MM-dd", await (await http.GetAsync("/articles?from=March")).InvalidAsync("from"));
        Assert.Contains("next link", await (await http.GetAsync("/articles?cursor=abc")).InvalidAsync("cursor"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/articles?search=" + Uri.EscapeDataString("\"unbalanced"))).StatusCode);
    }
}
