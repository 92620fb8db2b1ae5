using Monitoring.Domain;
using static Monitoring.Extraction.Tests.Helpers;

namespace Monitoring.Extraction.Tests;

/// <summary>
/// The failure classes of extractor 1.2.0 (seeds/dev): for each rule or mechanism, a sentence that must fire and a
/// near miss that must not, about other countries than the article that showed the class.
/// </summary>
public sealed class ExtractorTwelveRuleTests
{
    private static string Pair(ExtractedEvent e) => $"{e.Source}->{e.Target}";

    // Actors: a bare name two states share, the regional bloc among several, a breakaway region's state, peacekeepers.
    [Fact]
    public void a_bare_shared_name_is_the_state_the_article_names_in_full()
    {
        var e = Single("The Democratic Republic of Congo accused Burundi of backing rebels. About 3,000 Burundian soldiers are currently deployed in Congo.", "2024-02-01", WorldEventType.TroopPresenceReported);
        Assert.Equal("BDI->COD", Pair(e));
    }

    [Fact]
    public void a_bare_shared_name_keeps_its_own_reading_without_the_longer_name()
    {
        var e = Single("About 3,000 Burundian soldiers are currently deployed in Congo.", "2024-02-01", WorldEventType.TroopPresenceReported);
        Assert.Equal("BDI->COG", Pair(e));
    }

    [Fact]
    public void the_regional_bloc_is_the_narrower_of_the_blocs_named()
    {
        var e = Single("SADC and the African Union condemned the coup in Madagascar. The regional bloc suspended Madagascar's membership on Monday.", "2009-03-31", WorldEventType.CooperationSuspended);
        Assert.Equal("SADC->MDG", Pair(e));
    }

    [Fact]
    public void the_bloc_without_regional_is_the_last_named()
    {
        var e = Single("SADC and the African Union condemned the coup in Madagascar. The bloc suspended Madagascar's membership on Monday.", "2009-03-31", WorldEventType.CooperationSuspended);
        Assert.Equal("AU->MDG", Pair(e));
    }

    [Fact]
    public void forces_leaving_a_breakaway_region_leave_the_state_it_lies_in()
    {
        var e = Single("Russian troops have begun withdrawing from Transnistria, the Moldovan government said on Monday.", "2024-05-06", WorldEventType.WithdrawalStarted);
        Assert.Equal("RUS->MDA", Pair(e));
    }

    [Fact]
    public void peacekeepers_not_yet_leaving_have_not_begun() =>
        None("Indian peacekeepers have not begun withdrawing from South Sudan.", "2024-05-06", WorldEventType.WithdrawalStarted);

    [Fact]
    public void peacekeepers_of_a_nationality_are_its_forces()
    {
        var e = Single("Indian peacekeepers have begun withdrawing from South Sudan.", "2024-05-06", WorldEventType.WithdrawalStarted);
        Assert.Equal("IND->SSD", Pair(e));
    }

    [Fact]
    public void a_coup_there_is_in_the_state_named_before()
    {
        var events = Extracted("Soldiers seized power in Gabon on Wednesday. The AU suspended Guinea's membership two years ago after the military took power there in 2021.", "2023-08-31")
            .Where(e => e.Type == WorldEventType.CoupOccurred).ToList();
        Assert.Contains(events, e => e.Source == "GIN" && e.Date == EventDate.Year(2021));
        Assert.DoesNotContain(events, e => e.Source == "GAB" && e.Date == EventDate.Year(2021));
    }

    [Fact]
    public void a_coup_with_no_place_is_in_the_articles_state()
    {
        var events = Extracted("Soldiers seized power in Gabon on Wednesday. The AU said the military took power against the constitution.", "2023-08-31")
            .Where(e => e.Type == WorldEventType.CoupOccurred).ToList();
        Assert.All(events, e => Assert.Equal("GAB", e.Source));
    }

    // Diplomacy: diplomats withdrawn, ambassadors appointed where ties are restored, talks a trip is for.
    [Fact]
    public void diplomats_withdrawn_by_their_state_are_recalled()
    {
        var events = Extracted("Burundi announced that all its diplomats would be withdrawn from Rwanda.", "2024-01-12");
        Assert.Contains(events, e => e.Type == WorldEventType.AmbassadorRecalled && Pair(e) == "BDI->RWA");
        Assert.DoesNotContain(events, e => e.Type is WorldEventType.WithdrawalAnnounced or WorldEventType.WithdrawalCompleted);
    }

