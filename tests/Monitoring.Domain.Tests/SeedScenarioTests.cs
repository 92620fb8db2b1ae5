using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using static Monitoring.Domain.Tests.Scenario;

namespace Monitoring.Domain.Tests;

/// <summary>The US–Niger story of the seed articles, built by hand from the gold events.</summary>
public sealed class SeedScenarioTests
{
    private static readonly ActorPair UsNiger = ActorPair.Of("USA", "NER");
    private readonly Scenario _s = new();
    private readonly DateTimeOffset _betweenFirstAndDenunciation;

    public SeedScenarioTests()
    {
        var antiwar = Article("a001", "Antiwar.com", D("2023-12-13"));
        _s.Report(antiwar, WorldEventType.CooperationResumptionAnnounced, "USA", "NER", EventDate.Day(D("2023-12-13")), Modality.Planned, "security");
        _s.Report(antiwar, WorldEventType.CoupOccurred, "NER", null, EventDate.Day(D("2023-07-26")));
        _s.Report(antiwar, WorldEventType.TroopPresenceReported, "USA", "NER", EventDate.Month(2023, 12), count: 648);
        var rt = Article("a000", "RT", D("2023-12-15"));
        _s.Report(rt, WorldEventType.CooperationResumptionAnnounced, "USA", "NER", EventDate.Day(D("2023-12-13")), Modality.Planned, "security,development");
        _s.Report(rt, WorldEventType.CooperationSuspended, "USA", "NER", EventDate.Unknown(notBefore: D("2023-07-26")), area: "aid");
        _s.Report(rt, WorldEventType.CoupOccurred, "NER", null, EventDate.Day(D("2023-07-26")));
        _s.Report(rt, WorldEventType.TroopPresenceReported, "USA", "NER", EventDate.Month(2023, 9), count: 1100);
        _s.Report(rt, WorldEventType.TroopPresenceReported, "USA", "NER", EventDate.Month(2023, 12), count: 648);
        _betweenFirstAndDenunciation = _s.Reports[^1].RecordedAt;
        var naija = Article("a003", "Naija News Thrill", D("2024-03-17"));
        _s.Report(naija, WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")), area: "military");
        _s.Report(naija, WorldEventType.CoupOccurred, "NER", null, EventDate.Month(2023, 7));
        _s.Report(naija, WorldEventType.TroopPresenceReported, "USA", "NER", EventDate.Day(D("2024-03-17")), count: 1000);
        _s.Report(naija, WorldEventType.DelegationVisited, "USA", "NER", EventDate.Day(D("2024-03-15")));
        _s.Report(naija, WorldEventType.WithdrawalCompleted, "FRA", "NER", EventDate.Unknown(D("2023-07-26"), D("2024-03-17")));
        var allNews = Article("a004", "All News Press", D("2024-03-18"));
        _s.Report(allNews, WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")), area: "military");
        _s.Report(allNews, WorldEventType.CoupOccurred, "NER", null, EventDate.Day(D("2023-07-26")));
        _s.Report(allNews, WorldEventType.DelegationVisited, "USA", "NER", new EventDate(new DateOnly(2024, 3, 1), DatePrecision.Month, NotAfter: D("2024-03-16")));
        _s.Report(allNews, WorldEventType.WithdrawalDemanded, "NER", "FRA", EventDate.Unknown(notBefore: D("2023-07-26")));
        _s.Report(allNews, WorldEventType.TroopPresenceReported, "USA", "NER", EventDate.Day(D("2024-03-18")), count: 1000);
        var defence = Article("a002", "Defence Connect", D("2024-03-19"));
        _s.Report(defence, WorldEventType.WithdrawalDemanded, "NER", "USA", EventDate.Day(D("2024-03-16")));
        _s.Report(defence, WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Month(2024, 3));
        _s.Report(defence, WorldEventType.CooperationSuspended, "USA", "NER", EventDate.Unknown(notBefore: D("2023-07-26")), area: "security");
        _s.Report(defence, WorldEventType.TroopPresenceReported, "USA", "NER", EventDate.Day(D("2024-03-19")), count: 1000);
        _s.Report(defence, WorldEventType.CoupOccurred, "NER", null, EventDate.Month(2023, 7));
    }

    [Fact]
    public void known_at_the_end_of_2023_security_cooperation_reads_resumption_announced_and_after_the_denunciation_terminated()
    {
        var then = Relationship.StateOf(UsNiger, _s.Reports, _s.Supersessions, new Clocks(AsOf: D("2024-03-20"), KnownAt: D("2023-12-31")));
        var later = Relationship.StateOf(UsNiger, _s.Reports, _s.Supersessions, new Clocks(AsOf: D("2024-03-20"), KnownAt: D("2024-03-18")));

        Assert.Equal("resumption_announced", then.Dimension(Dimensions.SecurityCooperation)!.Status);
        Assert.Null(then.Dimension(Dimensions.Agreements));
        Assert.All(then.Entries.SelectMany(e => e.Reports), r => Assert.True(r.Published <= D("2023-12-31")));
        Assert.Equal("terminated", later.Dimension(Dimensions.SecurityCooperation)!.Status);
        Assert.Equal("denounced", later.Dimension(Dimensions.Agreements)!.Status);
    }

    [Fact]
    public void an_archive_imported_today_replays_by_publication_not_by_recording()
    {
        // Every seed recorded within minutes: on the recorded clock, 2023-12 is either nothing or everything.
        var published = Relationship.StateOf(UsNiger, _s.Reports, _s.Supersessions, new Clocks(KnownAt: D("2023-12-14")));

        Assert.Empty(Relationship.StateOf(UsNiger, _s.Reports, _s.Supersessions, new Clocks(RecordedAt: _s.Reports[0].RecordedAt.AddMinutes(-1))).Dimensions);
        Assert.Equal(["a001"], published.Entries.SelectMany(e => e.Reports).Select(r => r.ArticleId).Distinct());
        Assert.Equal("resumption_announced", published.Dimension(Dimensions.SecurityCooperation)!.Status);
    }

    [Fact]
    public void before_the_coup_nothing_is_recorded() =>
        Assert.Empty(_s.StateOf(UsNiger, asOf: D("2023-07-01")).Dimensions);

    [Fact]
    public void after_the_coup_cooperation_is_suspended_and_1100_troops_are_reported()
    {
        var state = _s.StateOf(UsNiger, asOf: D("2023-11-30"));

        Assert.Equal("coup", state.Dimension("context:NER")!.Status);
        Assert.Equal("suspended", state.Dimension(Dimensions.DevelopmentAid)!.Status);
        Assert.Equal("suspended", state.Dimension(Dimensions.SecurityCooperation)!.Status);
        Assert.True(state.Entry(state.Dimension(Dimensions.DevelopmentAid)!.EntryIds[0])!.Approximate);
        Assert.Equal(1100, state.Dimension("troop_presence:USA")!.Count);
    }

    [Fact]
    public void in_mid_december_resumption_is_announced_with_648_troops_from_two_sources()
    {
        var state = _s.StateOf(UsNiger, asOf: D("2023-12-14"));

        var security = state.Dimension(Dimensions.SecurityCooperation)!;
        Assert.Equal("resumption_announced", security.Status);
        Assert.Equal(Modality.Planned, security.Modality);
        Assert.Equal(D("2023-12-13"), security.Since.Value);
        Assert.Equal(2, state.Entry(security.EntryIds[0])!.SourceCount);
        Assert.Equal("resumption_announced", state.Dimension(Dimensions.DevelopmentAid)!.Status);
        Assert.Equal(648, state.Dimension("troop_presence:USA")!.Count);
        Assert.Equal(["a000", "a001"], state.Entry(security.EntryIds[0])!.Reports.Select(r => r.ArticleId).Order());
    }

    [Fact]
    public void denounced_agreement_terminates_security_cooperation_and_withdrawal_is_demanded()
    {
        var state = _s.StateOf(UsNiger, asOf: D("2024-03-20"));

        Assert.Equal("denounced", state.Dimension(Dimensions.Agreements)!.Status);
        Assert.Equal("terminated", state.Dimension(Dimensions.SecurityCooperation)!.Status);
        var troops = state.Dimension("troop_presence:USA")!;
        Assert.Equal("withdrawal_demanded", troops.Status);
        Assert.Equal(D("2024-03-16"), troops.Since.Value);
        Assert.Equal(1000, troops.Count);
        Assert.Equal(D("2024-03-19"), troops.CountDate!.Value);
        Assert.Null(state.Dimension("troop_presence:FRA"));
        var sources = new[] { Dimensions.Agreements, Dimensions.SecurityCooperation, "troop_presence:USA" }
            .SelectMany(k => state.Dimension(k)!.EntryIds).Select(id => state.Entry(id)!)
            .SelectMany(e => e.Reports).Select(r => r.ArticleId).Distinct().Order();
        Assert.Equal(["a002", "a003", "a004"], sources);
    }

    [Fact]
    public void in_march_the_state_reads_denounced_with_its_area_and_the_latest_count()
    {
        var lines = Relationship.Describe(_s.StateOf(UsNiger, asOf: D("2024-03-20"))).ToList();

        Assert.Contains("agreements: denounced since 2024-03-16 [military] — 3 sources", lines);
        Assert.Contains("security_cooperation: terminated since 2024-03-16 — 3 sources", lines);
        Assert.Contains(lines, l => l.StartsWith("troop_presence:USA: withdrawal_demanded since 2024-03-16, 1,000 troops (2024-03-19)", StringComparison.Ordinal));
    }

    [Fact]
    public void the_state_reads_as_one_line_per_dimension()
    {
        var lines = Relationship.Describe(_s.StateOf(UsNiger, asOf: D("2023-12-14"))).ToList();

        Assert.Contains("security_cooperation: resumption_announced since 2023-12-13 (planned) — 2 sources", lines);
        Assert.Contains("context:NER: coup since 2023-07-26 — 5 sources", lines);
        Assert.Contains(lines, l => l.StartsWith("troop_presence:USA: present since 2023-09, 648 troops (2023-12)", StringComparison.Ordinal));
    }

    [Fact]
    public void the_coup_appears_once_with_four_sources()
    {
        var coups = Relationship.Timeline(UsNiger, _s.Reports, _s.Supersessions).Where(e => e.Type == WorldEventType.CoupOccurred).ToList();

        var coup = Assert.Single(coups);
        Assert.Equal(5, coup.SourceCount);
        Assert.Equal(DatePrecision.Day, coup.Date.Precision);
        Assert.Equal(D("2023-07-26"), coup.Date.Value);
    }

    [Fact]
    public void the_denunciation_appears_once_with_its_three_sources()
    {
        var denounced = Assert.Single(Relationship.Timeline(UsNiger, _s.Reports, _s.Supersessions), e => e.Type == WorldEventType.AgreementDenounced);

        Assert.Equal(["a003", "a004", "a002"], denounced.Reports.Select(r => r.ArticleId));
        Assert.Equal(EventDate.Day(D("2024-03-16")), denounced.Date);
        Assert.True(denounced.Confidence > 0.8);
    }

    [Fact]
    public void known_before_the_denunciation_was_recorded_the_agreement_is_not_denounced()
    {
        var then = _s.StateOf(UsNiger, recordedAt: _betweenFirstAndDenunciation);
        var now = _s.StateOf(UsNiger);

        Assert.Null(then.Dimension(Dimensions.Agreements));
        Assert.Equal("resumption_announced", then.Dimension(Dimensions.SecurityCooperation)!.Status);
        Assert.Equal("denounced", now.Dimension(Dimensions.Agreements)!.Status);
    }
}
