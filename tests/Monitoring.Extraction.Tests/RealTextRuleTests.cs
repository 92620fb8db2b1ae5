using Monitoring.Domain;
using static Monitoring.Extraction.Tests.Helpers;

namespace Monitoring.Extraction.Tests;

/// <summary>
/// The rules and mechanisms written for the failure classes of real articles (seeds/dev): for each, a sentence that
/// must fire and a near miss that must not, written about other countries than the article that showed the class.
/// </summary>
public sealed class RealTextRuleTests
{
    private static string Pair(ExtractedEvent e) => $"{e.Source}->{e.Target}";

    // Predicates: relations, ties and embassies restored; coordinated doers act on each other.
    [Fact]
    public void two_states_restoring_relations_each_resume_with_the_other()
    {
        var events = Extracted("Qatar and Egypt restored diplomatic relations on 20 January.", "2021-01-22").Where(e => e.Type == WorldEventType.CooperationResumed).ToList();
        Assert.Equal(["EGY->QAT", "QAT->EGY"], events.Select(Pair).Order().ToArray());
        Assert.All(events, e => Assert.Equal(EventDate.Day(new DateOnly(2021, 1, 20)), e.Date));
    }

    [Fact]
    public void relations_that_could_be_restored_are_no_resumption() =>
        None("Qatar and Egypt could restore diplomatic relations if the blockade ends.", "2021-01-22", WorldEventType.CooperationResumed);

    [Fact]
    public void ties_that_would_be_restored_are_an_announced_resumption()
    {
        var e = Single("Peru's foreign minister said diplomatic ties with Chile would be restored.", "2023-05-02", WorldEventType.CooperationResumptionAnnounced);
        Assert.Equal("PER->CHL", Pair(e));
    }

    [Fact]
    public void ties_restored_long_ago_announce_nothing() =>
        None("Peru's ties with Chile had been restored in 1990.", "2023-05-02", WorldEventType.CooperationResumptionAnnounced);

    // Suspensions of a membership or a treaty; a suspended decision to end a pact keeps it.
    [Fact]
    public void a_bloc_suspending_a_membership_suspends_cooperation()
    {
        var e = Single("The African Union suspended Mali's membership on Friday.", "2021-06-02", WorldEventType.CooperationSuspended);
        Assert.Equal("AU->MLI", Pair(e));
    }

    [Fact]
    public void suspending_a_decision_to_leave_a_pact_keeps_it()
    {
        const string text = "Armenia suspended its decision to withdraw from its defence pact with Russia.";
        None(text, "2024-02-01", WorldEventType.CooperationSuspended);
        Assert.Equal("ARM->RUS", Pair(Single(text, "2024-02-01", WorldEventType.CooperationResumptionAnnounced)));
    }

    [Fact]
    public void a_suspension_noun_is_its_possessors_act()
    {
        var e = Single("Ankara announced the suspension of Turkey's participation in the treaty with Greece.", "2023-03-01", WorldEventType.CooperationSuspended);
        Assert.Equal("TUR->GRC", Pair(e));
    }

    [Fact]
    public void reacting_to_a_suspension_is_not_suspending() =>
        None("NATO reacted to the suspension of the treaty.", "2023-03-01", WorldEventType.CooperationSuspended);

    [Fact]
    public void relations_ceasing_immediately_are_severed()
    {
        var e = Single("Nicaragua announced that relations with Taiwan would cease immediately.", "2021-12-10", WorldEventType.TiesSevered);
        Assert.Equal("NIC->TWN", Pair(e));
    }

    [Fact]
    public void relations_that_would_cease_under_a_condition_are_not_severed() =>
        None("Nicaragua said relations with Taiwan would cease if the visit went ahead.", "2021-12-10", WorldEventType.TiesSevered);

    [Fact]
    public void long_broken_ties_are_a_state_not_a_rupture() =>
        None("Chile and Bolivia want to mend long-broken ties.", "2023-05-02", WorldEventType.TiesSevered);

    // Diplomats and ambassadors.
    [Fact]
    public void diplomats_expelled_are_a_withdrawal_demanded_not_an_ambassador_expelled()
    {
        const string text = "Poland is expelling 45 Russian diplomats.";
        None(text, "2023-03-30", WorldEventType.AmbassadorExpelled);
        var e = Single(text, "2023-03-30", WorldEventType.WithdrawalDemanded);
        Assert.Equal(("POL->RUS", "diplomatic"), (Pair(e), e.Area));
    }