    [Fact]
    public void troops_withdrawn_are_no_recall() =>
        None("Burundi announced that its troops would be withdrawn from Somalia.", "2024-01-12", WorldEventType.AmbassadorRecalled);

    [Fact]
    public void an_ambassador_named_while_ties_are_restored_announces_the_restoration()
    {
        var e = Single("Chile and Bolivia agreed last month to restore diplomatic relations. Chile appointed a former senator as ambassador to La Paz on Tuesday.", "2024-03-08",
            WorldEventType.CooperationResumptionAnnounced);
        Assert.Equal("CHL->BOL", Pair(e));
    }

    [Fact]
    public void an_ambassador_named_in_ordinary_times_restores_nothing() =>
        None("Chile appointed a former senator as ambassador to La Paz on Tuesday.", "2024-03-08", WorldEventType.CooperationResumptionAnnounced);

    [Fact]
    public void a_day_owned_by_the_act_dates_it_told_after()
    {
        var e = Single("Chile and Bolivia agreed last month to restore diplomatic relations. Tuesday's appointments end years of tension. Chile appointed a former senator as ambassador to La Paz.", "2024-03-08",
            WorldEventType.CooperationResumptionAnnounced);
        Assert.Equal(EventDate.Day(new DateOnly(2024, 3, 5)), e.Date);
    }

    [Fact]
    public void a_day_owned_by_another_noun_dates_no_act()
    {
        var e = Single("Chile and Bolivia agreed last month to restore diplomatic relations. Tuesday's football match ended in a draw. Chile appointed a former senator as ambassador to La Paz.", "2024-03-08",
            WorldEventType.CooperationResumptionAnnounced);
        Assert.NotEqual(EventDate.Day(new DateOnly(2024, 3, 5)), e.Date);
    }

    [Fact]
    public void a_trip_for_talks_with_a_counterpart_opens_talks()
    {
        var e = Single("The Sudanese army chief flew to Jeddah on Saturday for direct talks with his Emirati counterpart.", "2024-06-02", WorldEventType.TalksOpened);
        Assert.Equal(["ARE", "SDN"], e.Parties);
    }

    [Fact]
    public void a_trip_not_made_for_talks_opens_none() =>
        None("The Sudanese army chief did not fly to Jeddah for talks with his Emirati counterpart.", "2024-06-02", WorldEventType.TalksOpened);

    // Agreements: the two countries, treaties let lapse, conditional withdrawals a joint statement commits to.
    [Fact]
    public void the_two_countries_are_the_two_states_named()
    {
        var e = Single("Officials from Bahrain met their Qatari counterparts, who said that the two countries had agreed to restore diplomatic ties.", "2023-04-13", WorldEventType.AgreementSigned);
        Assert.Equal(["BHR", "QAT"], e.Parties);
    }

    [Fact]
    public void the_two_countries_with_one_state_named_are_no_parties() =>
        None("Officials from Bahrain said that the two countries had agreed to restore diplomatic ties.", "2023-04-13", WorldEventType.AgreementSigned);

    [Fact]
    public void a_treaty_not_renewed_is_denounced()
    {
        var e = Single("Ukraine said it would not renew the treaty of friendship with Russia.", "2018-09-18", WorldEventType.AgreementDenounced);
        Assert.Equal("UKR->RUS", Pair(e));
    }

    [Fact]
    public void a_treaty_allowed_to_lapse_is_denounced()
    {
        var e = Single("Moscow allowed the INF treaty to lapse, leaving the United States to respond.", "2019-08-03", WorldEventType.AgreementDenounced);
        Assert.Equal("RUS->USA", Pair(e));
    }

    [Fact]
    public void a_treaty_renewed_is_not_denounced() =>
        None("Ukraine said it would renew the treaty of friendship with Russia.", "2018-09-18", WorldEventType.AgreementDenounced);

    [Fact]
    public void a_treaty_named_by_its_acronym_binds_the_state_the_article_names_most()
    {
        var e = Single("Manila announced it would not be renewing the VFA. The United States had hoped to keep it. Washington said talks would continue.", "2020-02-11", WorldEventType.AgreementDenounced);
        Assert.Equal("PHL->USA", Pair(e));
    }

