using Monitoring.Domain;
using static Monitoring.Extraction.Tests.Helpers;

namespace Monitoring.Extraction.Tests;

/// <summary>Each rule family: a sentence that must fire and a near miss that must not. Sentences about other Sahel cases than the seeds.</summary>
public sealed class RuleTests
{
    [Fact]
    public void mali_expelling_the_french_ambassador_is_an_expulsion()
    {
        var e = Single("Mali's transitional government on Monday expelled the French ambassador, giving him 72 hours to leave the country.", "2022-02-01", WorldEventType.AmbassadorExpelled);
        Assert.Equal(("MLI", "FRA"), (e.Source, e.Target));
        Assert.Equal(EventDate.Day(new DateOnly(2022, 1, 31)), e.Date);
    }

    [Fact]
    public void a_denied_expulsion_is_no_event() =>
        None("Mali denied reports that it had expelled the French ambassador.", "2022-02-01", WorldEventType.AmbassadorExpelled);

    [Fact]
    public void eu_suspending_security_cooperation_with_niger()
    {
        var e = Single("The European Union suspended budget support and security cooperation with Niger on 29 July.", "2023-08-02", WorldEventType.CooperationSuspended);
        Assert.Equal(("EU", "NER"), (e.Source, e.Target));
        Assert.Equal(EventDate.Day(new DateOnly(2023, 7, 29)), e.Date);
        Assert.Contains("security", e.Area);
    }

    [Fact]
    public void a_conditional_suspension_is_no_event() =>
        None("The EU could suspend its aid to Niger if the junta refuses to restore order.", "2023-08-02", WorldEventType.CooperationSuspended);

    [Fact]
    public void chad_ending_its_defence_agreement_with_france()
    {
        var e = Single("Chad ended its defence cooperation agreement with France on 28 November 2024.", "2024-11-29", WorldEventType.AgreementDenounced);
        Assert.Equal(("TCD", "FRA"), (e.Source, e.Target));
        Assert.Equal(EventDate.Day(new DateOnly(2024, 11, 28)), e.Date);
    }

    [Fact]
    public void no_plans_to_end_an_agreement_is_no_denunciation() =>
        None("Chad said it had no plans to end its defence cooperation agreement with France.", "2024-06-01", WorldEventType.AgreementDenounced);

    [Fact]
    public void russia_deploying_africa_corps_to_niger()
    {
        var e = Single("Russia deployed Africa Corps instructors to Niger in April 2024.", "2024-05-02", WorldEventType.TroopsDeployed);
        Assert.Equal(("RUS", "NER"), (e.Source, e.Target));
        Assert.Equal(EventDate.Month(2024, 4), e.Date);
    }

    [Fact]
    public void russian_instructors_arriving_in_niamey()
    {
        var e = Single("Russian military instructors arrived in Niamey on Wednesday with an air defence system.", "2024-04-12", WorldEventType.TroopsDeployed);
        Assert.Equal(("RUS", "NER"), (e.Source, e.Target));
        Assert.Equal(EventDate.Day(new DateOnly(2024, 4, 10)), e.Date);
    }

    [Fact]
    public void a_denied_deployment_is_no_event() =>
        None("Russia has not deployed troops to Niger, the Kremlin said.", "2024-04-12", WorldEventType.TroopsDeployed);

    [Fact]
    public void ecowas_lifting_sanctions_on_niger()
    {
        var e = Single("ECOWAS lifted most of the sanctions on Niger on 24 February 2024.", "2024-02-26", WorldEventType.SanctionsLifted);
        Assert.Equal(("ECOWAS", "NER"), (e.Source, e.Target));
        Assert.Equal(EventDate.Day(new DateOnly(2024, 2, 24)), e.Date);
    }

    [Fact]
    public void a_conditional_lifting_means_sanctions_hold()
    {
        var text = "ECOWAS said it would only lift sanctions on Niger if the junta released Bazoum.";
        None(text, "2023-11-10", WorldEventType.SanctionsLifted);
        var e = Single(text, "2023-11-10", WorldEventType.SanctionsInForce);
        Assert.Equal(("ECOWAS", "NER"), (e.Source, e.Target));
        Assert.Equal(EventDate.Day(new DateOnly(2023, 11, 10)), e.Date);
    }

