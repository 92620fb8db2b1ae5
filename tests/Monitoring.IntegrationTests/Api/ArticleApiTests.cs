using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Keys;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Api;

/// <summary>POST /articles (text, JSON, batch) through the Wolverine handler and the real extractor, and GET /articles/{id}.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ArticleApiTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static string Seed(string file) => File.ReadAllText(Path.Combine(MonitorTestHost.SeedsFolder, file));

    private static string Query(string file)
    {
        var m = MonitorTestHost.SeedManifest.Value[file];
        return $"published={m.Published:yyyy-MM-dd}&publisher={Uri.EscapeDataString(m.Publisher ?? "")}&url={Uri.EscapeDataString(m.Url ?? "")}&title={Uri.EscapeDataString(m.Title ?? "")}";
    }

    private static object JsonArticle(string file)
    {
        var m = MonitorTestHost.SeedManifest.Value[file];
        return new { title = m.Title, text = Seed(file), url = m.Url, publisher = m.Publisher, published = m.Published?.ToString("yyyy-MM-dd") };
    }

    private static StringContent Text(string text) => new(text, Encoding.UTF8, "text/plain");

    [Fact]
    public async Task plain_text_article_is_accepted_with_its_events_and_read_back_with_text_metadata_and_events()
    {
        const string file = "003_a455b231be305d8d.txt";
        using var http = host.KeyedClient();
        var response = await http.PostAsync("/articles?" + Query(file), Text(Seed(file)));
        var answer = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal("accepted", answer.GetProperty("status").GetString());
        var id = answer.GetProperty("articleId").GetString()!;
        Assert.StartsWith("article-", id);
        Assert.Equal($"/articles/{id}", response.Headers.Location?.ToString());
        var events = answer.GetProperty("events").Items().ToList();
        Assert.NotEmpty(events);
        Assert.Equal(events.Count, answer.GetProperty("eventCount").GetInt32());
        Assert.Contains(events, e => e.GetProperty("event").GetProperty("type").GetString() == "agreement_denounced");

        var article = await (await http.GetAsync(response.Headers.Location)).JsonAsync();
        var manifest = MonitorTestHost.SeedManifest.Value[file];
        Assert.Equal(id, article.GetProperty("id").GetString());
        Assert.Equal(manifest.Publisher, article.GetProperty("publisher").GetString());
        Assert.Equal(manifest.Url, article.GetProperty("url").GetString());
        Assert.Equal(manifest.Published?.ToString("yyyy-MM-dd"), article.GetProperty("published").GetString());
        Assert.Equal(Seed(file).Trim(), article.GetProperty("text").GetString()!.Trim());
        Assert.Equal(events.Select(e => e.GetProperty("eventId").GetString()), article.GetProperty("events").Items().Select(e => e.GetProperty("eventId").GetString()));
    }

    [Fact]
    public async Task same_json_article_twice_is_accepted_then_answered_as_a_duplicate_with_the_same_id()
    {
        const string file = "004_51c27842803473e4.txt";
        using var http = host.BearerClient();
        var first = await (await http.PostAsJsonAsync("/articles", JsonArticle(file))).JsonAsync(HttpStatusCode.Created);
        var second = await (await http.PostAsJsonAsync("/articles", JsonArticle(file))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("accepted", first.GetProperty("status").GetString());
        Assert.Equal("duplicate", second.GetProperty("status").GetString());
        Assert.Equal(first.GetProperty("articleId").GetString(), second.GetProperty("articleId").GetString());
        Assert.Equal(0, second.GetProperty("eventCount").GetInt32());
    }

    [Fact]
    public async Task json_batch_answers_each_article_accepted_duplicate_or_rejected_with_the_reason()
    {
        const string file = "000_9a54eae7be48a36c.txt";
        using var http = host.KeyedClient();
        var batch = new
        {
            articles = new object[]
            {
                JsonArticle(file),
                JsonArticle(file),
                new { title = "Empty", text = "", published = "2024-01-01" },
                new { title = "Implausible", text = "Niger and the United States talked about many things.", published = "1850-01-01" },
                42,
            },
        };
        var answer = await (await http.PostAsJsonAsync("/articles", batch)).JsonAsync();
        Assert.Equal(1, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(1, answer.GetProperty("duplicates").GetInt32());
        Assert.Equal(3, answer.GetProperty("rejected").GetInt32());
        var articles = answer.GetProperty("articles").Items().ToList();
        Assert.Equal(["accepted", "duplicate", "rejected", "rejected", "rejected"], articles.Select(a => a.GetProperty("status").GetString()));
        Assert.Equal(["articles[0]", "articles[1]", "articles[2]", "articles[3]", "articles[4]"], articles.Select(a => a.GetProperty("origin").GetString()));
        Assert.NotEmpty(articles[0].GetProperty("events").Items());
        Assert.Contains("text", articles[2].GetProperty("reason").GetString());
        Assert.Contains("implausible publication date", articles[3].GetProperty("reason").GetString());
        Assert.Contains("object", articles[4].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task write_without_a_valid_key_is_refused_with_401_problem_details_and_stores_nothing()
    {
        const string text = "Niamey, 2 February 2024. Niger denounced its military agreement with the United States.";
        using (var anonymous = host.Client())
            await (await anonymous.PostAsync("/articles?published=2024-02-02", Text(text))).ProblemAsync(HttpStatusCode.Unauthorized, "API key required", "X-Api-Key");
        using (var wrong = host.Client("mon_00000000_not-a-real-key"))
            await (await wrong.PostAsync("/articles?published=2024-02-02", Text(text))).ProblemAsync(HttpStatusCode.Unauthorized, "API key required", "invalid or revoked");

        var revoked = await host.CreateKeyAsync("to-revoke");
        Assert.NotNull(await host.Services.GetRequiredService<ApiKeyService>().RevokeAsync(revoked, default));
        using (var withRevoked = host.Client(revoked))
            await (await withRevoked.PostAsync("/articles?published=2024-02-02", Text(text))).ProblemAsync(HttpStatusCode.Unauthorized, "API key required", "invalid or revoked");

        // Accepted, not a duplicate: none of the refused requests stored the article.
        using var keyed = host.KeyedClient();
        var accepted = await (await keyed.PostAsync("/articles?published=2024-02-02", Text(text))).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("accepted", accepted.GetProperty("status").GetString());
    }

    [Fact]
    public async Task article_body_over_2_mib_is_refused_with_413_problem_details()
    {
        using var http = host.KeyedClient();
        var huge = "Niger and the United States. " + new string('a', 2 * 1024 * 1024);
        await (await http.PostAsync("/articles?published=2024-03-17", Text(huge))).ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "Payload too large", "2097152 bytes");
        await (await http.PostAsJsonAsync("/articles", new { text = huge, published = "2024-03-17" })).ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "Payload too large", "article");
    }

    [Fact]
    public async Task malformed_publication_date_is_a_400_naming_the_parameter()
    {
        using var http = host.KeyedClient();
        Assert.Contains("2024-02-30", await (await http.PostAsync("/articles?published=2024-02-30", Text("Some text about Niger."))).InvalidAsync("published"));
        Assert.Contains("sometime", await (await http.PostAsJsonAsync("/articles", new { text = "Some text about Niger.", published = "sometime" })).InvalidAsync("published"));
    }

    [Fact]
    public async Task malformed_json_unsupported_media_and_an_implausible_date_are_answered_with_problem_details()
    {
        using var http = host.KeyedClient();
        Assert.Contains("malformed JSON", await (await http.PostAsync("/articles", new StringContent("{\"text\": ", Encoding.UTF8, "application/json"))).InvalidAsync("body"));
        // The endpoint declares the media types it accepts: routing answers 415 before the handler runs.
        await (await http.PostAsync("/articles", new StringContent("a=b", Encoding.UTF8, "application/x-www-form-urlencoded")))
            .ProblemAsync(HttpStatusCode.UnsupportedMediaType, "Unsupported Media Type");
        var rejected = await (await http.PostAsync("/articles?published=9999-01-01", Text("A text about Niger and France."))).ProblemAsync(HttpStatusCode.UnprocessableEntity, "Article rejected", "implausible");
        Assert.Equal("rejected", rejected.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task a_text_that_states_no_publication_date_counts_as_published_when_recorded_and_says_so()
    {
        using var http = host.KeyedClient();
        var accepted = await (await http.PostAsync("/articles", Text("Chad ended its defence cooperation agreement with France, the foreign ministry said."))).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("accepted", accepted.GetProperty("status").GetString());
        var timeline = await (await host.Client().GetAsync("/relationships/TCD/FRA/timeline")).JsonAsync();
        var report = timeline.GetProperty("entries").Items().SelectMany(e => e.GetProperty("reports").Items()).First();
        Assert.True(report.GetProperty("publicationUnstated").GetBoolean());
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), report.GetProperty("published").GetString());
    }

    [Fact]
    public async Task unknown_article_is_a_404_problem()
    {
        using var http = host.Client();
        await (await http.GetAsync("/articles/article-0000")).ProblemAsync(HttpStatusCode.NotFound, "Unknown article", "article-0000");
    }
}
