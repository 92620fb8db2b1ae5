using System.Net;
using System.Text.Json;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.IntegrationTests.Notifications;

namespace Monitoring.IntegrationTests.Api;

/// <summary>The service over the seeds' gold events (seeds/expected.json), appended as article streams in publication order.</summary>
public sealed class GoldApiHost(PostgresServer server) : ApiHost(server)
{
    public DateTimeOffset BeforeIngestion { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        BeforeIngestion = DateTimeOffset.UtcNow.AddSeconds(-1);
        foreach (var article in GoldArticles.InPublicationOrder.Value)
            await GoldArticles.AppendAsync(Store, article);
    }
}

/// <summary>GET /relationships, /relationships/{a}/{b} on two clocks, its timeline and audit, and GET /events.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RelationshipApiTests(GoldApiHost host) : IClassFixture<GoldApiHost>
{
    private static IEnumerable<string?> Statuses(JsonElement state) =>
        state.GetProperty("dimensions").Items().Select(d => d.GetProperty("status").GetString());

    private static string? Status(JsonElement state, string key) =>
        state.GetProperty("dimensions").Items().FirstOrDefault(d => d.GetProperty("key").GetString() == key) is { ValueKind: JsonValueKind.Object } d
            ? d.GetProperty("status").GetString()
            : null;

    [Fact]
    public async Task relationships_lists_every_known_pair_and_filters_by_actor()
    {
        using var http = host.Client();
        var all = (await (await http.GetAsync("/relationships")).JsonAsync()).GetProperty("items").Items().Select(r => r.GetProperty("pair").GetString()).ToList();
        Assert.Contains("NER-USA", all);
        Assert.Contains("FRA-NER", all);
        Assert.Contains("ECOWAS-NER", all);

        var french = (await (await http.GetAsync("/relationships?actor=fra")).JsonAsync()).GetProperty("items").Items().ToList();
        Assert.NotEmpty(french);
        Assert.All(french, r => Assert.True(r.GetProperty("a").GetString() == "FRA" || r.GetProperty("b").GetString() == "FRA"));
        Assert.Contains(french, r => r.GetProperty("pair").GetString() == "FRA-NER");
    }

    [Fact]
    public async Task relationships_walked_two_at_a_time_are_the_whole_list_with_no_gap_or_repeat()
    {
        using var http = host.Client();
        var whole = (await Discovery.DiscoveryApiTests.WalkAsync(http, "/relationships?limit=500")).Select(r => r.GetProperty("pair").GetString()!).ToList();
        var walked = (await Discovery.DiscoveryApiTests.WalkAsync(http, "/relationships?limit=2")).Select(r => r.GetProperty("pair").GetString()!).ToList();
        Assert.True(whole.Count > 4, $"{whole.Count} relationships");
        Assert.Equal(whole, walked);
        Assert.Equal(walked.Distinct().Order(StringComparer.Ordinal), walked);
        var newYear = (await Discovery.DiscoveryApiTests.WalkAsync(http, "/relationships?limit=1&asOf=2024-01-01")).ToList();
        Assert.All(newYear, r => Assert.Equal("2024-01-01", r.GetProperty("asOf").GetString()));
    }

    [Fact]
    public async Task us_niger_as_of_new_year_2024_has_the_announced_resumption_and_not_yet_the_denunciation()
    {
        using var http = host.Client();
        var newYear = await (await http.GetAsync("/relationships/USA/NER?asOf=2024-01-01")).JsonAsync();
        Assert.Equal("NER-USA", newYear.GetProperty("pair").GetString());
        Assert.Equal("2024-01-01", newYear.GetProperty("asOf").GetString());
        Assert.Contains("resumption_announced", Statuses(newYear));
        Assert.DoesNotContain("denounced", Statuses(newYear));

        var now = await (await http.GetAsync("/relationships/NER/USA")).JsonAsync();
        Assert.Equal("denounced", Status(now, "agreements"));
        Assert.Contains(now.GetProperty("entries").Items(), e => e.GetProperty("type").GetString() == "agreement_denounced");
    }

    [Fact]
    public async Task recorded_at_before_any_ingestion_answers_an_empty_relationship()
    {
        using var http = host.Client();
        var recordedAt = Uri.EscapeDataString(host.BeforeIngestion.ToString("O"));
        var before = await (await http.GetAsync($"/relationships/NER/USA?recordedAt={recordedAt}")).JsonAsync();
        Assert.Empty(before.GetProperty("dimensions").Items());
        Assert.Empty(before.GetProperty("entries").Items());
        Assert.Equal(host.BeforeIngestion, before.GetProperty("recordedAt").GetDateTimeOffset());
        var timeline = await (await http.GetAsync($"/relationships/NER/USA/timeline?recordedAt={recordedAt}")).JsonAsync();
        Assert.Empty(timeline.GetProperty("entries").Items());
    }

    [Fact]
    public async Task known_at_is_a_publication_date_that_replays_the_news_whenever_it_was_recorded()
    {
        using var http = host.Client();
        // Recorded today, published in 2023-2024: the publication clock cuts by what had been published, not by ingestion.
        var beforeDenunciation = await (await http.GetAsync("/relationships/NER/USA?knownAt=2024-03-15")).JsonAsync();
        Assert.Equal("2024-03-15", beforeDenunciation.GetProperty("knownAt").GetString());
        Assert.NotEmpty(beforeDenunciation.GetProperty("entries").Items());
        Assert.DoesNotContain("denounced", Statuses(beforeDenunciation));
        var after = await (await http.GetAsync("/relationships/NER/USA?knownAt=2024-03-18")).JsonAsync();
        Assert.Equal("denounced", Status(after, "agreements"));
        var timeline = await (await http.GetAsync("/relationships/NER/USA/timeline?knownAt=2024-03-15")).JsonAsync();
        Assert.DoesNotContain(timeline.GetProperty("entries").Items(), e => e.GetProperty("type").GetString() == "agreement_denounced");
    }

    [Fact]
    public async Task an_instant_given_as_known_at_is_refused_with_the_clock_meant()
    {
        using var http = host.Client();
        var message = await (await http.GetAsync("/relationships/NER/USA?knownAt=2024-03-17T12:00:00Z")).InvalidAsync("knownAt");
        Assert.Contains("recordedAt", message);
        Assert.Contains("publication date", message);
        await (await http.GetAsync("/relationships/NER/USA?recordedAt=tomorrow")).InvalidAsync("recordedAt");
    }

    [Fact]
    public async Task codes_in_any_order_and_case_name_the_same_relationship()
    {
        using var http = host.Client();
        var a = await (await http.GetAsync("/relationships/usa/ner")).JsonAsync();
        var b = await (await http.GetAsync("/relationships/NER/USA")).JsonAsync();
        Assert.Equal("NER-USA", a.GetProperty("pair").GetString());
        Assert.Equal(b.GetProperty("dimensions").GetRawText(), a.GetProperty("dimensions").GetRawText());
    }

    [Fact]
    public async Task gazetteer_actor_without_reports_answers_a_relationship_with_only_the_countries_context()
    {
        using var http = host.Client();
        var state = await (await http.GetAsync("/relationships/NER/JPN")).JsonAsync();
        Assert.Equal("JPN-NER", state.GetProperty("pair").GetString());
        Assert.All(state.GetProperty("dimensions").Items(), d => Assert.Equal("context", d.GetProperty("dimension").GetString()));
        Assert.All(state.GetProperty("entries").Items(), e => Assert.Equal("coup_occurred", e.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task timeline_holds_the_denunciation_once_with_its_several_sources()
    {
        using var http = host.Client();
        var timeline = await (await http.GetAsync("/relationships/USA/NER/timeline")).JsonAsync();
        Assert.Equal("NER-USA", timeline.GetProperty("pair").GetString());
        var denunciations = timeline.GetProperty("entries").Items().Where(e => e.GetProperty("type").GetString() == "agreement_denounced").ToList();
        var dated = Assert.Single(denunciations, e => e.GetProperty("date").GetProperty("value").GetString() == "2024-03-16");
        Assert.True(dated.GetProperty("sourceCount").GetInt32() >= 2, dated.ToString());
        Assert.Equal(dated.GetProperty("sourceCount").GetInt32(), dated.GetProperty("reports").GetArrayLength());
    }

    [Fact]
    public async Task audit_chains_every_dimension_to_entries_reports_articles_and_quoted_sentences()
    {
        using var http = host.Client();
        var audit = await (await http.GetAsync("/relationships/NER/USA/audit?asOf=2024-03-20")).JsonAsync();
        var dimensions = audit.GetProperty("dimensions").Items().ToList();
        Assert.Contains(dimensions, d => d.GetProperty("key").GetString() == "agreements" && d.GetProperty("status").GetString() == "denounced");
        foreach (var d in dimensions)
        {
            var entries = d.GetProperty("entries").Items().ToList();
            Assert.NotEmpty(entries);
            foreach (var report in entries.SelectMany(e => e.GetProperty("reports").Items()))
            {
                Assert.StartsWith("article-", report.GetProperty("articleId").GetString());
                Assert.False(string.IsNullOrWhiteSpace(report.GetProperty("publisher").GetString()));
                Assert.Contains(report.GetProperty("evidence").Items(), ev => ev.GetProperty("quote").GetString()!.Length > 0);
            }
        }
        // The visits set no state (no "diplomatic: visit"); they are audited as events of their own, with their sources.
        Assert.DoesNotContain(dimensions, d => d.GetProperty("dimension").GetString() == "diplomatic");
        var visits = audit.GetProperty("occurrences").Items().ToList();
        Assert.NotEmpty(visits);
        Assert.All(visits, v => Assert.Equal("delegation_visited", v.GetProperty("type").GetString()));
        Assert.All(visits, v => Assert.NotEmpty(v.GetProperty("reports").Items()));
    }

    [Fact]
    public async Task unknown_actor_codes_are_404_problems_naming_the_code()
    {
        using var http = host.Client();
        var problem = await (await http.GetAsync("/relationships/NER/XYZ")).ProblemAsync(HttpStatusCode.NotFound, "Unknown actor", "'XYZ'");
        Assert.Equal("XYZ", problem.GetProperty("actor").GetString());
        await (await http.GetAsync("/relationships/QQQ/NER/timeline")).ProblemAsync(HttpStatusCode.NotFound, "Unknown actor", "'QQQ'");
        await (await http.GetAsync("/relationships/QQQ/NER/audit")).ProblemAsync(HttpStatusCode.NotFound, "Unknown actor", "'QQQ'");
        await (await http.GetAsync("/relationships?actor=ATLANTIS")).ProblemAsync(HttpStatusCode.NotFound, "Unknown actor", "'ATLANTIS'");
        await (await http.GetAsync("/events?actor=ATLANTIS")).ProblemAsync(HttpStatusCode.NotFound, "Unknown actor", "'ATLANTIS'");
    }

    [Fact]
    public async Task names_and_alpha_2_codes_are_accepted_wherever_codes_are_and_an_unknown_name_gets_the_closest()
    {
        using var http = host.Client();
        Assert.Equal("NER-USA", (await (await http.GetAsync("/relationships/United%20States/Niger")).JsonAsync()).GetProperty("pair").GetString());
        Assert.Equal("NER-USA", (await (await http.GetAsync("/relationships/US/ner")).JsonAsync()).GetProperty("pair").GetString());
        var listed = await (await http.GetAsync("/relationships?actor=Niger")).JsonAsync();
        Assert.Contains(listed.GetProperty("items").Items(), r => r.GetProperty("pair").GetString() == "NER-USA");
        var problem = await (await http.GetAsync("/relationships/Nigerr/USA")).ProblemAsync(HttpStatusCode.NotFound, "Unknown actor", "Niger (NER)");
        Assert.Equal("Nigerr", problem.GetProperty("actor").GetString());
        await (await http.GetAsync("/relationships/the%20former%20colonial%20power/NER")).ProblemAsync(HttpStatusCode.NotFound, "Unknown actor", "only inside an article");
    }

    [Fact]
    public async Task malformed_dates_and_a_pair_of_one_actor_are_400_naming_the_parameter()
    {
        using var http = host.Client();
        Assert.Contains("2024-13-01", await (await http.GetAsync("/relationships/NER/USA?asOf=2024-13-01")).InvalidAsync("asOf"));
        Assert.Contains("yesterday", await (await http.GetAsync("/relationships/NER/USA?knownAt=yesterday")).InvalidAsync("knownAt"));
        await (await http.GetAsync("/relationships/NER/USA/timeline?knownAt=2024-99-99T00:00:00Z")).InvalidAsync("knownAt");
        await (await http.GetAsync("/relationships/NER/USA/audit?asOf=16-03-2024")).InvalidAsync("asOf");
        await (await http.GetAsync("/relationships?asOf=soon")).InvalidAsync("asOf");
        Assert.Contains("two different actors", await (await http.GetAsync("/relationships/NER/ner")).InvalidAsync("b"));
    }

    [Fact]
    public async Task events_filter_by_type_actor_dates_and_article_and_page_through_next_links()
    {
        using var http = host.Client();
        var denounced = (await (await http.GetAsync("/events?type=AgreementDenounced&actor=USA&limit=500")).JsonAsync()).GetProperty("items").Items().ToList();
        var gold = GoldArticles.InPublicationOrder.Value.SelectMany(a => a.Reports).ToList();
        Assert.Equal(gold.Count(r => r.Event.Type == Monitoring.Domain.WorldEventType.AgreementDenounced && r.Event.Actors.Contains("USA")), denounced.Count);
        Assert.True(denounced.Count >= 2);
        Assert.All(denounced, e => Assert.Equal("agreement_denounced", e.GetProperty("event").GetProperty("type").GetString()));
        Assert.Equal(denounced.Count, (await (await http.GetAsync("/events?type=agreement_denounced&actor=usa")).JsonAsync()).GetProperty("items").GetArrayLength());

        var march = (await (await http.GetAsync("/events?from=2024-03-16&to=2024-03-16&actor=USA&limit=500")).JsonAsync()).GetProperty("items").Items().ToList();
        Assert.NotEmpty(march);
        Assert.Contains(march, e => e.GetProperty("event").GetProperty("type").GetString() == "agreement_denounced");
        // Day-precise events of other days (the troop reports of 17-19 March) are out; vaguer dates that may fall on the 16th are in.
        Assert.All(march.Select(e => e.GetProperty("event").GetProperty("date")).Where(d => d.GetProperty("precision").GetString() == "day"),
            d => Assert.Equal("2024-03-16", d.GetProperty("value").GetString()));

        var article = GoldArticles.Named("003_a455b231be305d8d.txt").StreamKey;
        var ofArticle = (await (await http.GetAsync($"/events?article={article}&limit=500")).JsonAsync()).GetProperty("items").Items().ToList();
        Assert.Equal(GoldArticles.Named("003_a455b231be305d8d.txt").Reports.Count, ofArticle.Count);
        Assert.All(ofArticle, e => Assert.Equal(article, e.GetProperty("articleId").GetString()));

        var seen = new List<string>();
        var next = "/events?actor=NER&limit=4";
        for (var pages = 0; next is not null && pages < 3; pages++)
        {
            var page = await (await http.GetAsync(next)).JsonAsync();
            Assert.True(page.GetProperty("items").GetArrayLength() <= 4);
            seen.AddRange(page.GetProperty("items").Items().Select(e => e.GetProperty("eventId").GetString()!));
            next = page.GetProperty("next").GetString();
        }
        Assert.Equal(Math.Min(12, gold.Count(r => r.Event.Actors.Contains("NER"))), seen.Count);
        Assert.True(seen.Count > 4, "more than one page");
        Assert.Equal(seen.Count, seen.Distinct().Count());
        var all = (await (await http.GetAsync("/events?actor=NER&limit=12")).JsonAsync()).GetProperty("items").Items().Select(e => e.GetProperty("eventId").GetString()!);
        Assert.Equal(all, seen);

        // Walked to the end in pages of three: every event of NER once, in the order of one big page.
        var whole = (await Discovery.DiscoveryApiTests.WalkAsync(http, "/events?actor=NER&limit=500")).Select(e => e.GetProperty("eventId").GetString()!).ToList();
        var walked = (await Discovery.DiscoveryApiTests.WalkAsync(http, "/events?actor=NER&limit=3")).Select(e => e.GetProperty("eventId").GetString()!).ToList();
        Assert.Equal(gold.Count(r => r.Event.Actors.Contains("NER")), whole.Count);
        Assert.Equal(whole, walked);
    }

    [Fact]
    public async Task events_with_wrong_types_or_dates_are_400_naming_the_parameter()
    {
        using var http = host.Client();
        await (await http.GetAsync("/events?limit=abc")).ProblemAsync(HttpStatusCode.BadRequest, "Bad request", "limit");
        Assert.Contains("next link", await (await http.GetAsync("/events?cursor=xyz")).InvalidAsync("cursor"));
        Assert.Contains("between 1 and 500", await (await http.GetAsync("/events?limit=0")).InvalidAsync("limit"));
        var notAType = await (await http.GetAsync("/events?type=Invasion")).InvalidAsync("type");
        Assert.Contains("not an event type", notAType);
        // The choices are named the one way output writes them.
        Assert.Contains("agreement_denounced", notAType);
        Assert.DoesNotContain("AgreementDenounced", notAType);
        Assert.Contains("2024-02-30", await (await http.GetAsync("/events?from=2024-02-30")).InvalidAsync("from"));
        await (await http.GetAsync("/events?from=2024-03-01&to=2024-02-01")).InvalidAsync("to");
    }
}