    [Fact]
    public void sanctions_remaining_in_force_are_an_observation()
    {
        var e = Single("ECOWAS sanctions on Guinea remain in force, diplomats said.", "2022-10-05", WorldEventType.SanctionsInForce);
        Assert.Equal(("ECOWAS", "GIN"), (e.Source, e.Target));
        Assert.Equal(EventDate.Day(new DateOnly(2022, 10, 5)), e.Date);
    }

    [Fact]
    public void sahel_states_announcing_exit_from_ecowas()
    {
        var events = Extracted("Mali, Burkina Faso and Niger announced their immediate withdrawal from ECOWAS on 28 January 2024.", "2024-01-29")
            .Where(e => e.Type == WorldEventType.BlocExitAnnounced).ToList();
        Assert.Equal(["BFA", "MLI", "NER"], events.Select(e => e.Source!).Order());
        Assert.All(events, e => Assert.Equal("ECOWAS", e.Target));
        Assert.All(events, e => Assert.Equal(EventDate.Day(new DateOnly(2024, 1, 28)), e.Date));
    }

    [Fact]
    public void sahel_states_leaving_ecowas_is_an_exit()
    {
        var events = Extracted("Mali, Burkina Faso and Niger formally left ECOWAS on 29 January 2025.", "2025-01-30").Where(e => e.Type == WorldEventType.BlocExited).ToList();
        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Equal(Modality.Asserted, e.Modality));
    }

    [Fact]
    public void no_intention_of_leaving_a_bloc_is_no_event()
    {
        var text = "Senegal has no intention of leaving ECOWAS, its foreign minister said.";
        None(text, "2024-02-01", WorldEventType.BlocExitAnnounced);
        None(text, "2024-02-01", WorldEventType.BlocExited);
    }

    [Fact]
    public void burkina_giving_french_troops_a_month_to_leave()
    {
        var e = Single("Burkina Faso's junta gave French troops one month to leave the country in January 2023.", "2023-02-20", WorldEventType.WithdrawalDemanded);
        Assert.Equal(("BFA", "FRA"), (e.Source, e.Target));
        Assert.Equal(EventDate.Month(2023, 1), e.Date);
    }

    [Fact]
    public void not_asking_troops_to_leave_is_no_demand() =>
        None("Burkina Faso has not asked French troops to leave, the government spokesman said.", "2023-01-10", WorldEventType.WithdrawalDemanded);

    [Fact]
    public void the_last_french_soldiers_leaving_mali()
    {
        var e = Single("The last French soldiers left Mali on 15 August 2022.", "2022-08-16", WorldEventType.WithdrawalCompleted);
        Assert.Equal(("FRA", "MLI"), (e.Source, e.Target));
        Assert.Equal(EventDate.Day(new DateOnly(2022, 8, 15)), e.Date);
    }

    [Fact]
    public void troops_that_could_leave_did_not() =>
        None("French troops could leave Chad if the agreement is not renewed.", "2024-06-01", WorldEventType.WithdrawalCompleted);

    [Fact]
    public void france_announcing_it_would_withdraw_from_niger()
    {
        var e = Single("France announced on Sunday that it would withdraw its troops from Niger by the end of the year.", "2023-09-25", WorldEventType.WithdrawalAnnounced);
        Assert.Equal(("FRA", "NER"), (e.Source, e.Target));
        Assert.Equal(Modality.Planned, e.Modality);
        Assert.Equal(EventDate.Day(new DateOnly(2023, 9, 24)), e.Date);
    }

    [Fact]
    public void french_troops_completing_withdrawal_by_a_date_is_expected()
    {
        var e = Single("Niger's military said that French troops would complete the withdrawal by December 22.", "2023-12-13", WorldEventType.WithdrawalCompleted);
        Assert.Equal(("FRA", "NER"), (e.Source, e.Target));
        Assert.Equal(Modality.Expected, e.Modality);
        Assert.Equal(EventDate.Day(new DateOnly(2023, 12, 22)), e.Date);
    }

    [Fact]
    public void withdrawal_that_is_not_an_option_is_no_event()
    {
        var events = Extracted("Washington has said withdrawal is not an option and could not confirm a withdrawal of troops.", "2024-03-19");
        Assert.DoesNotContain(events, e => e.Type is WorldEventType.WithdrawalCompleted or WorldEventType.WithdrawalAgreed or WorldEventType.WithdrawalAnnounced);
    }

    [Fact]
    public void us_troops_beginning_to_withdraw()
    {
        var e = Single("US troops began withdrawing from Niger on 7 July 2024.", "2024-07-08", WorldEventType.WithdrawalStarted);
        Assert.Equal(("USA", "NER"), (e.Source, e.Target));
    }

    [Fact]
    public void agreeing_on_a_withdrawal()
    {
        var e = Single("The United States and Niger agreed on the withdrawal of US forces.", "2024-05-20", WorldEventType.WithdrawalAgreed);
        Assert.Equal(("USA", "NER"), (e.Source, e.Target));
    }

    [Fact]
    public void mali_cutting_diplomatic_ties_with_ukraine()
    {
        var e = Single("Mali cut diplomatic ties with Ukraine on 4 August 2024.", "2024-08-05", WorldEventType.TiesSevered);
        Assert.Equal(("MLI", "UKR"), (e.Source, e.Target));
        Assert.Equal("diplomatic", e.Area);
    }

    [Fact]
    public void threatening_to_cut_ties_is_no_rupture() =>
        None("Mali threatened to cut ties with Ukraine.", "2024-08-01", WorldEventType.TiesSevered);

    [Fact]
    public void burkina_coup_with_its_date()
    {
        var e = Single("Burkina Faso's army captain Ibrahim Traoré seized power in a coup on 30 September 2022.", "2022-10-02", WorldEventType.CoupOccurred);
        Assert.Equal("BFA", e.Source);
        Assert.Equal(EventDate.Day(new DateOnly(2022, 9, 30)), e.Date);
    }

    [Fact]
    public void a_foiled_coup_attempt_is_no_coup() =>
        None("Authorities in Burkina Faso said they had foiled a coup attempt.", "2023-09-28", WorldEventType.CoupOccurred);

    [Fact]
    public void sudan_coup_by_month()
    {
        var e = Single("Sudan's army seized power in October 2021, ending the transition.", "2022-01-10", WorldEventType.CoupOccurred);
        Assert.Equal("SDN", e.Source);
        Assert.Equal(EventDate.Month(2021, 10), e.Date);
    }

    [Fact]
    public void ecowas_beginning_negotiations_with_mali()
    {
        var e = Single("ECOWAS began negotiations with Mali's junta on a transition timetable.", "2022-03-01", WorldEventType.TalksOpened);
        Assert.Equal(["ECOWAS", "MLI"], e.Parties);
    }

    [Fact]
    public void being_open_to_negotiations_is_no_talks() =>
        None("Mali said it was open to negotiations with ECOWAS.", "2022-03-01", WorldEventType.TalksOpened);

    [Fact]
    public void ecowas_threatening_intervention_in_niger()
    {
        var e = Single("ECOWAS threatened military intervention in Niger to restore President Bazoum.", "2023-08-05", WorldEventType.ThreatOfForce);
        Assert.Equal(("ECOWAS", "NER"), (e.Source, e.Target));
    }

    [Fact]
    public void washington_planning_to_resume_aid_to_chad()
    {
        var e = Single("Washington plans to resume military aid to Chad, the State Department said.", "2024-09-10", WorldEventType.CooperationResumptionAnnounced);
        Assert.Equal(("USA", "TCD"), (e.Source, e.Target));
        Assert.Equal(Modality.Planned, e.Modality);
        Assert.Equal(DatePrecision.Unknown, e.Date.Precision);
    }

    [Fact]
    public void pushing_to_resume_aid_is_no_announcement() =>
        None("Washington is pushing to resume military aid to Chad.", "2024-09-10", WorldEventType.CooperationResumptionAnnounced);

    [Fact]
    public void sahel_states_signing_the_alliance_charter()
    {
        var e = Single("Mali, Burkina Faso and Niger signed the Liptako-Gourma Charter establishing the Alliance of Sahel States on 16 September 2023.", "2023-09-17", WorldEventType.AgreementSigned);
        Assert.Equal(["BFA", "MLI", "NER"], e.Parties);
        Assert.Equal(EventDate.Day(new DateOnly(2023, 9, 16)), e.Date);
    }

    [Fact]
    public void france_keeping_troops_in_chad_is_a_presence_report()
    {
        var e = Single("France still has around 1,000 soldiers in Chad.", "2024-06-03", WorldEventType.TroopPresenceReported);
        Assert.Equal(("FRA", "TCD", 1000), (e.Source, e.Target, e.Count));
        Assert.Equal(EventDate.Day(new DateOnly(2024, 6, 3)), e.Date);
    }

    [Fact]
    public void money_is_not_a_troop_count() =>
        None("The United States built a drone base in Agadez that cost $110 million, with 1,000 workers.", "2024-03-19", WorldEventType.TroopPresenceReported);

    [Fact]
    public void a_russian_minister_visiting_niamey()
    {
        var e = Single("Russian Deputy Defence Minister Yunus-Bek Yevkurov visited Niamey on 3 December 2023.", "2023-12-05", WorldEventType.DelegationVisited);
        Assert.Equal(("RUS", "NER"), (e.Source, e.Target));
        Assert.Equal(EventDate.Day(new DateOnly(2023, 12, 3)), e.Date);
    }

    [Fact]
    public void a_visit_that_did_not_happen_is_no_event() =>
        None("The US envoy did not visit Niamey.", "2023-12-05", WorldEventType.DelegationVisited);

    [Fact]
    public void algeria_recalling_its_ambassador_from_mali()
    {
        var e = Single("Algeria recalled its ambassador from Mali on Monday.", "2024-01-03", WorldEventType.AmbassadorRecalled);
        Assert.Equal(("DZA", "MLI"), (e.Source, e.Target));
    }

    [Fact]
    public void a_place_is_not_an_actor()
    {
        var e = Single("In Niger, the EU suspended its budget support.", "2023-08-02", WorldEventType.CooperationSuspended);
        Assert.Equal(("EU", "NER"), (e.Source, e.Target));
    }

    [Fact]
    public void forces_expelled_by_the_junta_is_a_demand_by_the_junta()
    {
        var e = Single("Burkina Faso's junta has moved closer to Moscow. French forces in the region have been expelled by the junta.", "2023-03-01", WorldEventType.WithdrawalDemanded);
        Assert.Equal(("BFA", "FRA"), (e.Source, e.Target));
    }

    [Fact]
    public void an_opinion_is_no_event() =>
        Assert.Empty(Extracted("Security cooperation between France and Chad is mutually beneficial, Paris said on Monday.", "2024-06-04"));

    [Fact]
    public void reported_speech_gives_the_event_to_its_doer()
    {
        var e = Single("The State Department said on Tuesday that Mali had expelled the French ambassador.", "2022-02-02", WorldEventType.AmbassadorExpelled);
        Assert.Equal(("MLI", "FRA"), (e.Source, e.Target));
    }

    [Fact]
    public void an_event_stated_twice_is_one_event_with_both_evidences()
    {
        var events = Extracted("Chad ended its defence cooperation agreement with France on 28 November 2024. N'Djamena said it had decided to end the defence cooperation agreement with France.", "2024-11-29");
        var e = Assert.Single(events, e => e.Type == WorldEventType.AgreementDenounced);
        Assert.Equal(2, e.Evidence.Count);
        Assert.Equal(EventDate.Day(new DateOnly(2024, 11, 28)), e.Date);
    }

    [Fact]
    public void a_date_in_the_next_sentence_dates_the_statement()
    {
        var e = Single("Mali's junta announced that it is terminating its defence agreement with France.\n\nThis statement was read on state television on Monday evening.", "2022-05-03", WorldEventType.AgreementDenounced);
        Assert.Equal(EventDate.Day(new DateOnly(2022, 5, 2)), e.Date);
        Assert.Equal(2, e.Evidence.Count);
    }

    [Fact]
    public void after_the_coup_bounds_an_undated_event()
    {
        var events = Extracted("Soldiers ousted President Roch Kaboré of Burkina Faso in a coup on 24 January 2022. After the coup, the EU suspended its budget support to Burkina Faso.", "2022-03-01");
        var e = Assert.Single(events, e => e.Type == WorldEventType.CooperationSuspended);
        Assert.Equal(DatePrecision.Unknown, e.Date.Precision);
        Assert.Equal(new DateOnly(2022, 1, 24), e.Date.NotBefore);
    }

    [Fact]
    public void nothing_silently_takes_the_publication_date()
    {
        var e = Single("The EU suspended budget support to Mali.", "2022-03-01", WorldEventType.CooperationSuspended);
        Assert.Null(e.Date.Value);
        Assert.Equal(DatePrecision.Unknown, e.Date.Precision);
    }

    [Fact]
    public void rules_have_ids_versions_and_confidences()
    {
        Assert.All(Monitoring.Extraction.Events.Rules.RuleBook.All, r => Assert.Matches(@"^[a-z]+(\.[a-z]+)+$", r.Id));
        Assert.Equal(Monitoring.Extraction.Events.Rules.RuleBook.All.Count, Monitoring.Extraction.Events.Rules.RuleBook.All.Select(r => r.Id).Distinct().Count());
        var e = Single("Chad ended its defence cooperation agreement with France on 28 November 2024.", "2024-11-29", WorldEventType.AgreementDenounced);
        Assert.InRange(e.Confidence, 0.05, 0.99);
        Assert.Equal("agreement.denounced.verb", e.RuleId);
    }

    [Fact]
    public void pulling_out_of_a_country_is_a_withdrawal()
    {
        var e = Single("France pulled out of Mali in August 2022 after nine years.", "2023-01-10", WorldEventType.WithdrawalCompleted);
        Assert.Equal(("FRA", "MLI"), (e.Source, e.Target));
        Assert.Equal(EventDate.Month(2022, 8), e.Date);
    }

    [Fact]
    public void withdrawing_from_talks_is_no_troop_withdrawal() =>
        None("Mali withdrew from the talks in Algiers.", "2023-01-10", WorldEventType.WithdrawalCompleted);

    [Fact]
    public void a_question_asserts_nothing() =>
        Assert.Empty(Extracted("Will France withdraw its troops from Chad?", "2024-06-01"));

    [Fact]
    public void a_past_troop_count_without_date_is_no_observation() =>
        None("France had 5,100 troops in the Sahel at the height of Operation Barkhane.", "2024-06-01", WorldEventType.TroopPresenceReported);

    [Fact]
    public void the_year_of_a_coup_dates_it_but_the_year_of_an_agreement_does_not()
    {
        var events = Extracted("Since the 2021 coup in Mali, relations have soured. The junta denounced the 2014 defence agreement with France on Monday.", "2022-05-03");
        Assert.Equal(EventDate.Year(2021), Assert.Single(events, e => e.Type == WorldEventType.CoupOccurred).Date);
        Assert.Equal(EventDate.Day(new DateOnly(2022, 5, 2)), Assert.Single(events, e => e.Type == WorldEventType.AgreementDenounced).Date);
    }

    [Fact]
    public void an_ultimatum_is_a_threat_of_force()
    {
        var e = Single("ECOWAS gave the junta in Niger a week to reinstate the president or face possible military intervention.", "2023-07-31", WorldEventType.ThreatOfForce);
        Assert.Equal(("ECOWAS", "NER"), (e.Source, e.Target));
    }

    [Fact]
    public void an_opening_date_dates_every_predicate()
    {
        var events = Extracted("In January 2023, Burkina Faso's military government ordered French troops to leave the country and terminated a 2018 military accord with Paris.", "2024-01-26");
        Assert.Equal(EventDate.Month(2023, 1), Assert.Single(events, e => e.Type == WorldEventType.WithdrawalDemanded).Date);
        Assert.Equal(EventDate.Month(2023, 1), Assert.Single(events, e => e.Type == WorldEventType.AgreementDenounced).Date);
    }

    [Fact]
    public void terminating_assistance_is_a_suspension()
    {
        var e = Single("Washington terminated most of its assistance to Niger in October 2023.", "2023-11-01", WorldEventType.CooperationSuspended);
        Assert.Equal(("USA", "NER"), (e.Source, e.Target));
        Assert.Equal(EventDate.Month(2023, 10), e.Date);
    }

    [Fact]
    public void agreeing_to_strengthen_cooperation_is_an_agreement()
    {
        var e = Single("Niger and Russia agreed to strengthen military cooperation on Monday.", "2024-01-17", WorldEventType.AgreementSigned);
        Assert.Equal(["NER", "RUS"], e.Parties);
    }

    [Fact]
    public void talks_between_two_sides_beginning()
    {
        var e = Single("Talks between ECOWAS and Mali's junta began in Bamako on Monday.", "2022-03-02", WorldEventType.TalksOpened);
        Assert.Equal(["ECOWAS", "MLI"], e.Parties);
        Assert.Equal(EventDate.Day(new DateOnly(2022, 2, 28)), e.Date);
    }

    [Fact]
    public void talks_that_never_began_are_no_event() =>
        None("Talks between ECOWAS and Mali's junta never began.", "2022-03-02", WorldEventType.TalksOpened);

    [Fact]
    public void a_host_of_foreign_troops_is_their_place()
    {
        var e = Single("Niger currently hosts about 1,000 US troops.", "2024-03-20", WorldEventType.TroopPresenceReported);
        Assert.Equal(("USA", "NER", 1000), (e.Source, e.Target, e.Count));
    }

    [Fact]
    public void asking_a_state_to_withdraw_its_troops_is_a_demand()
    {
        var e = Single("Burkina Faso's junta asked France to withdraw its troops within a month.", "2023-01-24", WorldEventType.WithdrawalDemanded);
        Assert.Equal(("BFA", "FRA"), (e.Source, e.Target));
    }

    [Fact]
    public void a_withdrawal_stated_completed_in_the_passive()
    {
        var e = Single("The withdrawal of French troops from Mali was completed in August 2022.", "2023-01-10", WorldEventType.WithdrawalCompleted);
        Assert.Equal(("FRA", "MLI"), (e.Source, e.Target));
        Assert.Equal(EventDate.Month(2022, 8), e.Date);
    }

    [Fact]
    public void a_states_decision_makes_it_the_doer()
    {
        var e = Single("Mali's decision to expel the French ambassador was announced on state television on Monday.", "2022-02-01", WorldEventType.AmbassadorExpelled);
        Assert.Equal(("MLI", "FRA"), (e.Source, e.Target));
    }

    [Theory]
    [InlineData("Paris said a withdrawal of its troops from Chad was not on the agenda.")]
    [InlineData("The Pentagon could not confirm whether Russian troops had arrived in Niger.")]
    [InlineData("Washington insists that its troops will stay in Niger.")]
    [InlineData("Mali has denied that it expelled any French diplomats.")]
    [InlineData("Security cooperation with Chad remains strong and mutually beneficial, Paris said.")]
    [InlineData("If France refuses to leave, Niger will take measures.")]
    [InlineData("The Kremlin denied sending troops to Mali.")]
    [InlineData("US officials warned that Russia could deploy troops to Niger.")]
    [InlineData("Chad has not ruled out ending its defence pact with France.")]
    public void traps_produce_no_events(string sentence) =>
        Assert.True(Extracted(sentence, "2024-03-18").Count == 0, Describe(Extracted(sentence, "2024-03-18")));

    [Fact]
    public void considering_lifting_sanctions_means_they_hold()
    {
        var events = Extracted("ECOWAS is considering lifting sanctions on Mali.", "2024-03-18");
        var e = Assert.Single(events);
        Assert.Equal((WorldEventType.SanctionsInForce, "ECOWAS", "MLI"), (e.Type, e.Source, e.Target));
    }

    [Fact]
    public void sanctions_maintained_in_the_past_are_no_observation_today() =>
        None("ECOWAS maintained sanctions on Niger for seven months.", "2024-06-01", WorldEventType.SanctionsInForce);

    [Fact]
    public void an_agreement_signed_between_two_states()
    {
        var e = Single("A military cooperation agreement was signed between Burkina Faso and Russia on Friday.", "2024-01-22", WorldEventType.AgreementSigned);
        Assert.Equal(["BFA", "RUS"], e.Parties);
        Assert.Equal(EventDate.Day(new DateOnly(2024, 1, 19)), e.Date);
    }

    [Fact]
    public void demanding_that_troops_leave()
    {
        var e = Single("Niger's junta demanded that US troops leave the country as soon as possible.", "2024-04-01", WorldEventType.WithdrawalDemanded);
        Assert.Equal(("NER", "USA"), (e.Source, e.Target));
        None("Niger's junta demanded that US troops leave the country as soon as possible.", "2024-04-01", WorldEventType.WithdrawalCompleted);
    }
}
