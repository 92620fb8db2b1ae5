using System.Diagnostics;
using Monitoring.Domain;
using static Monitoring.Extraction.Tests.Helpers;

namespace Monitoring.Extraction.Tests;

/// <summary>Short articles in the style of the held-out set (other Sahel states, other partners): whole-article behaviour.</summary>
public sealed class ArticleTests
{
    private static ExtractedEvent One(IReadOnlyList<ExtractedEvent> events, WorldEventType type, string source, string target) =>
        Assert.Single(events, e => e.Type == type && e.Source == source && e.Target == target);

    [Fact]
    public void mali_and_france_2022()
    {
        var events = Extracted("Mali's military junta on Monday ordered the French ambassador to leave the country within 72 hours, after comments by French officials it deemed hostile. The move comes as relations between Bamako and Paris have deteriorated since the junta seized power in August 2020. France announced in February that it would withdraw its troops from Mali after nearly a decade of fighting jihadists. The last French soldiers of Operation Barkhane left Mali on August 15, the French army said. Mali also revoked its 2013 defence agreements with France in May.", "2022-08-16");
        Assert.Equal(EventDate.Day(new DateOnly(2022, 8, 15)), One(events, WorldEventType.AmbassadorExpelled, "MLI", "FRA").Date);
        Assert.Equal(EventDate.Month(2020, 8), Assert.Single(events, e => e.Type == WorldEventType.CoupOccurred && e.Source == "MLI").Date);
        Assert.Equal(Modality.Planned, One(events, WorldEventType.WithdrawalAnnounced, "FRA", "MLI").Modality);
        Assert.Equal(EventDate.Day(new DateOnly(2022, 8, 15)), One(events, WorldEventType.WithdrawalCompleted, "FRA", "MLI").Date);
        Assert.Equal(EventDate.Month(2022, 5), One(events, WorldEventType.AgreementDenounced, "MLI", "FRA").Date);
        Assert.Equal(5, events.Count);
    }

    [Fact]
    public void burkina_and_france_2023()
    {
        var events = Extracted("Burkina Faso's government has given French troops a month to leave the country, the national news agency reported on Sunday. The junta, which seized power in September, denounced the 2018 military agreement with France on Wednesday. Burkina Faso also suspended French broadcaster RFI in December. Paris recalled its ambassador to Ouagadougou for consultations.", "2023-01-23");
        One(events, WorldEventType.WithdrawalDemanded, "BFA", "FRA");
        Assert.Equal(EventDate.Day(new DateOnly(2023, 1, 18)), One(events, WorldEventType.AgreementDenounced, "BFA", "FRA").Date);
        One(events, WorldEventType.AmbassadorRecalled, "FRA", "BFA");
        Assert.DoesNotContain(events, e => e.Type == WorldEventType.CooperationSuspended);
    }

    [Fact]
    public void chad_ending_defence_cooperation_2024()
    {
        var events = Extracted("Chad announced on Thursday it was ending its defence cooperation agreement with France, a move that could force the last French troops out of the Sahel. About 1,000 French soldiers are currently stationed in Chad. The announcement came hours after a visit by French Foreign Minister Jean-Noël Barrot to N'Djamena.", "2024-11-29");
        Assert.Equal(EventDate.Day(new DateOnly(2024, 11, 28)), One(events, WorldEventType.AgreementDenounced, "TCD", "FRA").Date);
        Assert.Equal(1000, One(events, WorldEventType.TroopPresenceReported, "FRA", "TCD").Count);
        Assert.Equal(EventDate.Day(new DateOnly(2024, 11, 28)), One(events, WorldEventType.DelegationVisited, "FRA", "TCD").Date);
        Assert.DoesNotContain(events, e => e.Type is WorldEventType.WithdrawalCompleted or WorldEventType.WithdrawalAnnounced);
    }

