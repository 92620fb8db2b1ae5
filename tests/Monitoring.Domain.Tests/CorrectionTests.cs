using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.Domain.Review;
using static Monitoring.Domain.Tests.Scenario;

namespace Monitoring.Domain.Tests;

public sealed class CorrectionTests
{
    private static readonly ActorPair UsNiger = ActorPair.Of("USA", "NER");
    private static readonly ActorPair FranceNiger = ActorPair.Of("FRA", "NER");
    private static readonly DateTimeOffset Later = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private long _sequence = 1_000;

    private Correction Make(CorrectionKind kind, RecordedEvent? about, DateTimeOffset at, ExtractedEvent? replacement = null, Guid? undoes = null,
        ArticleSource? article = null)
    {
        var id = Guid.NewGuid();
        var sequence = ++_sequence;
        var replaced = replacement is null ? null
            : Corrections.Replacement(id, "alice", sequence, at, article ?? about!.Article, replacement);
        var key = kind == CorrectionKind.Asserted ? ReportedEventKey.Of(replaced!) : about is null ? null : ReportedEventKey.Of(about);
        return new Correction(id, kind, "alice", "read the sentence", sequence, at, key, about?.Event, replaced, undoes);
    }

    private static RelationshipState State(Scenario s, IEnumerable<Correction> corrections, ActorPair pair, DateTimeOffset? recordedAt = null) =>
        Relationship.StateOf(pair, Corrections.Apply(s.Reports, corrections, recordedAt), s.Supersessions, new Clocks(RecordedAt: recordedAt));

