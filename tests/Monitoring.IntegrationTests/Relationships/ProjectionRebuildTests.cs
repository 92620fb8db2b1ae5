using System.Text.Json;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Review;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.Store;
using Monitoring.Store.Articles;
using Monitoring.Store.Relationships;
using Npgsql;

namespace Monitoring.IntegrationTests.Relationships;

[Collection(PostgresCollection.Name)]
public sealed class ProjectionRebuildTests(PostgresServer server) : IAsyncLifetime
{
    private MonitorTestHost _host = null!;

    public async Task InitializeAsync() => _host = await MonitorTestHost.StartAsync(server, nameof(ProjectionRebuildTests));
    public async Task DisposeAsync() => await _host.DisposeAsync();

    private HistoryRebuild Rebuild => _host.Services.GetRequiredService<HistoryRebuild>();

    [Fact]
    public async Task a_full_rebuild_gives_exactly_the_documents_of_incremental_updates()
    {
        await StoreHistoriesAsync();
        var incremental = await Snapshot();

        using var daemon = await _host.Store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync<RelationshipHistoryProjection>(CancellationToken.None);

        AssertSame(incremental, await Snapshot());
    }

    [Fact]
    public async Task a_parallel_rebuild_in_small_ranges_writes_the_documents_and_answers_of_incremental_updates_and_of_the_daemon()
    {
        await StoreHistoriesAsync();
        var incremental = await Snapshot();
        var answers = await AnswersAsync();
        var highest = 0L;
        var covered = new List<long>();
        var indexed = await PairIndexesAsync();
        var indexedDuring = new List<long>();

        // Three workers on ranges of 7 sequence numbers read in pages of 4: many ranges, pages cut inside them, ranges done out of order.
        var report = await Rebuild.RunAsync(new RebuildSettings(Workers: 3, RangeEvents: 7, PageEvents: 4), null, (done, of) =>
        {
            highest = of;
            // Told by the workers side by side: the index is looked at once, by the first page done.
            lock (covered)
            {
                covered.Add(done);
                if (indexedDuring.Count == 0) indexedDuring.Add(PairIndexesAsync().GetAwaiter().GetResult());
            }
        }, default);

        var parallel = await Snapshot();
        AssertSame(incremental, parallel);
        Assert.Equal(answers, await AnswersAsync());
        Assert.Equal(new HistoryChanges(_host.Store).TriggerCount, await TriggersInPlaceAsync());
        // The pair index is built once at the end, not kept row by row: gone while the copies run, back after.
        Assert.Equal(1, indexed);
        Assert.Equal([0L], indexedDuring);
        Assert.Equal(1, await PairIndexesAsync());
        Assert.Equal(highest, covered.Max());
        Assert.Equal(parallel.Count(d => d.Key.StartsWith("history_report:", StringComparison.Ordinal)), report.Documents);

        await Rebuild.RunAsync(new RebuildSettings(Parallel: false), null, null, default);
        AssertSame(parallel, await Snapshot());
    }

    [Fact]
    public async Task events_appended_while_a_parallel_rebuild_runs_keep_their_documents()
    {
        await StoreHistoriesAsync();
        var appended = false;

        await Rebuild.RunAsync(new RebuildSettings(Workers: 2, RangeEvents: 5, PageEvents: 3), null, (_, _) =>
        {
            lock (_host)
            {
                if (appended) return;
                appended = true;
            }
            // Above the rebuild's high-water mark: the inline projection writes these documents, the rebuild never reads them.
            using var session = _host.Store.LightweightSession();
            session.Events.StartStream("article-during-rebuild", Reported("article-during-rebuild", "MLI", "FRA"));
            session.SaveChangesAsync().GetAwaiter().GetResult();
        }, default);

        var afterParallel = await Snapshot();
        Assert.Contains(afterParallel.Values, json => json.Contains("article-during-rebuild", StringComparison.Ordinal));
        await Rebuild.RunAsync(new RebuildSettings(Parallel: false), null, null, default);
        AssertSame(afterParallel, await Snapshot());
    }

    [Fact]
    public async Task documents_written_by_another_writer_during_a_parallel_rebuild_are_skipped_by_its_copy()
    {
        await StoreHistoriesAsync();
        var incremental = await Snapshot();
        IReadOnlyList<IEvent> last;
        await using (var session = _host.Store.QuerySession())
            last = await session.Events.QueryAllRawEvents().OrderByDescending(e => e.Sequence).Take(20).ToListAsync();
        var written = -1;

        // One worker, so the last events' range comes last: change detection completes their history first, as it may
        // while a rebuild runs (RelationshipHistoryProjection.CompleteAsync), and the rebuild's COPY meets those rows.
        await Rebuild.RunAsync(new RebuildSettings(Workers: 1, RangeEvents: 5, PageEvents: 3), null, (_, _) =>
        {
            if (written < 0) written = RelationshipHistoryProjection.CompleteAsync(_host.Store, last, default).GetAwaiter().GetResult();
        }, default);

        Assert.True(written > 0);
        AssertSame(incremental, await Snapshot());
    }

