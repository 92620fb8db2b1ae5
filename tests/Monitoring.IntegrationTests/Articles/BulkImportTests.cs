using System.Text.Json;
using Marten;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.Extraction.Reading;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.IntegrationTests.Notifications;
using Monitoring.Notifications.Subscriptions;
using Monitoring.Notifications.Webhooks;
using Monitoring.Store.Articles.Ingesting;
using Monitoring.Store.Relationships;

namespace Monitoring.IntegrationTests.Articles;

/// <summary>
/// The archive import (Marten's COPY bulk append, then a COPY of the history documents) must store exactly what
/// one-by-one ingestion stores, stay idempotent, and lose nothing when its process dies between the two writes.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class BulkImportTests(PostgresServer server)
{
    private static IReadOnlyList<IngestArticle> Seeds() => MonitorTestHost.SeedsInPublicationOrder
        .Select(f => new IngestArticle(f, File.ReadAllBytes(Path.Combine(MonitorTestHost.SeedsFolder, f)), ArticleFormat.Text, MonitorTestHost.SeedManifest.Value[f]))
        .ToList();

    private static List<PreparedArticle> Prepared(IEnumerable<IngestArticle> articles) =>
        articles.Select(a => PreparedArticle.Prepare(a, DateOnly.FromDateTime(DateTime.UtcNow)).Article!).ToList();

    [Fact]
    public async Task bulk_import_of_the_seeds_stores_the_documents_and_answers_of_one_by_one_ingestion()
    {
        await using var oneByOne = await MonitorTestHost.StartAsync(server, "bulk_ref");
        await using var bulk = await MonitorTestHost.StartAsync(server, "bulk_imp");
        foreach (var file in MonitorTestHost.SeedsInPublicationOrder) await oneByOne.IngestSeedAsync(file);
        var outcomes = await IngestBatch.ImportAsync(bulk.Store, Prepared(Seeds()));

        Assert.All(outcomes, o => Assert.Equal(IngestStatus.Accepted, o.Status));
        var expected = await Histories(oneByOne.Store);
        var actual = await Histories(bulk.Store);
        Assert.True(expected.Count >= 20, $"only {expected.Count} history documents");
        // Same documents under the same ids; only the clocks of the store differ (other sequences, other times).
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (id, doc) in expected) Assert.Equal(WithoutClocks(doc), WithoutClocks(actual[id]));

        await using var a = oneByOne.Store.QuerySession();
        await using var b = bulk.Store.QuerySession();
        var pair = ActorPair.Of("USA", "NER");
        Assert.Equal(Relationship.Describe(await oneByOne.Answers.StateAsync(a, pair, Clocks.Now)),
            Relationship.Describe(await bulk.Answers.StateAsync(b, pair, Clocks.Now)));
        Assert.Contains(Relationship.Describe(await bulk.Answers.StateAsync(b, pair, Clocks.Now)), l => l.StartsWith("agreements: denounced", StringComparison.Ordinal));
        Assert.Equal(0, await b.Query<PendingImport>().CountAsync());
    }

    [Fact]
    public async Task importing_an_archive_twice_changes_nothing_and_twins_in_a_batch_are_duplicates()
    {
        await using var host = await MonitorTestHost.StartAsync(server, "bulk_twice");
        var seeds = Seeds();
        var first = await IngestBatch.ImportAsync(host.Store, Prepared(seeds.Append(seeds[0] with { Origin = "twin" })));
        Assert.Equal(5, first.Count(o => o.Status == IngestStatus.Accepted));
        Assert.Equal("twin", Assert.Single(first, o => o.Status == IngestStatus.Duplicate).Origin);
        var before = await Counts(host.Store);

        var second = await IngestBatch.ImportAsync(host.Store, Prepared(seeds));

        Assert.All(second, o => Assert.Equal(IngestStatus.Duplicate, o.Status));
        Assert.Equal(before, await Counts(host.Store));
    }

    [Fact]
    public async Task an_import_whose_process_died_between_its_events_and_their_history_is_completed_by_recovery_a_live_one_is_not()
    {
        await using var host = await MonitorTestHost.StartAsync(server, "bulk_crash");
        await IngestBatch.ImportAsync(host.Store, Prepared(Seeds()));
        var complete = await Histories(host.Store);
        var pending = await SimulateCrashAfterEventsAsync(host.Store);
        Assert.Empty(await Histories(host.Store));

        // While its lock is held the import is alive (it writes its history itself): left alone, however old.
        await using (await PendingImport.HoldAsync(host.Store, pending))
            Assert.Equal(0, await IngestBatch.RecoverAsync(host.Store));
        Assert.Empty(await Histories(host.Store));
        Assert.Equal(1, await IngestBatch.RecoverAsync(host.Store));

        var recovered = await Histories(host.Store);
        Assert.Equal(complete.Keys.Order(), recovered.Keys.Order());
        foreach (var (id, doc) in complete) Assert.Equal(doc, recovered[id]);
        await using var check = host.Store.QuerySession();
        Assert.Equal(0, await check.Query<PendingImport>().CountAsync());
    }

    [Fact]
    public async Task a_rebuild_after_a_bulk_import_writes_the_same_documents_through_copy()
    {
        await using var host = await MonitorTestHost.StartAsync(server, "bulk_rebuild");
        await IngestBatch.ImportAsync(host.Store, Prepared(Seeds()));
        var imported = await Histories(host.Store);

        using var daemon = await host.Store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync<RelationshipHistoryProjection>(CancellationToken.None);

        var rebuilt = await Histories(host.Store);
        Assert.NotEmpty(imported);
        Assert.Equal(imported.Keys.Order(), rebuilt.Keys.Order());
        foreach (var (id, doc) in imported) Assert.Equal(doc, rebuilt[id]);
    }

    [Fact]
    public async Task change_detection_of_a_bulk_import_denounces_the_agreement_once()
    {
        const string secret = "whsec_bulk_0123456789abcdef";
        await using var receiver = new WebhookReceiver(secret);
        await receiver.StartAsync();
        await using var host = await NotificationHost.StartAsync(server, PostgresServer.NewSchema("bulknotify"));
        var subscription = await host.SubscribeAsync(receiver.Url, new ChangeFilter(Pair: "NER-USA", Dimensions: ["agreements"]), secret);

        await new ArchiveImport(host.Store, batchSize: 2).RunAsync(Seeds(), _ => ValueTask.CompletedTask);
        await host.CaughtUpAsync();
        await Eventually.HoldsAsync(async () => (await host.DeliveriesAsync(subscription.Id)) is { Count: > 0 } d && d.All(x => x.Status == DeliveryStatus.Sent),
            "every delivery to be sent");

        var agreements = (await host.ChangesAsync("NER-USA")).Where(c => c.Dimension == "agreements" && c.Kind == ChangeKind.Status).ToList();
        var denounced = Assert.Single(agreements, c => c.After == "denounced");
        Assert.Equal(new DateOnly(2024, 3, 16), denounced.ValidFrom.Value);
        Assert.Single(receiver.Accepted, r => r.Payload.Change.After == "denounced");
    }

    [Fact]
    public async Task change_detection_completes_an_abandoned_import_before_reading_its_history()
    {
        var schema = PostgresServer.NewSchema("bulkabandon");
        // Stored by a host without background work, which then stops: the import's process "died" half-way.
        await using (var host = await NotificationHost.StartAsync(server, schema, backgroundWork: false))
        {
            await IngestBatch.ImportAsync(host.Store, Prepared(Seeds()));
            await SimulateCrashAfterEventsAsync(host.Store);
        }

        await using var restarted = await NotificationHost.StartAsync(server, schema);
        await restarted.CaughtUpAsync();

        Assert.Single(await restarted.ChangesAsync("NER-USA"), c => c.Dimension == "agreements" && c.Kind == ChangeKind.Status && c.After == "denounced");
        await using var check = restarted.Store.QuerySession();
        Assert.NotEmpty(await check.Query<HistoryReport>().Where(r => r.HistoryId == "NER-USA").ToListAsync());
        // The import's record is cleared by whoever reads first (change detection's list of pairs, or this): the history stays whole.
        var whole = await Histories(restarted.Store);
        await IngestBatch.RecoverAsync(restarted.Store);
        Assert.Equal(whole, await Histories(restarted.Store));
        Assert.Equal(0, await check.Query<PendingImport>().CountAsync());
    }

    /// <summary>
    /// The state a crash between the event COPY and the history COPY leaves: events stored, no history, the record still
    /// there and its lock free (the real kill is in Faults/BulkImportCrashTests).
    /// </summary>
    private static async Task<Guid> SimulateCrashAfterEventsAsync(IDocumentStore store)
    {
        await using var session = store.LightweightSession();
        var keys = (await session.QueryAsync<string>($"select id from {store.Options.Events.DatabaseSchemaName}.mt_streams")).ToArray();
        session.DeleteWhere<HistoryReport>(_ => true);
        var pending = new PendingImport { Id = Guid.NewGuid(), Keys = keys, StartedAt = DateTimeOffset.UtcNow };
        session.Store(pending);
        await session.SaveChangesAsync();
        return pending.Id;
    }

    private static async Task<Dictionary<string, string>> Histories(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        return (await session.Query<HistoryReport>().ToListAsync()).ToDictionary(d => d.Id, d => JsonSerializer.Serialize(d));
    }

    private static string WithoutClocks(string json)
    {
        var doc = JsonSerializer.Deserialize<HistoryReport>(json)!;
        doc.Report = doc.Report with { Sequence = 0, RecordedAt = default };
        return JsonSerializer.Serialize(doc);
    }

    private static async Task<(long Events, long Streams, long Documents)> Counts(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.QueryAllRawEvents().CountAsync();
        var streams = (await session.QueryAsync<long>($"select count(*) from {store.Options.Events.DatabaseSchemaName}.mt_streams")).Single();
        return (events, streams, await session.Query<HistoryReport>().CountAsync());
    }
}