    [Fact]
    public void ambassadors_being_recalled_to_two_capitals_are_two_recalls()
    {
        var events = Extracted("Peru's ambassadors to Mexico and Bolivia were being recalled for consultations.", "2022-12-21").Where(e => e.Type == WorldEventType.AmbassadorRecalled);
        Assert.Equal(["PER->BOL", "PER->MEX"], events.Select(Pair).Order().ToArray());
    }

    [Fact]
    public void an_ambassador_not_recalled_is_no_recall() =>
        None("Peru's ambassador to Mexico was not recalled.", "2022-12-21", WorldEventType.AmbassadorRecalled);

    // Troops: an extra contingent sent is a deployment, not a presence.
    [Fact]
    public void an_extra_contingent_sent_is_a_deployment()
    {
        const string text = "Turkey has sent an extra 200 soldiers to Libya.";
        var e = Single(text, "2020-01-10", WorldEventType.TroopsDeployed);
        Assert.Equal(("TUR->LBY", 200), (Pair(e), e.Count));
        None(text, "2020-01-10", WorldEventType.TroopPresenceReported);
    }

    [Fact]
    public void soldiers_present_are_still_a_presence() =>
        Assert.Equal(200, Single("Turkey has 200 soldiers stationed in Libya.", "2020-01-10", WorldEventType.TroopPresenceReported).Count);

    [Fact]
    public void a_request_to_withdraw_is_a_demand_not_a_withdrawal()
    {
        const string text = "Chad requested France to withdraw its troops.";
        Assert.Equal("TCD->FRA", Pair(Single(text, "2024-12-01", WorldEventType.WithdrawalDemanded)));
        None(text, "2024-12-01", WorldEventType.WithdrawalCompleted);
    }

    [Fact]
    public void a_call_for_a_foreign_military_to_leave_is_a_demand()
    {
        var e = Single("Lawmakers in Damascus called for the expulsion of the Turkish military from Syria.", "2022-06-01", WorldEventType.WithdrawalDemanded);
        Assert.Equal("SYR->TUR", Pair(e));
    }

    [Fact]
    public void a_military_coup_is_no_call_for_a_withdrawal() =>
        None("Lawmakers in Damascus called for the prosecution of the military officers.", "2022-06-01", WorldEventType.WithdrawalDemanded);

    // Sanctions.
    [Fact]
    public void travel_bans_and_asset_freezes_are_sanctions()
    {
        var e = Single("Canada announced travel bans and asset freezes against officials from Belarus.", "2020-09-29", WorldEventType.SanctionsImposed);
        Assert.Equal("CAN->BLR", Pair(e));
    }

    [Fact]
    public void travel_bans_only_considered_are_no_sanctions() =>
        None("Canada may announce travel bans against officials from Belarus.", "2020-09-29", WorldEventType.SanctionsImposed);

    [Fact]
    public void removal_from_a_terror_list_lifts_sanctions()
    {
        var e = Single("The United States removed Sudan from its list of state sponsors of terrorism.", "2020-12-15", WorldEventType.SanctionsLifted);
        Assert.Equal("USA->SDN", Pair(e));
    }

    [Fact]
    public void removing_troops_lifts_no_sanctions() =>
        None("The United States removed its troops from Sudan.", "2020-12-15", WorldEventType.SanctionsLifted);

    // Agreements.
    [Fact]
    public void agreeing_to_restore_relations_is_an_agreement_and_an_announced_resumption_on_the_same_day()
    {
        var events = Extracted("Morocco and Israel on Thursday agreed to restore diplomatic relations.", "2020-12-11");
        var agreement = Assert.Single(events, e => e.Type == WorldEventType.AgreementSigned);
        Assert.Equal(["ISR", "MAR"], agreement.Parties.Order().ToArray());
        var announced = events.Where(e => e.Type == WorldEventType.CooperationResumptionAnnounced).ToList();
        Assert.Equal(["ISR->MAR", "MAR->ISR"], announced.Select(Pair).Order().ToArray());
        Assert.All(announced.Append(agreement), e => Assert.Equal(EventDate.Day(new DateOnly(2020, 12, 10)), e.Date));
    }

    [Fact]
    public void refusing_to_restore_relations_is_no_agreement() =>
        None("Morocco refused to restore diplomatic relations with Algeria.", "2021-09-01", WorldEventType.AgreementSigned);

