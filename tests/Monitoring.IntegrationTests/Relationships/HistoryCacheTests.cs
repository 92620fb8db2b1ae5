using System.Text.Json;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.Store.Articles;
using Monitoring.Store.Relationships;
using Npgsql;

namespace Monitoring.IntegrationTests.Relationships;

/// <summary>
/// Answers from the histories held in the process must be those of a history read afresh, whatever happened to the
/// rows since they were read: new reports, a re-extraction, a projection rebuild, a reset, rows written by another
/// node with an older time.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class HistoryCacheTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly ActorPair Pair = ActorPair.Of("MLI", "FRA");
    private MonitorTestHost _host = null!;

    public async Task InitializeAsync() => _host = await MonitorTestHost.StartAsync(server, nameof(HistoryCacheTests));
    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task every_seed_ingested_is_in_the_next_answer()
    {
        var pair = ActorPair.Of("USA", "NER");
        foreach (var file in MonitorTestHost.SeedsInPublicationOrder)
        {
            await _host.IngestSeedAsync(file);
            await AssertSameAsFreshAsync(pair);
        }
    }

    [Fact]
    public async Task reports_re_extractions_rebuilds_and_resets_are_all_seen()
    {
        await AppendAsync("article-cache-1", Reported("article-cache-1", "MLI", "FRA", 0), Reported("article-cache-1", "FRA", "MLI", 3));
        await AssertSameAsFreshAsync(Pair);

        await AppendAsync("article-cache-2", Reported("article-cache-2", "MLI", "FRA", 1));
        await AssertSameAsFreshAsync(Pair);

        await AppendAsync("article-cache-3", Reported("article-cache-3", "MLI", "FRA", 2), new ArticleReextracted("article-cache-1", "test", "test2", ["FRA-MLI"]));
        await AssertSameAsFreshAsync(Pair);

        using (var daemon = await _host.Store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync<RelationshipHistoryProjection>(CancellationToken.None);
        await AssertSameAsFreshAsync(Pair);

        await _host.Store.Advanced.ResetAllData();
        await AssertSameAsFreshAsync(Pair);
        await AppendAsync("article-cache-4", Reported("article-cache-4", "FRA", "MLI", 5));
        await AssertSameAsFreshAsync(Pair);
    }

    [Fact]
    public async Task a_row_committed_late_with_an_earlier_time_or_removed_is_seen()
    {
        await AppendAsync("article-late-1", Reported("article-late-1", "MLI", "FRA", 0));
        await AssertSameAsFreshAsync(Pair);

        // Another node's transaction, started before the last one the cache saw but committed after it.
        await AppendAsync("article-late-2", Reported("article-late-2", "FRA", "MLI", 2));
        await SqlAsync($"update {_host.Schema}.mt_doc_history_report set mt_last_modified = mt_last_modified - interval '1 hour' where id like 'FRA-MLI/%' " +
                       $"and data -> 'report' ->> 'articleId' = 'article-late-2'");
        await AssertSameAsFreshAsync(Pair);

        await SqlAsync($"delete from {_host.Schema}.mt_doc_history_report where data -> 'report' ->> 'articleId' = 'article-late-1'");
        await AssertSameAsFreshAsync(Pair);
    }

    private async Task AssertSameAsFreshAsync(ActorPair pair)
    {
        await using var session = _host.Store.QuerySession();
        var fresh = await RelationshipQueries.LoadAsync(session, pair);
        var times = fresh.Reports.Select(r => (DateTimeOffset?)r.RecordedAt).Append(null).Distinct().ToList();
        foreach (var knownAt in times)
        foreach (var asOf in new DateOnly?[] { null, new(2022, 2, 1), new(2023, 8, 1), new(2024, 6, 1) })
        {
            var expected = Relationship.StateOf(pair, fresh.Reports, fresh.Supersessions, new Clocks(asOf, RecordedAt: knownAt));
            Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(await _host.Answers.StateAsync(session, pair, new Clocks(asOf, RecordedAt: knownAt))));
        }
        Assert.Equal(JsonSerializer.Serialize(Relationship.Timeline(pair, fresh.Reports, fresh.Supersessions)),
            JsonSerializer.Serialize(await _host.Answers.TimelineAsync(session, pair, Clocks.Now)));
    }

    private async Task AppendAsync(string stream, params object[] events)
    {
        await using var session = _host.Store.LightweightSession();
        session.Events.Append(stream, events);
        await session.SaveChangesAsync();
    }

    private async Task SqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        Assert.True(await command.ExecuteNonQueryAsync() > 0);
    }

    private static EventReported Reported(string article, string source, string target, int day)
    {
        var date = new DateOnly(2022, 1, 28).AddDays(day);
        var e = new ExtractedEvent(WorldEventType.AmbassadorExpelled, source, target, [], null, null, EventDate.Day(date), Modality.Asserted, 0.8, "test", "1",
            [new Evidence(0, 0, 4, "Test")]);
        return new EventReported(Guid.NewGuid(), new ArticleSource(article, "Wire " + article, null, date, null, article), e, "test");
    }
}