    [Fact]
    public void a_withdrawal_a_joint_statement_makes_conditional_is_agreed()
    {
        var e = Single("Kenya would withdraw its troops from Somalia if al-Shabaab disarmed, according to a joint statement issued on Friday.", "2024-03-09", WorldEventType.WithdrawalAgreed);
        Assert.Equal("KEN->SOM", Pair(e));
    }

    [Fact]
    public void a_conditional_withdrawal_a_minister_mentions_is_no_event()
    {
        var events = Extracted("Kenya would withdraw its troops from Somalia if al-Shabaab disarmed, a minister said on Friday.", "2024-03-09");
        Assert.DoesNotContain(events, e => e.Type is WorldEventType.WithdrawalAgreed or WorldEventType.WithdrawalAnnounced or WorldEventType.WithdrawalCompleted);
    }

    // Dates and modality: a decision to restore is an intent; an intent the lead says was said is dated at the story's time.
    [Fact]
    public void a_confirmed_decision_to_restore_is_an_announcement()
    {
        var events = Extracted("Qatar's foreign ministry confirmed the decision to restore diplomatic relations with Egypt from 20 January.", "2021-01-12");
        Assert.Contains(events, e => e.Type == WorldEventType.CooperationResumptionAnnounced && Pair(e) == "QAT->EGY");
        Assert.DoesNotContain(events, e => e.Type == WorldEventType.CooperationResumed);
    }

    [Fact]
    public void relations_restored_on_a_day_are_resumed() =>
        Assert.Equal("QAT->EGY", Pair(Single("Qatar restored diplomatic relations with Egypt on 20 January.", "2021-01-22", WorldEventType.CooperationResumed)));

    [Fact]
    public void an_intent_said_in_the_lead_is_dated_at_the_storys_day()
    {
        var e = Single("Nicaragua on Thursday broke off ties with Taiwan. Its foreign minister said it would withdraw its ambassador from Taipei.", "2021-12-10", WorldEventType.AmbassadorRecalled);
        Assert.Equal(EventDate.Day(new DateOnly(2021, 12, 9)), e.Date);
    }

    [Fact]
    public void an_intent_not_reported_as_said_stays_undated()
    {
        var e = Single("Nicaragua on Thursday broke off ties with Taiwan. Nicaragua plans to withdraw its ambassador from Taipei.", "2021-12-10", WorldEventType.AmbassadorRecalled);
        Assert.Equal(DatePrecision.Unknown, e.Date.Precision);
    }

    // Plural envoys; foreign bases handed over or ordered closed.
    [Fact]
    public void states_recalling_their_ambassadors_each_recall()
    {
        var events = Extracted("Kenya and Uganda recalled their ambassadors from Sudan on Monday.", "2025-04-10").Where(e => e.Type == WorldEventType.AmbassadorRecalled).ToList();
        Assert.Equal(["KEN->SDN", "UGA->SDN"], events.Select(Pair).Order().ToArray());
    }

    [Fact]
    public void ambassadors_kept_in_post_are_not_recalled() =>
        None("Kenya and Uganda refused to recall their ambassadors from Sudan.", "2025-04-10", WorldEventType.AmbassadorRecalled);

    [Fact]
    public void a_base_handed_over_starts_the_withdrawal()
    {
        var e = Single("Britain handed over the Camp Bastion base in Afghanistan to the Afghan army on Sunday.", "2014-10-27", WorldEventType.WithdrawalStarted);
        Assert.Equal("GBR->AFG", Pair(e));
    }

    [Fact]
    public void the_last_base_handed_over_completes_the_withdrawal()
    {
        var e = Single("Britain handed over its last military base in Afghanistan to the Afghan army on Sunday.", "2014-10-27", WorldEventType.WithdrawalCompleted);
        Assert.Equal("GBR->AFG", Pair(e));
    }

    [Fact]
    public void a_base_not_handed_over_is_no_withdrawal() =>
        None("Britain has not handed over the Camp Bastion base in Afghanistan.", "2014-10-27", WorldEventType.WithdrawalStarted);

    [Fact]
    public void a_host_ordering_foreign_bases_closed_demands_their_withdrawal()
    {
        var e = Single("Djibouti ordered the closure of all Italian military bases on its territory.", "2025-01-10", WorldEventType.WithdrawalDemanded);
        Assert.Equal("DJI->ITA", Pair(e));
    }

    [Fact]
    public void a_host_considering_closing_bases_demands_nothing() =>
        None("Djibouti is considering whether to order the closure of Italian military bases.", "2025-01-10", WorldEventType.WithdrawalDemanded);

