using Monitoring.Domain;
using Monitoring.Extraction.Actors;
using static Monitoring.Extraction.Tests.Helpers;

namespace Monitoring.Extraction.Tests;

public sealed class ActorResolverTests
{
    private static string[] Codes(string phrase, string? subject = null, string? bloc = null) =>
        ActorResolver.Default.Resolve(phrase, new DateOnly(2024, 3, 1), subject, bloc).Select(a => a.Code).ToArray();

    [Theory]
    [InlineData("Russian President Vladimir Putin", "RUS")]
    [InlineData("US assistant secretary of state Molly Phee", "USA")]
    [InlineData("Foreign Minister Robert Dussey of Togo", "TGO")]
    [InlineData("Washington", "USA")]
    [InlineData("the Pentagon", "USA")]
    [InlineData("the State Department", "USA")]
    [InlineData("the Kremlin", "RUS")]
    [InlineData("Niamey", "NER")]
    [InlineData("the CNSP", "NER")]
    [InlineData("Nigerien", "NER")]
    [InlineData("Nigerian", "NGA")]
    [InlineData("Nigeria", "NGA")]
    [InlineData("Guinea-Bissau", "GNB")]
    [InlineData("Guinea", "GIN")]
    [InlineData("the Economic Community of West African States", "ECOWAS")]
    [InlineData("Africa Corps", "RUS")]
    [InlineData("Bamako", "MLI")]
    [InlineData("N'Djamena", "TCD")]
    public void names_resolve_to_codes(string phrase, string code) => Assert.Equal(code, Codes(phrase).First());

    [Fact]
    public void us_in_lower_case_is_no_country() => Assert.Empty(Codes("tell us more about it"));

    [Fact]
    public void niger_is_not_found_inside_nigeria() => Assert.DoesNotContain("NER", Codes("Nigeria and Nigerians"));

    [Fact]
    public void a_person_called_chad_is_no_state()
    {
        Assert.Empty(Codes("Chad Smith said nothing"));
        Assert.Equal(["TCD"], Codes("Chad ended the agreement"));
    }

    [Theory]
    [InlineData("the junta", "NER")]
    [InlineData("the military government", "NER")]
    [InlineData("the military regime", "NER")]
    [InlineData("the coup leaders", "NER")]
    [InlineData("the West African country", "NER")]
    [InlineData("the country", "NER")]
    [InlineData("the former colonial power", "FRA")]
    public void context_phrases_resolve_through_the_subject(string phrase, string code) => Assert.Equal([code], Codes(phrase, subject: "NER"));

    [Fact]
    public void the_regional_bloc_is_the_last_named_bloc() => Assert.Equal(["ECOWAS"], Codes("the regional bloc", subject: "NER", bloc: "ECOWAS"));

    [Fact]
    public void context_without_discourse_resolves_to_nothing() => Assert.Empty(Codes("the junta"));

    [Fact]
    public void possessive_state_names_an_actor() => Assert.Equal(["NER"], Codes("Niger's new rulers"));

    [Fact]
    public void the_subject_of_an_article_is_the_host_of_the_events()
    {
        var e = Assert.Single(Extracted("The United States has some 1,000 soldiers in Mali. The junta denounced its agreement with the United States on Saturday.", "2024-03-18"),
            e => e.Type == WorldEventType.AgreementDenounced);
        Assert.Equal(("MLI", "USA"), (e.Source, e.Target));
    }

    [Fact]
    public void a_demonym_before_a_place_noun_is_no_actor()
    {
        var e = Single("Phee told reporters in the Nigerien capital that Washington plans to resume security cooperation with Niger.", "2023-12-13", WorldEventType.CooperationResumptionAnnounced);
        Assert.Equal(("USA", "NER"), (e.Source, e.Target));
    }

    [Fact]
    public void the_regional_authority_after_ecowas_acts_for_ecowas()
    {
        var events = Extracted("ECOWAS met in Abuja to discuss Niger. The regional authority imposed sanctions on Niger on 30 July.", "2023-08-01");
        var e = Assert.Single(events, e => e.Type == WorldEventType.SanctionsImposed);
        Assert.Equal(("ECOWAS", "NER"), (e.Source, e.Target));
    }
}

public sealed class ActorTrieTests
{
    /// <summary>
    /// The actor trie is keyed by upper-cased characters and proposes surfaces that an ordinal-ignore-case
    /// comparison then confirms: that is only lossless if every two characters equal ignoring case have the same
    /// upper case. Checked over the whole Basic Multilingual Plane.
    /// </summary>
    [Fact]
    public void characters_equal_ignoring_case_have_the_same_upper_case()
    {
        var buckets = new Dictionary<int, List<char>>();
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (char.IsSurrogate((char)c)) continue;
            var h = string.GetHashCode(((char)c).ToString(), StringComparison.OrdinalIgnoreCase);
            if (!buckets.TryGetValue(h, out var list)) buckets[h] = list = [];
            list.Add((char)c);
        }
        foreach (var list in buckets.Values)
            for (var x = 0; x < list.Count; x++)
                for (var y = x + 1; y < list.Count; y++)
                    if (string.Equals(list[x].ToString(), list[y].ToString(), StringComparison.OrdinalIgnoreCase))
                        Assert.Equal(char.ToUpperInvariant(list[x]), char.ToUpperInvariant(list[y]));
    }
}