    [Fact]
    public async Task a_cancelled_parallel_rebuild_stops_and_a_second_one_restores_the_histories()
    {
        await StoreHistoriesAsync();
        var incremental = await Snapshot();
        using var stop = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Rebuild.RunAsync(new RebuildSettings(Workers: 2, RangeEvents: 5, PageEvents: 3), null, (_, _) => stop.Cancel(), stop.Token));
        Assert.NotEqual(incremental.Count, (await Snapshot()).Count);
        // The change counter and the pair index are back in place over the partial rows: the history cache can trust them.
        Assert.Equal(new HistoryChanges(_host.Store).TriggerCount, await TriggersInPlaceAsync());
        Assert.Equal(1, await PairIndexesAsync());

        await Rebuild.RunAsync();
        AssertSame(incremental, await Snapshot());
    }

    /// <summary>The seeds, reports appended directly (so the test does not depend on what the extractor finds), a re-extraction and two corrections.</summary>
    private async Task StoreHistoriesAsync()
    {
        foreach (var file in MonitorTestHost.SeedsInPublicationOrder) await _host.IngestSeedAsync(file);
        await using (var session = _host.Store.LightweightSession())
        {
            session.Events.StartStream("article-direct-1", Reported("article-direct-1", "MLI", "FRA"), Reported("article-direct-1", "ECOWAS", "MLI"));
            session.Events.StartStream("article-direct-2", Reported("article-direct-2", "MLI", "FRA"),
                new ArticleReextracted("article-direct-2", "test", "test2", ["FRA-MLI"]));
            await session.SaveChangesAsync();
        }
        var review = _host.Services.GetRequiredService<ReviewService>();
        await using var query = _host.Store.QuerySession();
        var reports = await query.Query<HistoryReport>().Where(r => r.HistoryId == "FRA-MLI").ToListAsync();
        Assert.True(reports.Count >= 2);
        Assert.NotNull((await review.CorrectAsync(reports[0].Report.EventId.ToString(), new EventChanges(Target: "Russia"), "alice", "Moscow, not Paris", default)).Value);
        Assert.NotNull((await review.RetractAsync(reports[1].Report.EventId.ToString(), "alice", "a rumour", default)).Value);
        Assert.NotEmpty(await query.Query<HistoryCorrection>().ToListAsync());
    }

    private static EventReported Reported(string article, string source, string target)
    {
        var day = new DateOnly(2022, 1, 31);
        var e = new ExtractedEvent(WorldEventType.AmbassadorExpelled, source, target, [], null, null, EventDate.Day(day), Modality.Asserted, 0.8, "test", "1",
            [new Evidence(0, 0, 4, "Test")]);
        return new EventReported(Guid.NewGuid(), new ArticleSource(article, "Wire", null, day, null, article), e, "test");
    }

    /// <summary>Every stored history document, as PostgreSQL holds it: "table:id" to its JSON.</summary>
    private async Task<Dictionary<string, string>> Snapshot()
    {
        var tables = new[]
        {
            ("history_report", MartenTables.DocumentTable<HistoryReport>(_host.Store)),
            ("history_supersession", MartenTables.DocumentTable<HistorySupersession>(_host.Store)),
            ("history_correction", MartenTables.DocumentTable<HistoryCorrection>(_host.Store)),
        };
        var documents = new Dictionary<string, string>();
        await using var connection = _host.Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        foreach (var (kind, table) in tables)
        {
            await using var command = new NpgsqlCommand($"select id, data::text from {table}", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) documents.Add($"{kind}:{reader.GetString(0)}", reader.GetString(1));
        }
        return documents;
    }

    /// <summary>The report table's indexes on the history id (the pair index the questions read by).</summary>
    private async Task<long> PairIndexesAsync()
    {
        await using var connection = _host.Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        var (schema, table) = MartenTables.DocumentTableParts<HistoryReport>(_host.Store);
        await using var command = new NpgsqlCommand(
            "select count(*) from pg_indexes where schemaname = @schema and tablename = @table and indexdef like '%(history_id)%'", connection);
        command.Parameters.AddWithValue("schema", schema);
        command.Parameters.AddWithValue("table", table);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private async Task<long> TriggersInPlaceAsync()
    {
        await using var connection = _host.Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(new HistoryChanges(_host.Store).TriggersInPlace, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static void AssertSame(Dictionary<string, string> expected, Dictionary<string, string> actual)
    {
        Assert.NotEmpty(expected);
        Assert.Contains(expected.Keys, k => k.StartsWith("history_supersession:", StringComparison.Ordinal));
        Assert.Contains(expected.Keys, k => k.StartsWith("history_correction:", StringComparison.Ordinal));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, json) in expected) Assert.Equal(json, actual[id]);
    }

    /// <summary>Every relationship's state now and its timeline, serialized (through the history cache, as a service answers).</summary>
    private async Task<string> AnswersAsync()
    {
        await using var session = _host.Store.QuerySession();
        var states = await _host.Answers.AllAsync(session, null, Clocks.Now);
        var timelines = new List<string>();
        foreach (var state in states) timelines.Add(JsonSerializer.Serialize(await _host.Answers.TimelineAsync(session, state.Pair, Clocks.Now)));
        return JsonSerializer.Serialize(states) + string.Join("\n", timelines);
    }
}
