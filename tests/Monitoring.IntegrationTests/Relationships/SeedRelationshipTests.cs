using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Relationships;

/// <summary>
/// The seeds ingested one by one in publication order, through the real extractor and store, then asked the
/// questions of seeds/expected.json ("relationships"), on both clocks.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SeedRelationshipTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly ActorPair UsNiger = ActorPair.Of("USA", "NER");
    private MonitorTestHost _host = null!;
    private readonly Dictionary<string, DateTimeOffset> _ingestedAt = [];

    public async Task InitializeAsync()
    {
        _host = await MonitorTestHost.StartAsync(server, nameof(SeedRelationshipTests));
        foreach (var file in MonitorTestHost.SeedsInPublicationOrder)
        {
            await _host.IngestSeedAsync(file);
            _ingestedAt[file] = DateTimeOffset.UtcNow;
        }
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<RelationshipState> State(ActorPair pair, string? asOf = null, DateTimeOffset? recordedAt = null)
    {
        await using var session = _host.Store.QuerySession();
        return await _host.Answers.StateAsync(session, pair, new Clocks(asOf is null ? null : DateOnly.Parse(asOf), RecordedAt: recordedAt));
    }

    private static string? Status(RelationshipState state, string key) => state.Dimension(key)?.Status;

    [Fact]
    public async Task us_niger_before_the_coup_has_no_recorded_change()
    {
        var state = await State(UsNiger, "2023-07-01");

        // Blinken's visit of March 2023 (seeds 003 and 004) is an event, not a state: nothing holds yet.
        Assert.Empty(state.Dimensions);
        Assert.Equal(WorldEventType.DelegationVisited, Assert.Single(state.Entries).Type);
        Assert.DoesNotContain(state.Entries, e => e.Type == WorldEventType.CoupOccurred);
    }

    [Fact]
    public async Task us_niger_at_the_end_of_november_cooperation_is_suspended_after_the_coup()
    {
        var state = await State(UsNiger, "2023-11-30");

        Assert.Equal("coup", Status(state, "context:NER"));
        Assert.Equal(new DateOnly(2023, 7, 26), state.Dimension("context:NER")!.Since.Value);
        Assert.Contains("suspended", new[] { Status(state, Dimensions.SecurityCooperation), Status(state, Dimensions.DevelopmentAid) });
    }

    [Fact]
    public async Task us_niger_in_mid_december_resumption_is_announced_with_648_troops_from_000_and_001()
    {
        var state = await State(UsNiger, "2023-12-14");

        var security = state.Dimension(Dimensions.SecurityCooperation)!;
        Assert.Equal("resumption_announced", security.Status);
        Assert.Equal(new DateOnly(2023, 12, 13), security.Since.Value);
        var publishers = state.Entry(security.EntryIds[0])!.Reports.Select(r => r.Publisher).ToHashSet();
        Assert.Equal(["Antiwar.com", "RT"], publishers.Order());
        Assert.Equal(648, state.Dimension("troop_presence:USA")!.Count);
    }

    [Fact]
    public async Task us_niger_after_16_march_the_agreement_is_denounced_and_removal_demanded()
    {
        var state = await State(UsNiger, "2024-03-20");

        Assert.Equal("denounced", Status(state, Dimensions.Agreements));
        Assert.Equal(new DateOnly(2024, 3, 16), state.Dimension(Dimensions.Agreements)!.Since.Value);
        Assert.Equal("terminated", Status(state, Dimensions.SecurityCooperation));
        var troops = state.Dimension("troop_presence:USA")!;
        Assert.Equal("withdrawal_demanded", troops.Status);
        Assert.Equal(1000, troops.Count);
    }

    [Fact]
    public async Task france_niger_withdrawal_expected_by_22_december_then_reported_done()
    {
        var france = ActorPair.Of("FRA", "NER");
        // Known in December: Niger demanded it and said it would be complete by 22 December.
        var then = await State(france, "2023-12-23", _ingestedAt["000_9a54eae7be48a36c.txt"]);
        // Known now: seed 003 (March 2024) reports the withdrawal as done.
        var now = await State(france, "2023-12-23");

        var expected = then.Dimension("troop_presence:FRA")!;
        Assert.Equal("withdrawal_expected", expected.Status);
        Assert.Equal(new DateOnly(2023, 12, 22), expected.Since.Value);
        Assert.Equal("suspended", Status(then, Dimensions.DevelopmentAid));
        Assert.Equal("withdrawn", Status(now, "troop_presence:FRA"));
    }

    [Fact]
    public async Task niger_russia_defence_memorandum_signed_in_december_2023()
    {
        var state = await State(ActorPair.Of("NER", "RUS"), "2023-12-31");

        Assert.Equal("signed", Status(state, Dimensions.Agreements));
        Assert.Equal(new DateOnly(2023, 12, 1), state.Dimension(Dimensions.Agreements)!.Since.Value);
    }

    [Fact]
    public async Task ecowas_niger_sanctions_in_force_and_talks_planned()
    {
        var state = await State(ActorPair.Of("ECOWAS", "NER"), "2023-12-15");

        Assert.StartsWith("in_force", Status(state, "sanctions:ECOWAS"));
        Assert.NotNull(state.Entries.SingleOrDefault(e => e.Type == WorldEventType.TalksOpened && e.Modality == Modality.Planned));
    }

    [Fact]
    public async Task eu_niger_military_ties_severed_by_niger()
    {
        var state = await State(ActorPair.Of("EU", "NER"), "2023-12-15");

        Assert.Equal("terminated", Status(state, Dimensions.SecurityCooperation));
    }

    [Fact]
    public async Task known_between_seed_001_and_seed_003_the_denunciation_is_not_known_and_after_it_is()
    {
        var before = await State(UsNiger, recordedAt: _ingestedAt["000_9a54eae7be48a36c.txt"]);
        var after = await State(UsNiger, recordedAt: _ingestedAt["003_a455b231be305d8d.txt"]);

        Assert.Null(before.Dimension(Dimensions.Agreements));
        Assert.Equal("resumption_announced", Status(before, Dimensions.SecurityCooperation));
        Assert.Equal("denounced", Status(after, Dimensions.Agreements));
    }

    [Fact]
    public async Task the_coup_appears_once_in_the_us_niger_timeline_with_four_sources()
    {
        await using var session = _host.Store.QuerySession();
        var timeline = await _host.Answers.TimelineAsync(session, UsNiger, Clocks.Now);

        var coup = Assert.Single(timeline, e => e.Type == WorldEventType.CoupOccurred);
        Assert.Equal(new DateOnly(2023, 7, 26), coup.Date.Value);
        Assert.True(coup.SourceCount >= 4, $"{coup.SourceCount} sources");
    }

    [Fact]
    public async Task the_denunciation_appears_once_with_its_sources()
    {
        await using var session = _host.Store.QuerySession();
        var timeline = await _host.Answers.TimelineAsync(session, UsNiger, Clocks.Now);

        var denounced = Assert.Single(timeline, e => e.Type == WorldEventType.AgreementDenounced && e.Date.Precision == DatePrecision.Day);
        Assert.Equal(new DateOnly(2024, 3, 16), denounced.Date.Value);
        Assert.True(denounced.SourceCount >= 2, $"{denounced.SourceCount} sources");
        Assert.All(denounced.Reports, r => Assert.All(r.Evidence, ev => Assert.False(string.IsNullOrWhiteSpace(ev.Quote))));
    }
}
