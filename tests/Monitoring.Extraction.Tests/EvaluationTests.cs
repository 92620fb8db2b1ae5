using Monitoring.Domain;
using Monitoring.Extraction.Evaluation;

namespace Monitoring.Extraction.Tests;

public sealed class EvaluationTests
{
    private const string Gold = """
    {
      "about": "test",
      "articles": [
        {
          "file": "a.txt",
          "events": [
            { "type": "AgreementDenounced", "source": "TCD", "target": "FRA", "date": "2024-11-28", "precision": "day", "modality": "asserted", "quote": "Chad ended its defence pact with France." },
            { "type": "TiesSevered", "source": "MLI", "target": "UKR", "date": null, "precision": "unknown", "not_before": "2024-08-01", "quote": "Mali cut ties.", "also_accept": ["AgreementDenounced"] },
            { "type": "AgreementSigned", "parties": ["MLI", "BFA", "NER"], "date": "2023-09", "precision": "month", "quote": "They signed." },
            { "type": "CoupOccurred", "source": "BFA", "date": "2022-09-30", "precision": "day", "quote": "A coup.", "optional": true }
          ],
          "must_not": [ { "quote": "Chad said the pact was mutually beneficial.", "why": "opinion" } ]
        }
      ]
    }
    """;

    private static ExtractedEvent E(WorldEventType t, string? s, string? tg, EventDate d, string quote = "x", params string[] parties) =>
        new(t, s, tg, parties, null, null, d, Modality.Asserted, 0.8, "test.rule", "1", [new Evidence(0, 0, quote.Length, quote)]);

    [Fact]
    public void perfect_extraction_scores_one()
    {
        var gold = GoldSet.Parse(Gold);
        var events = new List<ExtractedEvent>
        {
            E(WorldEventType.AgreementDenounced, "TCD", "FRA", EventDate.Day(new DateOnly(2024, 11, 28))),
            E(WorldEventType.AgreementDenounced, "MLI", "UKR", EventDate.Unknown(null, new DateOnly(2024, 8, 5))),
            E(WorldEventType.AgreementSigned, null, null, EventDate.Day(new DateOnly(2023, 9, 16)), "x", "BFA", "MLI", "NER"),
        };
        var report = Scorer.Score(gold, new Dictionary<string, IReadOnlyList<ExtractedEvent>> { ["a.txt"] = events });
        Assert.Equal((1.0, 1.0, 1.0), (report.Overall.Precision, report.Overall.Recall, report.DateAccuracy));
        Assert.Empty(report.MustNotViolations);
    }

    [Fact]
    public void optional_events_count_neither_way()
    {
        var gold = GoldSet.Parse(Gold);
        var events = new List<ExtractedEvent>
        {
            E(WorldEventType.AgreementDenounced, "TCD", "FRA", EventDate.Day(new DateOnly(2024, 11, 28))),
            E(WorldEventType.CoupOccurred, "BFA", null, EventDate.Day(new DateOnly(2022, 9, 30))),
        };
        var report = Scorer.Score(gold, new Dictionary<string, IReadOnlyList<ExtractedEvent>> { ["a.txt"] = events });
        Assert.Equal(1.0, report.Overall.Precision);
        Assert.Equal(1, report.Overall.Extracted);
        Assert.Equal(3, report.Overall.Gold);
        Assert.Equal(2, report.Misses.Count);
    }

    [Fact]
    public void wrong_date_wrong_actor_and_must_not_are_reported()
    {
        var gold = GoldSet.Parse(Gold);
        var events = new List<ExtractedEvent>
        {
            E(WorldEventType.AgreementDenounced, "TCD", "FRA", EventDate.Day(new DateOnly(2024, 11, 27))),
            E(WorldEventType.TiesSevered, "UKR", "MLI", EventDate.Unknown()),
            E(WorldEventType.TiesSevered, "MLI", "UKR", EventDate.Day(new DateOnly(2024, 7, 1))),
            E(WorldEventType.CooperationSuspended, "TCD", "FRA", EventDate.Unknown(), "Chad said the pact was mutually beneficial."),
        };
        var report = Scorer.Score(gold, new Dictionary<string, IReadOnlyList<ExtractedEvent>> { ["a.txt"] = events });
        Assert.Equal(0, report.Overall.Matched);
        Assert.Equal(4, report.FalseAlarms.Count);
        Assert.Equal(0.0, report.DateAccuracy);
        Assert.Single(report.MustNotViolations);
        Assert.Equal(0.0, report.PerType["AgreementDenounced"].Recall);
    }

