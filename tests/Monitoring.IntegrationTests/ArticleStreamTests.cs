using Marten;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.Extraction.Reading;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.Store.Articles;
using Monitoring.Store.Articles.Ingesting;
using Monitoring.Store.Relationships;

namespace Monitoring.IntegrationTests;

[Collection(PostgresCollection.Name)]
public sealed class ArticleStreamTests(PostgresServer server) : IAsyncLifetime
{
    private MonitorTestHost _host = null!;

    public async Task InitializeAsync() => _host = await MonitorTestHost.StartAsync(server, nameof(ArticleStreamTests));
    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<long> StoredEventCount()
    {
        await using var session = _host.Store.QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }

    [Fact]
    public async Task ingested_article_starts_a_stream_with_the_article_then_its_events()
    {
        const string file = "003_a455b231be305d8d.txt";
        var outcome = await _host.IngestSeedAsync(file);

        Assert.Equal(IngestStatus.Accepted, outcome.Status);
        await using var session = _host.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(outcome.ArticleId!);
        Assert.Equal(outcome.Events + 1, events.Count);
        var ingested = Assert.IsType<ArticleIngested>(events[0].Data);
        Assert.Equal("Naija News Thrill", ingested.Publisher);
        Assert.Equal(new DateOnly(2024, 3, 17), ingested.Published);
        Assert.Equal(File.ReadAllText(Path.Combine(MonitorTestHost.SeedsFolder, file)), ingested.Text);
        Assert.All(events.Skip(1), e => Assert.Equal(outcome.ArticleId, Assert.IsType<EventReported>(e.Data).Article.ArticleId));
    }

    [Fact]
    public async Task the_same_article_twice_appends_nothing()
    {
        const string file = "004_51c27842803473e4.txt";
        var first = await _host.IngestSeedAsync(file);
        var before = await StoredEventCount();

        var second = await _host.IngestSeedAsync(file);

        Assert.Equal(IngestStatus.Accepted, first.Status);
        Assert.Equal(IngestStatus.Duplicate, second.Status);
        Assert.Equal(first.ArticleId, second.ArticleId);
        Assert.Equal(before, await StoredEventCount());
    }

    [Theory]
    [InlineData(new byte[0], "empty")]
    [InlineData(new byte[] { 0x00, 0x01, 0xFF, 0xFE, 0x00, 0x00 }, "binary")]
    public async Task bad_input_is_rejected_with_its_reason_and_loses_nothing(byte[] content, string problem)
    {
        await _host.IngestSeedAsync("001_9c090810648d2c8f.txt");
        var before = await StoredEventCount();

        var outcome = await _host.Bus.InvokeAsync<IngestOutcome>(
            new IngestArticle("bad", content, ArticleFormat.Text, new ArticleMetadata(Published: new DateOnly(2024, 1, 1))));

        Assert.Equal(IngestStatus.Rejected, outcome.Status);
        Assert.Contains(problem, outcome.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await StoredEventCount());
    }

    [Fact]
    public async Task an_article_that_states_no_publication_date_counts_as_published_the_day_it_is_recorded_and_says_so()
    {
        var outcome = await _host.Bus.InvokeAsync<IngestOutcome>(
            new IngestArticle("undated", "Chad ended its defence cooperation agreement with France, the foreign ministry said."u8.ToArray(), ArticleFormat.Text, null));

        Assert.Equal(IngestStatus.Accepted, outcome.Status);
        await using var session = _host.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(outcome.ArticleId!);
        var ingested = Assert.IsType<ArticleIngested>(events[0].Data);
        Assert.True(ingested.PublicationUnstated);
        Assert.Equal(DateOnly.FromDateTime(events[0].Timestamp.UtcDateTime), ingested.Published);
        Assert.All(events.Skip(1).Select(e => e.Data).OfType<EventReported>(), r => Assert.True(r.Article.PublicationUnstated));
    }

    [Fact]
    public async Task relationship_history_after_two_articles_holds_both_reports_on_both_clocks()
    {
        var pair = ActorPair.Of("MLI", "FRA");
        var first = Report("article-a", WorldEventType.AmbassadorExpelled, "MLI", "FRA", new DateOnly(2022, 1, 31));
        var second = Report("article-b", WorldEventType.WithdrawalAnnounced, "FRA", "MLI", new DateOnly(2022, 2, 17));
        await using (var session = _host.Store.LightweightSession())
        {
            session.Events.StartStream("article-a", first);
            await session.SaveChangesAsync();
        }
        await using (var session = _host.Store.LightweightSession())
        {
            session.Events.StartStream("article-b", second);
            await session.SaveChangesAsync();
        }

        await using var query = _host.Store.QuerySession();
        var history = await RelationshipQueries.LoadAsync(query, pair);

        Assert.Equal([first.ReportId, second.ReportId], history.Reports.Select(r => r.EventId));
        Assert.True(history.Reports[0].Sequence > 0 && history.Reports[1].Sequence > history.Reports[0].Sequence);
        Assert.True(history.Reports[0].RecordedAt > DateTimeOffset.UtcNow.AddMinutes(-5), $"recorded at {history.Reports[0].RecordedAt:O}");
        Assert.True(history.Reports[1].RecordedAt >= history.Reports[0].RecordedAt);
        Assert.Contains(pair, await RelationshipQueries.PairsAsync(query));
    }

    private static EventReported Report(string articleId, WorldEventType type, string source, string target, DateOnly date)
    {
        var source1 = new ArticleSource(articleId, "Test Wire", "https://example.org/" + articleId, date, null, articleId);
        var e = new ExtractedEvent(type, source, target, [], null, null, EventDate.Day(date), Modality.Asserted, 0.9, "test.rule", "1",
            [new Evidence(0, 0, 4, "Test")]);
        return new EventReported(Guid.NewGuid(), source1, e, "test");
    }
}
