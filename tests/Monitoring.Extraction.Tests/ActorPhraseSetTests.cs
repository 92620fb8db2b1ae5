using System.Globalization;
using Monitoring.Extraction.Actors;
using Xunit.Abstractions;

namespace Monitoring.Extraction.Tests;

/// <summary>
/// Monitor's own actor test set (Actors/actor-phrases.tsv): states, demonyms, capitals, metonyms, bodies, people with
/// dates, cities, non-state actors and traps from every continent, scored as one figure that must stay at 0.95 or more.
/// </summary>
public sealed class ActorPhraseSetTests(ITestOutputHelper output)
{
    private sealed record Case(string Section, string Phrase, string Expected, DateOnly Date);

    private static IReadOnlyList<Case> Cases()
    {
        var path = Path.Combine(Directory.GetParent(SeedEvaluationTests.SeedsDir)!.FullName, "tests", "Monitoring.Extraction.Tests", "Actors", "actor-phrases.tsv");
        var section = "";
        var cases = new List<Case>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal)) { section = line[3..]; continue; }
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cells = line.Split('\t');
            var date = cells.Length > 2 ? DateOnly.ParseExact(cells[2], "yyyy-MM-dd", CultureInfo.InvariantCulture) : new DateOnly(2024, 3, 1);
            cases.Add(new Case(section, cells[0], cells[1], date));
        }
        return cases;
    }

    /// <summary>What the resolver says of a phrase, in the notation of the test set.</summary>
    private static string Answer(string phrase, DateOnly date)
    {
        var r = ActorResolver.Default.ResolveAll(phrase, date, null, null);
        if (r.Actors.Count > 0) return (r.Actors[0].Role == "place" ? "@" : "") + r.Actors[0].Code;
        return r.Unresolved.Count > 0 ? "?" : "-";
    }

    [Fact]
    public void the_actor_test_set_scores_at_least_95_percent()
    {
        var cases = Cases();
        Assert.True(cases.Count >= 400, $"{cases.Count} phrases");
        var wrong = cases.Select(c => (c, got: Answer(c.Phrase, c.Date))).Where(x => x.got != x.c.Expected).ToList();
        var score = 1.0 - (double)wrong.Count / cases.Count;
        output.WriteLine($"{cases.Count - wrong.Count} of {cases.Count} correct: {score:F3}");
        foreach (var section in cases.GroupBy(c => c.Section))
            output.WriteLine($"  {section.Key}: {section.Count(c => !wrong.Any(w => w.c == c))}/{section.Count()}");
        foreach (var (c, got) in wrong) output.WriteLine($"  wrong: \"{c.Phrase}\" expected {c.Expected}, got {got} ({c.Section})");
        Assert.True(score >= 0.95, $"score {score:F3} < 0.95; wrong: {string.Join("; ", wrong.Select(w => $"{w.c.Phrase} → {w.got} (want {w.c.Expected})"))}");
    }

    [Fact]
    public void the_test_set_covers_every_continent_and_every_kind()
    {
        var sections = Cases().Select(c => c.Section).Distinct().ToList();
        foreach (var word in new[] { "Africa", "Europe", "Asia", "Americas", "Oceania", "people", "cities", "bodies", "non-state", "Traps" })
            Assert.Contains(sections, s => s.Contains(word, StringComparison.Ordinal));
    }
}
