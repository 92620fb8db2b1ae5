using Monitoring.Extraction.Actors;
using Monitoring.GazetteerBuild;

namespace Monitoring.Extraction.Tests;

public sealed class ActorGazetteerTests
{
    private static string Root => Directory.GetParent(SeedEvaluationTests.SeedsDir)!.FullName;

    /// <summary>The committed gazetteer is what infra/gazetteer/generate.sh writes from the committed sources: nobody edited it by hand, nobody forgot to regenerate.</summary>
    [Fact]
    public void committed_gazetteer_is_generated_from_the_current_sources()
    {
        var generated = GazetteerBuilder.Build(Path.Combine(Root, "infra", "gazetteer"));
        var committed = File.ReadAllText(Path.Combine(Root, "src", "Monitoring.Extraction", "Data", "gazetteer.json")).ReplaceLineEndings("\n");
        Assert.True(generated == committed, "src/Monitoring.Extraction/Data/gazetteer.json is stale or edited by hand: run infra/gazetteer/generate.sh and commit it");
    }

    [Fact]
    public void embedded_gazetteer_covers_the_world()
    {
        var g = Gazetteer.Default;
        Assert.True(g.Entities.Count(e => e.Kind == "state") >= 195);
        Assert.True(g.Places.Count(p => p.Kind == "city") > 20_000, "GeoNames cities of 15,000 inhabitants or more");
        Assert.All(g.Entities.Where(e => e.Kind == "state"), e => Assert.NotNull(e.Iso2));
        Assert.True(g.People.Count >= 400);
        Assert.All(g.People, p => Assert.False(string.IsNullOrWhiteSpace(p.Source), $"{p.Name} has no source"));
    }

    [Fact]
    public void every_non_state_actor_names_the_state_it_operates_in_and_is_not_that_state()
    {
        var nonState = Gazetteer.Default.Entities.Where(e => e.Kind is "armed group" or "party" or "movement" or "de facto authority" or "breakaway region").ToList();
        Assert.True(nonState.Count >= 40);
        Assert.All(nonState, e =>
        {
            Assert.NotNull(e.Country);
            Assert.NotEqual(e.Country, e.Code);
            Assert.Equal(e.Code, e.Code.ToUpperInvariant());
            Assert.True(Gazetteer.Default.Find(e.Country!)?.IsState, $"{e.Code} operates in unknown state {e.Country}");
        });
    }

    [Fact]
    public void no_surface_names_two_actors()
    {
        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var clashes = new List<string>();
        foreach (var e in Gazetteer.Default.Entities)
            foreach (var s in new[] { e.Names, e.ShortNames, e.Demonyms, e.Capitals, e.Metonyms, e.Bodies }.SelectMany(x => x ?? []))
                if (owners.TryGetValue(s, out var o) && o != e.Code) clashes.Add($"{s}: {o} and {e.Code}");
                else owners[s] = e.Code;
        Assert.Empty(clashes);
    }
}
