using Monitoring.Extraction.Actors;

namespace Monitoring.Extraction.Tests;

public sealed class ActorLookupTests
{
    [Theory]
    [InlineData("Niger", "NER")]
    [InlineData("NER", "NER")]
    [InlineData("ner", "NER")]
    [InlineData("NE", "NER")]
    [InlineData("United States", "USA")]
    [InlineData("the United States", "USA")]
    [InlineData("US", "USA")]
    [InlineData("Nigeria", "NGA")]
    [InlineData("Ivory Coast", "CIV")]
    [InlineData("ECOWAS", "ECOWAS")]
    [InlineData("the Taliban", "TALIBAN")]
    [InlineData("the Kremlin", "RUS")]
    public void a_typed_name_or_code_is_an_actor_code(string input, string code)
    {
        var r = ActorLookup.Default.Lookup(input);
        Assert.Null(r.Error);
        Assert.Equal(code, r.Code);
    }

    [Fact]
    public void an_unknown_name_is_an_error_naming_the_closest_matches()
    {
        var r = ActorLookup.Default.Lookup("Nigerr");
        Assert.False(r.Found);
        Assert.Contains("unknown actor 'Nigerr'", r.Error);
        Assert.Contains(r.Closest, c => c.EndsWith("(NGA)", StringComparison.Ordinal));
        Assert.Contains(r.Closest, c => c.EndsWith("(NER)", StringComparison.Ordinal));
    }

    [Fact]
    public void a_context_bound_phrase_resolves_only_inside_an_article()
    {
        var r = ActorLookup.Default.Lookup("the former colonial power");
        Assert.False(r.Found);
        Assert.Contains("only inside an article", r.Error);
    }

    [Fact]
    public void a_city_is_no_actor_to_look_up() => Assert.False(ActorLookup.Default.Lookup("Kharkiv").Found);
}

public sealed class ActorPlaceTests
{
    private static Resolution Resolve(string phrase) => ActorResolver.Default.ResolveAll(phrase, new DateOnly(2024, 3, 1), null, null);

    [Fact]
    public void a_capital_after_in_is_a_place_and_acts_otherwise()
    {
        Assert.Equal(("NGA", "place"), (Resolve("at a summit in Abuja").Actors[0].Code, Resolve("at a summit in Abuja").Actors[0].Role));
        Assert.Equal(("NGA", "actor"), (Resolve("Abuja said").Actors[0].Code, Resolve("Abuja said").Actors[0].Role));
    }

    [Fact]
    public void a_qualifier_after_a_comma_chooses_the_country()
    {
        Assert.Equal("FRA", Resolve("Paris").Actors[0].Code);
        var texas = Assert.Single(Resolve("Paris, Texas").Actors);
        Assert.Equal(("USA", "place"), (texas.Code, texas.Role));
    }

    [Fact]
    public void a_non_state_actor_names_its_state_without_being_it()
    {
        var h = Assert.Single(Resolve("Hezbollah").Actors);
        Assert.Equal(("HEZBOLLAH", "LBN"), (h.Code, h.Country));
    }

    [Fact]
    public void cities_never_enter_article_extraction()
    {
        var mentions = ActorResolver.Default.FindMentions("Fighting in Kharkiv and Lagos continued, Kyiv said.");
        Assert.Equal(["UKR"], mentions.Select(m => m.Code));
    }

    [Fact]
    public void a_place_never_hides_an_actor_starting_inside_it()
    {
        // "Lake Chad Basin Commission" is an organisation although "Lake Chad" is a place.
        Assert.Equal("LCBC", Resolve("the Lake Chad Basin Commission").Actors[0].Code);
    }

    [Fact]
    public void a_person_acts_for_whom_they_served_on_the_date()
    {
        Assert.Equal("EU", ActorResolver.Default.ResolveAll("Donald Tusk", new DateOnly(2016, 1, 1), null, null).Actors[0].Code);
        Assert.Equal("POL", ActorResolver.Default.ResolveAll("Donald Tusk", new DateOnly(2024, 6, 1), null, null).Actors[0].Code);
    }

    /// <summary>
    /// People who served two actors: the article's date chooses. Tasmagambetov was
    /// Kazakhstan's defence minister before leading the CSTO, Faki Chad's foreign minister before chairing the AU
    /// Commission, Waqa Nauru's president before leading the Pacific Islands Forum secretariat; Deng Alor was Sudan's foreign minister
    /// before South Sudan's independence and South Sudan's after it (one person, two states).
    /// </summary>
    [Theory]
    [InlineData("Imangali Tasmagambetov", "2015-06-01", "KAZ")]
    [InlineData("Imangali Tasmagambetov", "2024-06-01", "CSTO")]
    [InlineData("Moussa Faki Mahamat", "2012-06-01", "TCD")]
    [InlineData("Moussa Faki Mahamat", "2020-06-01", "AU")]
    [InlineData("Baron Waqa", "2016-06-01", "NRU")]
    [InlineData("Baron Waqa", "2025-06-01", "PIF")]
    [InlineData("Deng Alor", "2009-06-01", "SDN")]
    [InlineData("Deng Alor", "2017-06-01", "SSD")]
    public void a_person_who_served_two_actors_acts_for_the_one_of_the_date(string name, string date, string code) =>
        Assert.Equal(code, ActorResolver.Default.ResolveAll(name, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), null, null).Actors[0].Code);
}