    // A member suspended from a bloc; forces ordered out; borders reopened; a relative clause's own date.
    [Fact]
    public void a_state_suspended_from_a_bloc_has_its_membership_suspended()
    {
        var e = Single("Mali was suspended from the African Union on Tuesday.", "2021-06-02", WorldEventType.CooperationSuspended);
        Assert.Equal("AU->MLI", Pair(e));
        Assert.Equal("membership", e.Area);
    }

    [Fact]
    public void a_bloc_suspending_a_state_from_its_activities_suspends_it()
    {
        var e = Single("SADC suspended Madagascar from all its activities on Monday.", "2009-03-31", WorldEventType.CooperationSuspended);
        Assert.Equal("SADC->MDG", Pair(e));
    }

    [Fact]
    public void a_state_not_suspended_from_a_bloc_is_not_suspended() =>
        None("Mali has not been suspended from the African Union.", "2021-06-02", WorldEventType.CooperationSuspended);

    [Fact]
    public void a_host_ordering_forces_out_demands_their_withdrawal()
    {
        var e = Single("Chad's transitional government ordered Russian troops out of the country in May.", "2025-06-01", WorldEventType.WithdrawalDemanded);
        Assert.Equal("TCD->RUS", Pair(e));
    }

    [Fact]
    public void a_host_asked_to_order_forces_out_demands_nothing() =>
        None("Protesters urged Chad's government to order Russian troops out of the country.", "2025-06-01", WorldEventType.WithdrawalDemanded);

    [Fact]
    public void a_border_reopened_to_a_neighbour_lifts_the_blockade()
    {
        var e = Single("Nigeria reopened its land borders with Niger on Wednesday.", "2024-03-15", WorldEventType.SanctionsLifted);
        Assert.Equal("NGA->NER", Pair(e));
    }

    [Fact]
    public void a_border_kept_closed_lifts_nothing() =>
        None("Nigeria refused to reopen its land borders with Niger.", "2024-03-15", WorldEventType.SanctionsLifted);

    [Fact]
    public void a_relative_clause_keeps_its_own_year()
    {
        var e = Single("On Monday, Egypt announced it would reopen its airspace to Qatar, ending a dispute that began in 2017.", "2021-01-06", WorldEventType.SanctionsLifted);
        Assert.NotEqual(EventDate.Year(2017), e.Date);
    }

    // Near misses of the same classes that real text is full of.
    [Fact]
    public void soldiers_returning_to_their_base_hand_nothing_over() =>
        None("Italian soldiers returned to their base in Djibouti after the patrol.", "2025-01-10", WorldEventType.WithdrawalStarted);

    [Fact]
    public void calling_for_talks_opens_none() =>
        None("Kenya called for talks with the Sudanese army on Monday.", "2024-06-02", WorldEventType.TalksOpened);

    [Fact]
    public void borders_opened_to_refugees_lift_no_sanctions() =>
        None("Chad opened its borders to Sudanese refugees on Monday.", "2024-06-02", WorldEventType.SanctionsLifted);

    [Fact]
    public void a_decision_to_expel_is_the_expulsion_itself()
    {
        var e = Single("Burkina Faso announced the decision to expel the French ambassador on Monday.", "2023-01-04", WorldEventType.AmbassadorExpelled);
        Assert.Equal(Modality.Asserted, e.Modality);
        Assert.Equal(EventDate.Day(new DateOnly(2023, 1, 2)), e.Date);
    }

    // A sentence opening on a time of its own is not told on the day its predecessor states.
    [Fact]
    public void a_sentence_opening_days_before_is_not_told_on_the_day_before_it()
    {
        var e = Single("Boric was sworn in on Friday as president. Days before his inauguration, Chile and Bolivia had agreed to restore diplomatic ties.", "2022-03-14", WorldEventType.AgreementSigned);
        Assert.NotEqual(EventDate.Day(new DateOnly(2022, 3, 11)), e.Date);
    }

    [Fact]
    public void a_sentence_after_a_day_with_no_time_of_its_own_is_told_on_that_day()
    {
        var e = Single("On Friday, crowds gathered in Santiago. Chile and Bolivia agreed to restore diplomatic ties.", "2022-03-14", WorldEventType.AgreementSigned);
        Assert.Equal(EventDate.Day(new DateOnly(2022, 3, 11)), e.Date);
    }
}
