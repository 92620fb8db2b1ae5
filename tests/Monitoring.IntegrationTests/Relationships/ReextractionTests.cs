using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.Extraction;
using Monitoring.Extraction.Reading;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.Store.Articles;
using Monitoring.Store.Articles.Reextracting;

namespace Monitoring.IntegrationTests.Relationships;

[Collection(PostgresCollection.Name)]
public sealed class ReextractionTests(PostgresServer server) : IAsyncLifetime
{
    private const string OldVersion = "0.0.1-old";
    private static readonly ActorPair UsNiger = ActorPair.Of("USA", "NER");
    private readonly TestClock _clock = new();
    private MonitorTestHost _host = null!;

    public async Task InitializeAsync() => _host = await MonitorTestHost.StartAsync(server, nameof(ReextractionTests), _clock);
    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Stores seed 003 as an older extractor read it: one denunciation, wrongly dated 15 March.</summary>
    private async Task<string> StoreAsReadByAnOldExtractor()
    {
        const string file = "003_a455b231be305d8d.txt";
        var text = File.ReadAllText(Path.Combine(MonitorTestHost.SeedsFolder, file));
        var meta = MonitorTestHost.SeedManifest.Value[file];
        var article = new Article(text, meta.Title, meta.Publisher, meta.Url, meta.Published!.Value, "0ld" + new string('0', 61));
        var key = ArticleStream.KeyOf(article.ContentHash);
        var source = ArticleStream.SourceOf(key, article, "wire-003");
        var wrong = new ExtractedEvent(WorldEventType.AgreementDenounced, "NER", "USA", [], "military", null, EventDate.Day(new DateOnly(2024, 3, 15)),
            Modality.Asserted, 0.7, "old.rule", "0", [new Evidence(0, 0, 10, text[..10])]);
        await using var session = _host.Store.LightweightSession();
        session.Events.StartStream(key,
            new ArticleIngested(key, article.ContentHash, null, meta.Publisher, meta.Url, article.Published, "text", text, "wire-003", OldVersion, 1),
            new EventReported(ArticleStream.ReportId(key, OldVersion, 0), source, wrong, OldVersion));
        await session.SaveChangesAsync();
        return key;
    }

    [Fact]
    public async Task reextraction_keeps_the_old_answer_at_an_old_known_at_and_gives_the_new_one_now()
    {
        var key = await StoreAsReadByAnOldExtractor();
        var beforeReextraction = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromSeconds(1));

        var report = await _host.Bus.InvokeAsync<ReextractionReport>(new ReextractArticles());

        Assert.Equal(1, report.Reextracted);
        await using var session = _host.Store.QuerySession();
        var then = await _host.Answers.TimelineAsync(session, UsNiger, new Clocks(RecordedAt: beforeReextraction));
        var now = await _host.Answers.TimelineAsync(session, UsNiger, Clocks.Now);
        Assert.Contains(then, e => e.Reports.Any(r => r.ExtractorVersion == OldVersion));
        Assert.DoesNotContain(now, e => e.Reports.Any(r => r.ExtractorVersion == OldVersion));
        Assert.All(now.SelectMany(e => e.Reports), r => Assert.Equal(Extractor.Version, r.ExtractorVersion));

        var stream = await session.Events.FetchStreamAsync(key);
        Assert.Contains(stream, e => e.Data is ArticleReextracted x && x.SupersededVersion == OldVersion && x.NewVersion == Extractor.Version);
        Assert.Contains(stream, e => e.Data is EventReported r && r.ExtractorVersion == OldVersion);
    }

    [Fact]
    public async Task reextracting_twice_changes_nothing_the_second_time()
    {
        await StoreAsReadByAnOldExtractor();
        await _host.Bus.InvokeAsync<ReextractionReport>(new ReextractArticles());

        var second = await _host.Bus.InvokeAsync<ReextractionReport>(new ReextractArticles());

        Assert.Equal(0, second.Reextracted);
    }

    [Fact]
    public async Task replay_shows_the_articles_and_states_as_they_were_recorded()
    {
        await _host.IngestSeedAsync("001_9c090810648d2c8f.txt");
        var afterFirst = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromSeconds(1));
        await _host.IngestSeedAsync("004_51c27842803473e4.txt");

        await using var session = _host.Store.QuerySession();
        var then = await _host.Answers.ReplayRecordedAsync(session, afterFirst);
        var now = await _host.Answers.ReplayRecordedAsync(session, _clock.GetUtcNow());

        Assert.Single(then.Articles);
        Assert.Equal("Antiwar.com", then.Articles[0].Publisher);
        Assert.Equal(2, now.Articles.Count);
    }
}