    [Fact]
    public void an_initialled_framework_is_an_agreement()
    {
        var e = Single("Kenya and Ethiopia initialled a security cooperation framework.", "2022-04-01", WorldEventType.AgreementSigned);
        Assert.Equal(["ETH", "KEN"], e.Parties.Order().ToArray());
    }

    [Fact]
    public void an_agreement_signed_by_two_leaders_is_theirs()
    {
        var e = Single("The accord was signed by Kenyan President William Ruto and Ethiopian Prime Minister Abiy Ahmed on Monday.", "2022-04-06", WorldEventType.AgreementSigned);
        Assert.Equal(["ETH", "KEN"], e.Parties.Order().ToArray());
    }

    [Fact]
    public void rejecting_a_planned_deal_denounces_nothing() =>
        None("Ukraine rejected a planned trade deal with Russia.", "2013-11-22", WorldEventType.AgreementDenounced);

    [Fact]
    public void rejecting_a_deal_in_force_denounces_it() =>
        Assert.Equal("UKR->RUS", Pair(Single("Ukraine rejected its gas deal with Russia.", "2013-11-22", WorldEventType.AgreementDenounced)));

    // Visits.
    [Fact]
    public void a_mediation_mission_due_to_arrive_is_a_planned_visit()
    {
        var e = Single("A mediation mission from the African Union is due to arrive in Sudan on Thursday.", "2023-04-25", WorldEventType.DelegationVisited);
        Assert.Equal(("AU->SDN", Modality.Planned), (Pair(e), e.Modality));
        Assert.Equal(EventDate.Day(new DateOnly(2023, 4, 27)), e.Date);
    }

    [Fact]
    public void a_peacekeeping_mission_arriving_is_no_visit() =>
        None("A peacekeeping mission from the African Union arrived in Sudan on Thursday.", "2023-04-25", WorldEventType.DelegationVisited);

    // Actors: a venue is no party; coordination through titles; pronouns.
    [Fact]
    public void a_venue_is_no_party()
    {
        var events = Extracted("Ethiopia and Kenya agreed to restore trade ties after talks in Djibouti.", "2022-04-06");
        Assert.DoesNotContain(events, e => e.Target == "DJI" || e.Parties.Contains("DJI"));
        Assert.Contains(events, e => e.Type == WorldEventType.CooperationResumptionAnnounced && Pair(e) == "ETH->KEN");
    }

    [Fact]
    public void leaders_named_by_title_and_apposition_are_coordinated()
    {
        var events = Extracted("Peru's president, Dina Boluarte, and Chile's President Gabriel Boric announced on Monday that they planned to restore trade ties.", "2023-05-03")
            .Where(e => e.Type == WorldEventType.CooperationResumptionAnnounced).ToList();
        Assert.Equal(["CHL->PER", "PER->CHL"], events.Select(Pair).Order().ToArray());
        Assert.All(events, e => Assert.Equal(EventDate.Day(new DateOnly(2023, 5, 1)), e.Date));
    }

    [Fact]
    public void a_possessive_without_its_title_is_no_coordination()
    {
        var events = Extracted("Peru's decision, made in haste, and Chile protested against the move to restore trade ties.", "2023-05-03");
        Assert.DoesNotContain(events, e => e.Type == WorldEventType.CooperationResumptionAnnounced && Pair(e) == "PER->CHL");
    }

    [Fact]
    public void it_is_the_doer_of_the_sentence_before_and_shares_its_day()
    {
        var e = Single("The African Union's council met on Thursday. It suspended Mali's membership with immediate effect.", "2021-06-05", WorldEventType.CooperationSuspended);
        Assert.Equal("AU->MLI", Pair(e));
        Assert.Equal(EventDate.Day(new DateOnly(2021, 6, 3)), e.Date);
    }

    [Fact]
    public void he_is_the_person_last_named()
    {
        var e = Single("Emmanuel Macron spoke to reporters in Paris. He later recalled his ambassador to Niger.", "2023-08-01", WorldEventType.AmbassadorRecalled);
        Assert.Equal("FRA->NER", Pair(e));
    }

    // Coups.
    [Fact]
    public void a_state_setting_a_reaction_is_not_the_coups_country()
    {
        var coups = Extracted("Soldiers in Guinea seized power on Sunday. In Senegal, the president condemned the coup.", "2021-09-07").Where(e => e.Type == WorldEventType.CoupOccurred);
        Assert.Equal(["GIN"], coups.Select(e => e.Source!).Distinct().ToArray());
    }

