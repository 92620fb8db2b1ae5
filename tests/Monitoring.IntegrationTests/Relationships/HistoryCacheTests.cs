using System.Text.Json;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.Store.Articles;
using Monitoring.Store.Articles.Ingesting;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task a_store_written_before_the_change_counter_gets_one_and_then_is_checked_by_it()
    {
        await AppendAsync("article-counter-1", Reported("article-counter-1", "MLI", "FRA", 0));
        // As a store written by an earlier version: no counter, no triggers.
        await SqlAsync($"drop table if exists {_host.Schema}.monitor_history_changes; " +
                       $"drop trigger if exists monitor_history_insertd on {_host.Schema}.mt_doc_history_report; select 1", expectRows: false);
        await AppendAsync("article-counter-2", Reported("article-counter-2", "FRA", "MLI", 1));
        var before = Cache.Counts;
        await AssertSameAsFreshAsync(Pair);
        Assert.True(Cache.Counts.Repairs > before.Repairs, "the counter was not installed");

        // Counted now: an unchanged pair is answered without reading its rows, a new report by reading it alone.
        var counted = Cache.Counts;
        await AssertSameAsFreshAsync(Pair);
        Assert.Equal(counted, Cache.Counts);
        await AppendAsync("article-counter-3", Reported("article-counter-3", "MLI", "FRA", 2));
        await AssertSameAsFreshAsync(Pair);
        Assert.Equal(counted with { TopUps = counted.TopUps + 1 }, Cache.Counts);
    }

    [Fact]
    public async Task a_history_table_that_lost_its_triggers_is_counted_again_before_it_is_trusted()
    {
        await AppendAsync("article-trigger-1", Reported("article-trigger-1", "MLI", "FRA", 0));
        await AssertSameAsFreshAsync(Pair);
        // A table recreated by a schema change comes back without the counter's triggers: what is written then is not counted.
        await SqlAsync($"drop trigger if exists monitor_history_insertd on {_host.Schema}.mt_doc_history_report; select 1", expectRows: false);
        await AppendAsync("article-trigger-2", Reported("article-trigger-2", "FRA", "MLI", 1));
        var before = Cache.Counts;
        await AssertSameAsFreshAsync(Pair);
        Assert.Equal(before.Repairs + 1, Cache.Counts.Repairs);
        await AppendAsync("article-trigger-3", Reported("article-trigger-3", "MLI", "FRA", 2));
        await AssertSameAsFreshAsync(Pair);
    }

    [Fact]
    public async Task bulk_imports_are_counted_and_many_transactions_fold_into_one_row_per_history()
    {
        await AppendAsync("article-fold-0", Reported("article-fold-0", "MLI", "FRA", 0));
        await AssertSameAsFreshAsync(Pair);
        // A bulk import writes its history rows with COPY, not through Marten's session.
        Assert.True(await IngestBatch.BulkAppendAsync(_host.Store,
            [.. Enumerable.Range(1, 3).Select(i => ($"article-bulk-{i}", (IReadOnlyList<object>)[Reported($"article-bulk-{i}", "FRA", "MLI", i)]))]));
        await AssertSameAsFreshAsync(Pair);

        for (var i = 1; i <= HistoryChanges.CompactAbove; i++) await AppendAsync($"article-fold-{i}", Reported($"article-fold-{i}", "MLI", "FRA", i));
        Assert.True(await ChangeRowsAsync() > HistoryChanges.CompactAbove);
        await AssertSameAsFreshAsync(Pair);
        // One row per history and kind written (the pair's reports, each country's none): folding changed no count.
        Assert.True(await ChangeRowsAsync() <= 3, $"{await ChangeRowsAsync()} change rows left");
        var folded = Cache.Counts;
        await AssertSameAsFreshAsync(Pair);
        Assert.Equal(folded, Cache.Counts);
    }

    [Fact]
    public async Task concurrent_writers_and_questions_leave_the_counter_equal_to_the_rows()
    {
        await AppendAsync("article-race-0", Reported("article-race-0", "MLI", "FRA", 0));
        await AssertSameAsFreshAsync(Pair);
        // Four writers on the same pair (one change row each per transaction), with questions folding the rows meanwhile.
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 30; i++) await AppendAsync($"article-race-{w}-{i}", Reported($"article-race-{w}-{i}", "MLI", "FRA", i));
        })).ToList();
        var asking = Task.Run(async () =>
        {
            while (writers.Any(w => !w.IsCompleted))
            {
                await using var session = _host.Store.QuerySession();
                await _host.Answers.StateAsync(session, Pair, Clocks.Now);
            }
        });
        await Task.WhenAll([.. writers, asking]);
        await AssertSameAsFreshAsync(Pair);

        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select (select coalesce(sum(rows), 0) from {_host.Schema}.monitor_history_changes where history_id = 'FRA-MLI' and kind = 0), " +
            $"(select count(*) from {_host.Schema}.mt_doc_history_report where history_id = 'FRA-MLI')", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(121L, reader.GetInt64(1));
        Assert.Equal(reader.GetInt64(1), (long)reader.GetDecimal(0));
    }

    private HistoryCache Cache => _host.Services.GetRequiredService<HistoryCache>();

    private async Task<long> ChangeRowsAsync()
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from {_host.Schema}.monitor_history_changes where history_id = any(@ids)", connection);
        command.Parameters.AddWithValue("ids", new[] { Pair.Id, Pair.A, Pair.B });
        return (long)(await command.ExecuteScalarAsync())!;
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

    private async Task SqlAsync(string sql, bool expectRows = true)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var changed = await command.ExecuteNonQueryAsync();
        if (expectRows) Assert.True(changed > 0);
    }

    private static EventReported Reported(string article, string source, string target, int day)
    {
        var date = new DateOnly(2022, 1, 28).AddDays(day);
        var e = new ExtractedEvent(WorldEventType.AmbassadorExpelled, source, target, [], null, null, EventDate.Day(date), Modality.Asserted, 0.8, "test", "1",
            [new Evidence(0, 0, 4, "Test")]);
        return new EventReported(Guid.NewGuid(), new ArticleSource(article, "Wire " + article, null, date, null, article), e, "test");
    }
}