    [Fact]
    public void type_and_actors_alone_forgive_the_date()
    {
        var gold = GoldSet.Parse(Gold);
        var events = new List<ExtractedEvent>
        {
            E(WorldEventType.AgreementDenounced, "TCD", "FRA", EventDate.Day(new DateOnly(2024, 11, 27))),
            E(WorldEventType.AgreementSigned, null, null, EventDate.Day(new DateOnly(2023, 9, 16)), "x", "BFA", "MLI", "NER"),
        };
        var report = Scorer.Score(gold, new Dictionary<string, IReadOnlyList<ExtractedEvent>> { ["a.txt"] = events });
        Assert.Equal((1, 2), (report.Overall.Matched, report.Overall.Extracted));
        Assert.Equal((2, 2, 3), (report.TypeAndActors.Matched, report.TypeAndActors.Extracted, report.TypeAndActors.Gold));
        Assert.Equal(1.0, report.TypeAndActors.Precision);
    }

    [Fact]
    public void each_miss_and_false_alarm_has_its_cause()
    {
        var gold = GoldSet.Parse("""
        {
          "articles": [ { "file": "a.txt", "events": [
            { "type": "AmbassadorExpelled", "source": "PER", "target": "MEX", "date": "2022-12-21", "precision": "day", "quote": "Peru expelled the Mexican ambassador." },
            { "type": "SanctionsImposed", "source": "CAN", "target": "IRN", "date": "2022-10-07", "precision": "day", "quote": "Canada imposed sanctions on Iran." },
            { "type": "CooperationResumed", "source": "QAT", "target": "EGY", "date": "2021-01-20", "precision": "day", "quote": "Qatar and Egypt restored relations." },
            { "type": "TiesSevered", "source": "NIC", "target": "TWN", "date": "2021-12-09", "precision": "day", "quote": "Nicaragua broke ties with Taiwan." },
            { "type": "TiesSevered", "source": "NIC", "target": "TWN", "date": "2021-12-10", "precision": "day", "quote": "Managua cut the last ties with Taipei." },
            { "type": "CoupOccurred", "source": "GIN", "date": "2021-09-05", "precision": "day", "quote": "Soldiers seized power in Guinea." },
            { "type": "TalksOpened", "parties": ["ARM", "AZE"], "date": "2023-05-01", "precision": "day", "quote": "Armenia and Azerbaijan opened talks." },
            { "type": "SanctionsLifted", "source": "USA", "target": "VEN", "date": "2023-10-18", "precision": "day", "quote": "The US eased sanctions on Venezuela." }
          ] } ]
        }
        """);
        var events = new List<ExtractedEvent>
        {
            E(WorldEventType.AmbassadorExpelled, "PER", "MEX", EventDate.Day(new DateOnly(2022, 12, 20)), "Peru expelled the Mexican ambassador."),
            E(WorldEventType.SanctionsImposed, "IRN", "CAN", EventDate.Day(new DateOnly(2022, 10, 7)), "Canada imposed sanctions on Iran."),
            E(WorldEventType.CooperationResumptionAnnounced, "QAT", "EGY", EventDate.Day(new DateOnly(2021, 1, 20)), "Qatar and Egypt restored relations."),
            E(WorldEventType.TiesSevered, "NIC", "TWN", EventDate.Day(new DateOnly(2021, 12, 9)), "Nicaragua broke ties with Taiwan."),
            E(WorldEventType.SanctionsLifted, "USA", "VEN", EventDate.Day(new DateOnly(2023, 10, 18)), "The US eased sanctions on Venezuela."),
            E(WorldEventType.SanctionsLifted, "USA", "VEN", EventDate.Unknown(), "Washington's relief for Caracas."),
            E(WorldEventType.DelegationVisited, "GIN", "SEN", EventDate.Day(new DateOnly(2021, 9, 5)), "Soldiers seized power in Guinea."),
            E(WorldEventType.ThreatOfForce, "RUS", "UKR", EventDate.Unknown(), "Russia threatened Ukraine."),
        };
        var report = Scorer.Score(gold, new Dictionary<string, IReadOnlyList<ExtractedEvent>> { ["a.txt"] = events });
        string Miss(string quote) => report.Misses.Single(m => m.Quote == quote).Cause;
        Assert.Equal(Cause.WrongDate, Miss("Peru expelled the Mexican ambassador."));
        Assert.Equal(Cause.WrongActor, Miss("Canada imposed sanctions on Iran."));
        Assert.Equal(Cause.Modality, Miss("Qatar and Egypt restored relations."));
        Assert.Equal(Cause.Merged, Miss("Managua cut the last ties with Taipei."));
        Assert.Equal(Cause.WrongType, Miss("Soldiers seized power in Guinea."));
        Assert.Equal(Cause.NoTrigger, Miss("Armenia and Azerbaijan opened talks."));
        Assert.Equal(6, report.MissCauses.Values.Sum());
        Assert.Equal(Cause.NotMerged, report.FalseAlarms.Single(f => f.Type == "SanctionsLifted").Cause);
        Assert.Equal(Cause.Spurious, report.FalseAlarms.Single(f => f.Type == "ThreatOfForce").Cause);
        Assert.Equal(Cause.WrongDate, report.FalseAlarms.Single(f => f.Type == "AmbassadorExpelled").Cause);
        Assert.Equal(report.FalseAlarms.Count, report.FalseAlarmCauses.Values.Sum());
    }

