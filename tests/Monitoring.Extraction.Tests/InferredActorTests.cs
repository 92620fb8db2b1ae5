using Monitoring.Domain;
using static Monitoring.Extraction.Tests.Helpers;

namespace Monitoring.Extraction.Tests;

/// <summary>An event says when one of its actors was read from context rather than named where the event is: the review queue asks an analyst to look.</summary>
public sealed class InferredActorTests
{
    [Fact]
    public void an_actor_read_from_a_context_phrase_is_marked_inferred()
    {
        var e = Single("Bamako, 3 May 2022. Mali's junta ended its defence accords with France. On Monday Mali expelled the ambassador of the former colonial power.",
            "2022-05-03", WorldEventType.AmbassadorExpelled);
        Assert.Equal(("MLI", "FRA"), (e.Source, e.Target));
        Assert.True(e.ActorsInferred);
    }

    [Fact]
    public void the_same_event_with_its_actors_named_is_not()
    {
        var e = Single("Bamako, 3 May 2022. Mali's junta ended its defence accords with France. On Monday Mali expelled the French ambassador.",
            "2022-05-03", WorldEventType.AmbassadorExpelled);
        Assert.False(e.ActorsInferred);
    }

    [Fact]
    public void elsewhere_too_a_context_phrase_marks_the_actor_and_a_name_does_not()
    {
        var inferred = Single("Algiers, 3 May 2022. Algeria's government criticised Spain. On Monday Algeria recalled its ambassador from the former colonial power.",
            "2022-05-03", WorldEventType.AmbassadorRecalled);
        var named = Single("Algiers, 3 May 2022. Algeria's government criticised France. On Monday Algeria recalled its ambassador from Paris.",
            "2022-05-03", WorldEventType.AmbassadorRecalled);
        Assert.Equal(("DZA", "FRA"), (inferred.Source, inferred.Target));
        Assert.True(inferred.ActorsInferred);
        Assert.False(named.ActorsInferred);
    }
}