    [Fact]
    public void a_leader_reacting_to_a_coup_is_not_its_country()
    {
        var coups = Extracted("Soldiers in Guinea seized power on Sunday. Emmanuel Macron condemned the coup.", "2021-09-07").Where(e => e.Type == WorldEventType.CoupOccurred);
        Assert.DoesNotContain(coups, e => e.Source == "FRA");
    }

    [Fact]
    public void a_threatened_overthrow_is_no_coup() =>
        None("Rebels said they would topple the government of Chad.", "2021-04-20", WorldEventType.CoupOccurred);

    [Fact]
    public void the_country_after_a_place_named_in_the_sentence_is_that_place()
    {
        var e = Single("Facing a similar crisis in Bolivia in 2019, the United States imposed sanctions on the country.", "2024-01-10", WorldEventType.SanctionsImposed);
        Assert.Equal("USA->BOL", Pair(e));
    }

    [Fact]
    public void troops_sent_nowhere_named_went_where_the_sentence_is_told_from()
    {
        var e = Single("Officials in Bamako said on Monday that Russia had sent troops and equipment.", "2021-12-28", WorldEventType.TroopsDeployed);
        Assert.Equal("RUS->MLI", Pair(e));
    }

    [Fact]
    public void troops_sent_to_a_named_place_went_there() =>
        Assert.Equal("RUS->CAF", Pair(Single("Officials in Bamako said that Russia had sent troops to the Central African Republic.", "2021-12-28", WorldEventType.TroopsDeployed)));

    [Fact]
    public void the_regional_bloc_is_the_last_bloc_not_a_world_body()
    {
        var e = Single("ECOWAS leaders met in Accra. The UN urged restraint. A mediation mission from the regional bloc is due to arrive in Mali on Thursday.", "2021-05-25", WorldEventType.DelegationVisited);
        Assert.Equal("ECOWAS->MLI", Pair(e));
    }

    [Fact]
    public void a_vow_to_attack_is_a_threat()
    {
        var e = Single("A senior commander of North Korea vowed that they would attack South Korean military bases.", "2023-04-01", WorldEventType.ThreatOfForce);
        Assert.Equal("PRK->KOR", Pair(e));
    }

    [Fact]
    public void a_vow_to_talk_is_no_threat() =>
        None("A senior commander of North Korea vowed that they would talk to South Korea.", "2023-04-01", WorldEventType.ThreatOfForce);

    [Fact]
    public void an_ambassador_withdrawn_there_is_recalled_from_the_place_named()
    {
        var e = Single("Nicaragua said it would close its embassy in Taiwan and withdraw its ambassador there.", "2021-12-10", WorldEventType.AmbassadorRecalled);
        Assert.Equal("NIC->TWN", Pair(e));
    }

    [Fact]
    public void an_ambassador_staying_there_is_not_recalled() =>
        None("Nicaragua said it would keep its embassy in Taiwan and its ambassador there.", "2021-12-10", WorldEventType.AmbassadorRecalled);

    [Fact]
    public void that_year_is_the_year_the_story_last_stated()
    {
        var e = Single("Peru recalled its ambassador from Mexico in 2019. Chile broke off ties with Bolivia later that year.", "2024-01-10", WorldEventType.TiesSevered);
        Assert.Equal(EventDate.Year(2019), e.Date);
    }

    [Fact]
    public void that_year_with_no_year_stated_dates_nothing() =>
        Assert.Equal(DatePrecision.Unknown, Single("Chile broke off ties with Bolivia later that year.", "2024-01-10", WorldEventType.TiesSevered).Date.Precision);

    [Fact]
    public void an_exit_named_after_it_took_effect_is_the_exit_itself()
    {
        var events = Extracted("The Gambia left the Commonwealth on Thursday. Critics said on Friday that the Gambia's withdrawal from the Commonwealth was a mistake.", "2013-10-05");
        Assert.Single(events, e => e.Type == WorldEventType.BlocExited);
        Assert.DoesNotContain(events, e => e.Type == WorldEventType.BlocExitAnnounced);
    }

    [Fact]
    public void an_exit_announced_before_it_took_effect_stays_an_announcement()
    {
        var events = Extracted("On 2 October the Gambia announced its withdrawal from the Commonwealth. The Gambia left the Commonwealth on Thursday.", "2013-10-05");
        Assert.Single(events, e => e.Type == WorldEventType.BlocExitAnnounced);
        Assert.Single(events, e => e.Type == WorldEventType.BlocExited);
    }
}