    [Fact]
    public void retracting_the_only_source_of_a_state_removes_the_state()
    {
        var s = new Scenario();
        var denounced = s.Report(Article("a", "Outlet A", D("2024-03-17")), WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")));
        var retract = Make(CorrectionKind.Retracted, denounced, Later);

        Assert.Equal("denounced", State(s, [], UsNiger).Dimension(Dimensions.Agreements)!.Status);
        Assert.Null(State(s, [retract], UsNiger).Dimension(Dimensions.Agreements));
    }

    [Fact]
    public void a_retraction_of_one_articles_event_leaves_another_articles_same_event_alone()
    {
        var s = new Scenario();
        var first = s.Report(Article("a", "Outlet A", D("2024-03-17")), WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")));
        s.Report(Article("b", "Outlet B", D("2024-03-18")), WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")));

        var state = State(s, [Make(CorrectionKind.Retracted, first, Later)], UsNiger);

        var entry = Assert.Single(state.Entries);
        Assert.Equal("denounced", state.Dimension(Dimensions.Agreements)!.Status);
        Assert.Equal("b", Assert.Single(entry.Reports).ArticleId);
    }

    [Fact]
    public void a_retraction_applies_from_its_recorded_time_on()
    {
        var s = new Scenario();
        var denounced = s.Report(Article("a", "Outlet A", D("2024-03-17")), WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")));
        var retract = Make(CorrectionKind.Retracted, denounced, Later);

        Assert.Equal("denounced", State(s, [retract], UsNiger, Later.AddTicks(-1)).Dimension(Dimensions.Agreements)!.Status);
        Assert.Null(State(s, [retract], UsNiger, Later).Dimension(Dimensions.Agreements));
        Assert.True(Corrections.ChangedSince([retract], Later.AddTicks(-1)));
        Assert.False(Corrections.ChangedSince([retract], Later));
    }

    [Fact]
    public void undo_restores_the_machines_reading_from_its_own_recorded_time()
    {
        var s = new Scenario();
        var denounced = s.Report(Article("a", "Outlet A", D("2024-03-17")), WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")));
        var retract = Make(CorrectionKind.Retracted, denounced, Later);
        var undo = Make(CorrectionKind.Undone, null, Later.AddDays(1), undoes: retract.Id);

        Assert.Null(State(s, [retract, undo], UsNiger, Later.AddHours(1)).Dimension(Dimensions.Agreements));
        Assert.Equal("denounced", State(s, [retract, undo], UsNiger).Dimension(Dimensions.Agreements)!.Status);
        Assert.Empty(Corrections.InForce([retract, undo], null));
    }

    [Fact]
    public void a_retraction_binds_to_the_event_key_so_a_re_extracted_version_stays_retracted()
    {
        var s = new Scenario();
        var article = Article("a", "Outlet A", D("2024-03-17"));
        var v1 = s.Report(article, WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")), version: "1");
        var retract = Make(CorrectionKind.Retracted, v1, Later);
        s.Supersede("a", "1", "2");
        var v2 = s.Report(article, WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")), version: "2");

        Assert.NotEqual(v1.EventId, v2.EventId);
        Assert.Equal(ReportedEventKey.Of(v1), ReportedEventKey.Of(v2));
        Assert.Null(State(s, [retract], UsNiger).Dimension(Dimensions.Agreements));
        Assert.Empty(Corrections.NoLongerExtracted([retract], [v2]));
    }

    [Fact]
    public void a_correction_whose_event_is_no_longer_extracted_keeps_its_replacement_and_is_flagged()
    {
        var s = new Scenario();
        var article = Article("a", "Outlet A", D("2024-03-17"));
        var v1 = s.Report(article, WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")), version: "1");
        var correct = Make(CorrectionKind.Corrected, v1, Later, v1.Event with { Date = EventDate.Day(D("2024-03-15")) });
        s.Supersede("a", "1", "2");
        var other = s.Report(article, WorldEventType.CooperationSuspended, "USA", "NER", EventDate.Day(D("2024-03-20")), area: "security", version: "2");

        var state = State(s, [correct], UsNiger);

        Assert.Equal(D("2024-03-15"), state.Dimension(Dimensions.Agreements)!.Since.Value);
        Assert.Single(Corrections.NoLongerExtracted([correct], [other]));
    }

    [Fact]
    public void a_corrected_target_moves_the_event_to_another_pair()
    {
        var s = new Scenario();
        var denounced = s.Report(Article("a", "Outlet A", D("2024-03-17")), WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")));
        var correct = Make(CorrectionKind.Corrected, denounced, Later, denounced.Event with { Target = "FRA" });

        Assert.Null(State(s, [correct], UsNiger).Dimension(Dimensions.Agreements));
        var moved = State(s, [correct], FranceNiger);
        Assert.Equal("denounced", moved.Dimension(Dimensions.Agreements)!.Status);
        var report = Assert.Single(Assert.Single(moved.Entries).Reports);
        Assert.Equal("analyst:alice", report.ExtractorVersion);
        Assert.Equal(correct.Id, Corrections.CorrectionOf(report.RuleId));
        Assert.Equal(Later, report.RecordedAt);
    }

    [Fact]
    public void a_later_correction_of_the_same_event_replaces_the_earlier_replacement()
    {
        var s = new Scenario();
        var denounced = s.Report(Article("a", "Outlet A", D("2024-03-17")), WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")));
        var first = Make(CorrectionKind.Corrected, denounced, Later, denounced.Event with { Date = EventDate.Day(D("2024-03-15")) });
        var second = Make(CorrectionKind.Corrected, denounced, Later.AddDays(1), denounced.Event with { Date = EventDate.Day(D("2024-03-14")) });

        var entry = Assert.Single(State(s, [first, second], UsNiger).Entries);
        Assert.Equal(D("2024-03-14"), entry.Date.Value);
        Assert.Equal(D("2024-03-15"), Assert.Single(State(s, [first, second], UsNiger, Later.AddHours(1)).Entries).Date.Value);
    }

    [Fact]
    public void an_assertion_adds_an_event_tied_to_its_article_and_sentence()
    {
        var s = new Scenario();
        var article = Article("a", "Outlet A", D("2024-03-17"));
        var asserted = new ExtractedEvent(WorldEventType.TiesSevered, "NER", "FRA", [], "diplomatic", null, EventDate.Day(D("2024-03-10")), Modality.Asserted, 1,
            "", "", [new Evidence(3, 0, 0, "Niamey broke off ties with Paris.")]);
        var assert = Make(CorrectionKind.Asserted, null, Later, asserted, article: article);

        var state = State(s, [assert], FranceNiger);
        Assert.Equal("a", Assert.Single(Assert.Single(state.Entries).Reports).ArticleId);
        Assert.Equal("a/3/ties_severed/NER>FRA", assert.Key!.ToString());
        Assert.Empty(State(s, [assert], FranceNiger, Later.AddTicks(-1)).Entries);

        var retractAsserted = Make(CorrectionKind.Retracted, assert.Replacement, Later.AddDays(1));
        Assert.Empty(State(s, [assert, retractAsserted], FranceNiger).Entries);
    }

    [Fact]
    public void a_confirmation_changes_no_state()
    {
        var s = new Scenario();
        var denounced = s.Report(Article("a", "Outlet A", D("2024-03-17")), WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")));
        var confirm = Make(CorrectionKind.Confirmed, denounced, Later);

        Assert.Equal(Relationship.Describe(State(s, [], UsNiger)), Relationship.Describe(State(s, [confirm], UsNiger)));
        Assert.Same(s.Reports, Corrections.Apply(s.Reports, [], null));
    }

    [Fact]
    public void the_key_is_read_back_from_its_printed_form()
    {
        var e = new ExtractedEvent(WorldEventType.AgreementSigned, null, null, ["RUS", "MLI"], null, null, EventDate.Day(D("2024-01-01")), Modality.Asserted, 0.8,
            "r", "1", [new Evidence(7, 0, 1, "q")]);
        var key = ReportedEventKey.Of("article-0123456789abcdef0123456789abcdef", e);

        Assert.Equal("article-0123456789abcdef0123456789abcdef/7/agreement_signed/MLI,RUS", key.ToString());
        Assert.Equal(key, ReportedEventKey.Parse(key.ToString().ToUpperInvariant()));
        Assert.Null(ReportedEventKey.Parse("article-x/7/not_a_type/MLI"));
        Assert.Null(ReportedEventKey.Parse("3f2b8c1e-9d4a-4c7e-8b1a-2e5f6a7b8c9d"));
    }

    [Fact]
    public void the_audit_line_says_who_did_what_and_why()
    {
        var s = new Scenario();
        var denounced = s.Report(Article("a", "Outlet A", D("2024-03-17")), WorldEventType.AgreementDenounced, "NER", "USA", EventDate.Day(D("2024-03-16")));

        Assert.Equal("retracted by alice on 2024-06-01: read the sentence", Corrections.Describe(Make(CorrectionKind.Retracted, denounced, Later)));
        Assert.Equal("corrected from agreement_denounced NER>USA on 2024-03-16 (asserted) to agreement_denounced NER>USA on 2024-03-15 (asserted) by alice on 2024-06-01: read the sentence",
            Corrections.Describe(Make(CorrectionKind.Corrected, denounced, Later, denounced.Event with { Date = EventDate.Day(D("2024-03-15")) })));
    }
}
