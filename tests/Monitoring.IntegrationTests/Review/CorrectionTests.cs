using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Relationships;
using Monitoring.Api.Review;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.Domain.Review;
using Monitoring.Extraction;
using Monitoring.Extraction.Reading;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.Store.Articles;
using Monitoring.Store.Articles.Reextracting;
using Monitoring.Store.Relationships;

namespace Monitoring.IntegrationTests.Review;

/// <summary>
/// Analysts' corrections through the service both faces call, on seed 003 (the only article reporting Niger's denunciation
/// of its agreements with the United States), on a host whose clock the test moves on.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CorrectionTests(PostgresServer server) : IAsyncLifetime
{
    private const string Seed = "003_a455b231be305d8d.txt";
    private const string OldVersion = "0.0.1-old";
    private const string Reason = "the sentence reports a rumour";
    private static readonly ActorPair UsNiger = ActorPair.Of("USA", "NER");
    private readonly TestClock _clock = new();
    private MonitorTestHost _host = null!;

    public async Task InitializeAsync() => _host = await MonitorTestHost.StartAsync(server, nameof(CorrectionTests), _clock);
    public async Task DisposeAsync() => await _host.DisposeAsync();

    private ReviewService Review => _host.Services.GetRequiredService<ReviewService>();
    private RelationshipService Relationships => _host.Services.GetRequiredService<RelationshipService>();

    /// <summary>Seed 003 as the current extractor reads it, but stored under an older version, so that a re-extraction reads it again.</summary>
    private async Task StoreAsReadByAnOldExtractor()
    {
        var text = File.ReadAllText(Path.Combine(MonitorTestHost.SeedsFolder, Seed));
        var meta = MonitorTestHost.SeedManifest.Value[Seed];
        var article = new Article(text, meta.Title, meta.Publisher, meta.Url, meta.Published!.Value, new string('3', 64));
        var events = ArticleStream.Started(article, ArticleFormat.Text, Extractor.Extract(article), OldVersion);
        await using var session = _host.Store.LightweightSession();
        session.Events.StartStream(ArticleStream.KeyOf(article.ContentHash), events.ToArray());
        await session.SaveChangesAsync();
    }

    private async Task<string?> AgreementsAsync(Clocks? clocks = null) =>
        (await Relationships.StateAsync(UsNiger, clocks ?? Clocks.Now, default)).Dimension(Dimensions.Agreements)?.Status;

    /// <summary>The one report the agreements' status rests on.</summary>
    private async Task<SourceReport> DenunciationAsync()
    {
        var state = await Relationships.StateAsync(UsNiger, Clocks.Now, default);
        var entry = state.Entry(state.Dimension(Dimensions.Agreements)!.EntryIds[0])!;
        return Assert.Single(entry.Reports);
    }

    private DateTimeOffset Tick()
    {
        _clock.Advance(TimeSpan.FromSeconds(1));
        var at = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromSeconds(1));
        return at;
    }

    [Fact]
    public async Task retracting_the_only_source_changes_the_state_the_audit_shows_it_and_recorded_at_before_it_gives_the_old_answer()
    {
        await StoreAsReadByAnOldExtractor();
        var denunciation = await DenunciationAsync();
        Assert.Equal("denounced", await AgreementsAsync());
        var before = Tick();

        var retraction = (await Review.RetractAsync(denunciation.EventId.ToString(), "alice", Reason, default)).Value!;

        Assert.Null(await AgreementsAsync());
        Assert.Equal("denounced", await AgreementsAsync(new Clocks(RecordedAt: before)));
        var audit = AuditView.Of(await Relationships.AuditAsync(UsNiger, Clocks.Now, default));
        var shown = Assert.Single(audit.Corrections);
        Assert.Equal(retraction.Id, shown.Id);
        Assert.Equal($"retracted by alice on {retraction.RecordedAt.UtcDateTime:yyyy-MM-dd}: {Reason}", shown.Description);
        Assert.Equal(denunciation.EventId, Assert.Single(shown.TakenOut).EventId);
        Assert.Empty(AuditView.Of(await Relationships.AuditAsync(UsNiger, new Clocks(RecordedAt: before), default)).Corrections);
        Assert.DoesNotContain(await Review.QueueAsync(null, UsNiger, 100, default), i => i.EventId == denunciation.EventId);
    }

    [Fact]
    public async Task re_extraction_keeps_the_retraction_and_undo_restores_the_machines_reading()
    {
        await StoreAsReadByAnOldExtractor();
        var denunciation = await DenunciationAsync();
        var retraction = (await Review.RetractAsync(denunciation.EventId.ToString(), "alice", Reason, default)).Value!;
        Tick();

        var report = await _host.Bus.InvokeAsync<ReextractionReport>(new ReextractArticles());

        Assert.Equal(1, report.Reextracted);
        Assert.Null(await AgreementsAsync());
        var audited = await Relationships.AuditAsync(UsNiger, Clocks.Now, default);
        Assert.Contains(audited.TakenOut, r => r.ExtractorVersion == Extractor.Version && r.Event.Type == WorldEventType.AgreementDenounced);
        Assert.DoesNotContain(await Review.QueueAsync(null, UsNiger, 100, default), i => i.Reasons.Contains(ReviewReason.NoLongerExtracted));

        var whileRetracted = Tick();
        var undo = (await Review.UndoAsync(retraction.Id.ToString(), "bob", "the rumour was confirmed", default)).Value!;

        Assert.Equal(CorrectionKind.Undone, undo.Kind);
        Assert.Equal("denounced", await AgreementsAsync());
        Assert.Null(await AgreementsAsync(new Clocks(RecordedAt: whileRetracted)));
        var again = await DenunciationAsync();
        Assert.Equal(Extractor.Version, again.ExtractorVersion);
        Assert.Equal("correction", Invalid(await Review.UndoAsync(retraction.Id.ToString(), "bob", null, default)));
    }

    [Fact]
    public async Task a_report_of_a_retracted_event_recorded_after_the_cache_was_warm_stays_retracted_as_the_fold_from_scratch_says()
    {
        await StoreAsReadByAnOldExtractor();
        var denunciation = await DenunciationAsync();
        await Review.RetractAsync(denunciation.EventId.ToString(), "alice", Reason, default);
        Assert.Null(await AgreementsAsync());
        var between = Tick();

        // The same sentence reported again in the article's stream, with no re-extraction: the cache adds the new row.
        await using (var session = _host.Store.LightweightSession())
        {
            var stream = await session.Events.FetchStreamAsync(denunciation.ArticleId);
            var again = stream.Select(e => e.Data).OfType<EventReported>().Single(r => r.ReportId == denunciation.EventId);
            session.Events.Append(denunciation.ArticleId, again with { ReportId = Guid.NewGuid() });
            await session.SaveChangesAsync();
        }

        Assert.Null(await AgreementsAsync());
        await using var query = _host.Store.QuerySession();
        var fresh = await RelationshipQueries.LoadAsync(query, UsNiger);
        foreach (var at in new DateTimeOffset?[] { null, between, denunciation.RecordedAt })
        {
            var expected = Relationship.StateOf(UsNiger, fresh.Corrected(at), fresh.Supersessions, new Clocks(RecordedAt: at));
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(expected),
                System.Text.Json.JsonSerializer.Serialize(await _host.Answers.StateAsync(query, UsNiger, new Clocks(RecordedAt: at))));
        }
    }

    [Fact]
    public async Task a_corrected_target_moves_the_event_to_another_relationship_and_a_rebuild_reproduces_it()
    {
        await StoreAsReadByAnOldExtractor();
        var denunciation = await DenunciationAsync();

        var correction = (await Review.CorrectAsync(denunciation.EventId.ToString(), new EventChanges(Target: "Russia"), "alice", "Moscow, not Washington", default)).Value!;

        Assert.Equal(CorrectionKind.Corrected, correction.Kind);
        Assert.StartsWith("corrected from agreement_denounced NER>USA", correction.Description);
        Assert.Null(await AgreementsAsync());
        var russia = ActorPair.Of("RUS", "NER");
        var moved = await Relationships.StateAsync(russia, Clocks.Now, default);
        Assert.Equal("denounced", moved.Dimension(Dimensions.Agreements)!.Status);
        var analysts = Assert.Single(moved.Entries.SelectMany(e => e.Reports), r => r.ExtractorVersion == "analyst:alice");
        // The pair holds only the analyst's event, and is listed all the same.
        Assert.Contains(await Relationships.AllAsync(null, Clocks.Now, default), s => s.Pair == russia);
        Assert.Equal(correction.ReplacementEventId, analysts.EventId);

        await _host.Services.GetRequiredService<HistoryRebuild>().RunAsync();
        _host.Services.GetRequiredService<HistoryCache>().Clear(_host.Store);

        Assert.Null(await AgreementsAsync());
        Assert.Equal("denounced", (await Relationships.StateAsync(russia, Clocks.Now, default)).Dimension(Dimensions.Agreements)!.Status);
    }

    [Fact]
    public async Task an_unknown_event_a_missing_reason_and_an_entry_id_are_refused_with_what_is_accepted()
    {
        await StoreAsReadByAnOldExtractor();

        var unknown = await Review.RetractAsync("3f2b8c1e-9d4a-4c7e-8b1a-2e5f6a7b8c9d", "alice", Reason, default);
        var noReason = await Review.RetractAsync((await DenunciationAsync()).EventId.ToString(), "alice", " ", default);
        var entry = await Review.ConfirmAsync("e-1a2b3c4d5e6f", "alice", null, default);

        Assert.Equal(Monitoring.Api.RefusalKind.UnknownEvent, unknown.Refusal!.Kind);
        Assert.Contains("3f2b8c1e-9d4a-4c7e-8b1a-2e5f6a7b8c9d", unknown.Refusal.Detail);
        Assert.Contains("event key", unknown.Refusal.Detail);
        Assert.Equal("reason", Invalid(noReason));
        Assert.Equal("event", Invalid(entry));
    }

    [Fact]
    public async Task an_asserted_event_counts_from_its_sentence_and_a_confirmed_one_leaves_the_queue()
    {
        await StoreAsReadByAnOldExtractor();
        var denunciation = await DenunciationAsync();
        var article = denunciation.ArticleId;

        var asserted = (await Review.AssertAsync(new AssertedEvent("ties_severed", "NER", "USA", "2024-03-16", null, article, 2), "alice", "missed", default)).Value!;
        var confirmed = (await Review.ConfirmAsync(denunciation.EventId.ToString(), "alice", null, default)).Value!;

        var state = await Relationships.StateAsync(UsNiger, Clocks.Now, default);
        var entry = Assert.Single(state.Entries, e => e.Type == WorldEventType.TiesSevered);
        var report = Assert.Single(entry.Reports);
        Assert.Equal(2, report.Evidence[0].SentenceIndex);
        Assert.Equal(asserted.ReplacementEventId, report.EventId);
        Assert.Equal("denounced", state.Dimension(Dimensions.Agreements)!.Status);
        Assert.Equal(CorrectionKind.Confirmed, confirmed.Kind);
        Assert.DoesNotContain(await Review.QueueAsync(null, UsNiger, 100, default), i => i.EventId == denunciation.EventId);
    }

    private static string Invalid<T>(Monitoring.Api.Answer<T> answer)
    {
        Assert.Equal(Monitoring.Api.RefusalKind.Invalid, answer.Refusal?.Kind);
        return answer.Refusal!.Parameter;
    }
}