    [Fact]
    public void ecowas_lifting_sanctions_and_the_sahel_exit()
    {
        var events = Extracted("West African bloc ECOWAS on Saturday lifted sanctions on Niger, including border closures and a no-fly zone, citing humanitarian reasons. The bloc imposed the sanctions after the July coup. It also lifted some sanctions on Guinea and Mali. The three juntas of Mali, Burkina Faso and Niger had announced last month that they were leaving ECOWAS.", "2024-02-26");
        Assert.Equal(EventDate.Day(new DateOnly(2024, 2, 24)), One(events, WorldEventType.SanctionsLifted, "ECOWAS", "NER").Date);
        One(events, WorldEventType.SanctionsImposed, "ECOWAS", "NER");
        One(events, WorldEventType.SanctionsLifted, "ECOWAS", "GIN");
        One(events, WorldEventType.SanctionsLifted, "ECOWAS", "MLI");
        var exits = events.Where(e => e.Type == WorldEventType.BlocExitAnnounced).ToList();
        Assert.Equal(["BFA", "MLI", "NER"], exits.Select(e => e.Source!).Order());
        Assert.All(exits, e => Assert.Equal(EventDate.Month(2024, 1), e.Date with { NotBefore = null, NotAfter = null }));
    }

    [Fact]
    public void us_withdrawal_from_niger_by_a_date()
    {
        var events = Extracted("The United States will withdraw its troops from Niger by September 15, the Pentagon and Niger's defence ministry said in a joint statement on Sunday. The US has about 1,000 military personnel in the country. Washington had already agreed in April to pull out its forces.", "2024-05-20");
        Assert.Equal(EventDate.Day(new DateOnly(2024, 5, 19)), One(events, WorldEventType.WithdrawalAnnounced, "USA", "NER").Date);
        var done = One(events, WorldEventType.WithdrawalCompleted, "USA", "NER");
        Assert.Equal((EventDate.Day(new DateOnly(2024, 9, 15)), Modality.Expected), (done.Date, done.Modality));
        Assert.Equal(1000, One(events, WorldEventType.TroopPresenceReported, "USA", "NER").Count);
        Assert.Equal(EventDate.Month(2024, 4), One(events, WorldEventType.WithdrawalAgreed, "USA", "NER").Date);
    }

    [Fact]
    public void coordinated_predicates_share_their_subject()
    {
        var events = Extracted("Niger's junta, which took power on July 26, had demanded the departure of the 1,500 French soldiers and revoked military accords with Paris in August.", "2023-09-25");
        Assert.Equal(EventDate.Day(new DateOnly(2023, 7, 26)), Assert.Single(events, e => e.Type == WorldEventType.CoupOccurred).Date);
        Assert.Equal(DatePrecision.Unknown, One(events, WorldEventType.WithdrawalDemanded, "NER", "FRA").Date.Precision);
        Assert.Equal(EventDate.Month(2023, 8), One(events, WorldEventType.AgreementDenounced, "NER", "FRA").Date);
    }

    [Fact]
    public void rejecting_calls_to_withdraw_is_no_withdrawal() =>
        Assert.DoesNotContain(Extracted("France rejected calls to withdraw its troops from Niger.", "2023-08-20"),
            e => e.Type is WorldEventType.WithdrawalCompleted or WorldEventType.WithdrawalAnnounced);

    [Fact]
    public void a_large_article_is_read_quickly()
    {
        var seed = File.ReadAllText(Path.Combine(SeedEvaluationTests.SeedsDir, "000_9a54eae7be48a36c.txt"));
        // Distinct paragraphs (repeated ones are dropped as page junk), about 300 KB, and a run-on line.
        var text = string.Concat(Enumerable.Range(0, 60).Select(i => string.Join("\n", seed.Split('\n').Select(l => l.Length > 0 ? $"Report {i}: {l}" : l)) + "\n\n")) + new string('x', 20_000);
        var watch = Stopwatch.StartNew();
        var result = Extractor.Extract(Article(text, "2023-12-15"));
        watch.Stop();
        Assert.NotEmpty(result.Events);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }
}
