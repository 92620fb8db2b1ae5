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
        var allNews = Article("a004", "All News Press", D("2024-03-18"));
        _s.Report(allNews, WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")), area: "military");
        _s.Report(allNews, WorldEventType.CoupOccurred, "NER", null, EventDate.Day(D("2023-07-26")));
        var defence = Article("a002", "Defence Connect", D("2024-03-19"));
        _s.Report(defence, WorldEventType.WithdrawalDemanded, "NER", "USA", EventDate.Day(D("2024-03-16")));
        _s.Report(defence, WorldEventType.TroopPresenceReported, "USA", "NER", EventDate.Day(D("2024-03-19")), count: 1000);
        _s.Report(defence, WorldEventType.CoupOccurred, "NER", null, EventDate.Month(2023, 7));
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
    }

    [Fact]
    public void denounced_agreement_terminates_security_cooperation_and_withdrawal_is_demanded()
    {
        var state = _s.StateOf(UsNiger, asOf: D("2024-03-20"));

        Assert.Equal("denounced", state.Dimension(Dimensions.Agreements)!.Status);
        Assert.Equal("terminated", state.Dimension(Dimensions.SecurityCooperation)!.Status);
        var troops = state.Dimension("troop_presence:USA")!;
        Assert.Equal("withdrawal_demanded", troops.Status);
        Assert.Equal(1000, troops.Count);
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
    public void the_denunciation_appears_once_with_its_two_sources()
    {
        var denounced = Assert.Single(Relationship.Timeline(UsNiger, _s.Reports, _s.Supersessions), e => e.Type == WorldEventType.AgreementDenounced);

        Assert.Equal(["a003", "a004"], denounced.Reports.Select(r => r.ArticleId));
        Assert.True(denounced.Confidence > 0.8);
    }

    [Fact]
    public void known_before_the_denunciation_was_recorded_the_agreement_is_not_denounced()
    {
        var then = _s.StateOf(UsNiger, knownAt: _betweenFirstAndDenunciation);
        var now = _s.StateOf(UsNiger);

        Assert.Null(then.Dimension(Dimensions.Agreements));
        Assert.Equal("resumption_announced", then.Dimension(Dimensions.SecurityCooperation)!.Status);
        Assert.Equal("denounced", now.Dimension(Dimensions.Agreements)!.Status);
    }
}