    [Fact]
    public void a_duplicate_of_a_matched_event_is_a_false_alarm()
    {
        var gold = GoldSet.Parse(Gold);
        var e = E(WorldEventType.AgreementDenounced, "TCD", "FRA", EventDate.Day(new DateOnly(2024, 11, 28)));
        var report = Scorer.Score(gold, new Dictionary<string, IReadOnlyList<ExtractedEvent>> { ["a.txt"] = [e, e] });
        Assert.Equal(0.5, report.Overall.Precision);
    }

    [Theory]
    [InlineData("2023-12", "month", "2023-12-13", "day", true)]
    [InlineData("2023-12", "month", "2023-11-30", "day", false)]
    [InlineData("2023-12-13", "day", "2023-12", "month", false)]
    [InlineData("2023", "year", "2023-07", "month", true)]
    public void dates_agree_at_the_gold_precision(string gold, string gp, string got, string p, bool agree)
    {
        static EventDate D(string s, string p) => p switch
        {
            "day" => EventDate.Day(DateOnly.Parse(s)),
            "month" => EventDate.Month(int.Parse(s[..4]), int.Parse(s[5..7])),
            _ => EventDate.Year(int.Parse(s[..4])),
        };
        Assert.Equal(agree, Scorer.DateMatches(D(gold, gp), D(got, p)));
    }

    [Fact]
    public void unknown_gold_dates_only_check_bounds()
    {
        var gold = EventDate.Unknown(new DateOnly(2023, 7, 26), new DateOnly(2023, 12, 15));
        Assert.True(Scorer.DateMatches(gold, EventDate.Unknown()));
        Assert.True(Scorer.DateMatches(gold, EventDate.Month(2023, 12)));
        Assert.False(Scorer.DateMatches(gold, EventDate.Day(new DateOnly(2023, 7, 1))));
        Assert.False(Scorer.DateMatches(gold, EventDate.Unknown(new DateOnly(2024, 1, 1))));
    }

    [Fact]
    public void manifest_reads_dates_and_date_times()
    {
        var m = ManifestFile.Parse("""{"articles":[{"file":"a.txt","publisher":"RT","url":"u","published":"2023-12-15T12:28:00Z"},{"file":"b.txt","published":"2023-12-13"}]}""");
        Assert.Equal(new DateOnly(2023, 12, 15), m["a.txt"].Published);
        Assert.Equal("RT", m["a.txt"].Publisher);
        Assert.Equal(new DateOnly(2023, 12, 13), m["b.txt"].Published);
    }

    [Fact]
    public void the_report_serialises_to_json()
    {
        var report = Scorer.Score(GoldSet.Parse(Gold), new Dictionary<string, IReadOnlyList<ExtractedEvent>>());
        var json = System.Text.Json.JsonSerializer.Serialize(report);
        Assert.Contains("\"Overall\"", json);
        Assert.Contains("\"TypeAndActors\"", json);
        Assert.Contains("\"MissCauses\":{\"no_trigger\":3}", json);
    }
}
