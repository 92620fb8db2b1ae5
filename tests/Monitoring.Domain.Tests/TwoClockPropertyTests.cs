using FsCheck.Xunit;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;

namespace Monitoring.Domain.Tests;

/// <summary>
/// For random histories and random (asOf, knownAt): the answer from the whole stored history equals a naive
/// reference that keeps only what was recorded by knownAt, as the system held it then, and folds it from scratch.
/// </summary>
public sealed class TwoClockPropertyTests
{
    private static readonly string[] Actors = ["USA", "NER", "FRA", "ECOWAS"];
    private static readonly WorldEventType[] Types = Enum.GetValues<WorldEventType>();
    private static readonly string?[] Areas = [null, "security", "aid", "military", "security,development"];

    [Property(MaxTest = 300)]
    public bool state_from_the_whole_history_equals_a_naive_fold_of_what_was_known(int seed)
    {
        var random = new Random(seed);
        var s = new Scenario();
        var articles = Enumerable.Range(0, random.Next(1, 6))
            .Select(i => Scenario.Article("art" + i, "Outlet " + random.Next(3), new DateOnly(2023, 1, 1).AddDays(random.Next(400)), "wire" + random.Next(4)))
            .ToList();
        for (var i = random.Next(0, 40); i > 0; i--)
        {
            var type = Types[random.Next(Types.Length)];
            var source = Actors[random.Next(Actors.Length)];
            var target = Actors.Where(a => a != source).ElementAt(random.Next(Actors.Length - 1));
            var article = articles[random.Next(articles.Count)];
            var shape = Vocabulary.ShapeOf(type);
            s.Report(article, type,
                shape == ActorShape.Parties ? null : source,
                shape == ActorShape.Directed ? target : null,
                RandomDate(random),
                (Modality)random.Next(3),
                Areas[random.Next(Areas.Length)],
                Vocabulary.IsObservation(type) && random.Next(2) == 0 ? random.Next(1, 3) * 500 : null,
                shape == ActorShape.Parties ? [source, target] : null,
                Math.Round(0.5 + random.NextDouble() / 2, 2),
                version: random.Next(4) == 0 ? "2" : "1");
            if (random.Next(10) == 0) s.Supersede(article.ArticleId, "1", "2");
        }
        var pair = ActorPair.Of("USA", "NER");
        var asOf = random.Next(4) == 0 ? (DateOnly?)null : new DateOnly(2023, 1, 1).AddDays(random.Next(450));
        var last = s.Reports.Select(r => r.RecordedAt).Concat(s.Supersessions.Select(x => x.RecordedAt)).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max();
        var knownAt = random.Next(4) == 0 ? (DateTimeOffset?)null : last.AddMinutes(-random.Next(0, 45));

        var answer = s.StateOf(pair, asOf, knownAt);
        var reference = NaiveStateOf(pair, s.Reports, s.Supersessions, asOf, knownAt);

        var actual = answer.Dimensions.ToDictionary(d => d.Key, d => (d.Status, d.Count));
        return actual.Count == reference.Count && reference.All(kv => actual.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }

    private static EventDate RandomDate(Random random)
    {
        var day = new DateOnly(2023, 1, 1).AddDays(random.Next(400));
        return random.Next(4) switch
        {
            0 => EventDate.Day(day),
            1 => EventDate.Month(day.Year, day.Month),
            2 => EventDate.Unknown(notBefore: random.Next(2) == 0 ? day : null),
            _ => EventDate.Day(day),
        };
    }

    /// <summary>The reference: the system as it stood at knownAt (a prefix of the store), folded naively.</summary>
    private static Dictionary<string, (string Status, int? Count)> NaiveStateOf(ActorPair pair, IReadOnlyList<RecordedEvent> reports,
        IReadOnlyList<ExtractionSuperseded> supersessions, DateOnly? asOf, DateTimeOffset? knownAt)
    {
        var storedThen = reports.Where(r => knownAt is null || r.RecordedAt <= knownAt).ToList();
        var supersededThen = supersessions.Where(x => knownAt is null || x.RecordedAt <= knownAt).ToList();
        var live = storedThen
            .Where(r => !supersededThen.Any(x => x.ArticleId == r.ArticleId && x.SupersededVersion == r.ExtractorVersion))
            .Where(r => r.Event.Shape == ActorShape.Country ? pair.Involves(r.Event.Source!) : r.Event.Pairs().Contains(pair));
        var entries = Corroboration.Group(live).Where(e => asOf is null || e.PlacedOn <= asOf)
            .OrderBy(e => e.PlacedOn).ThenBy(e => (int)e.Date.Precision).ThenBy(e => e.FirstSequence);

        var result = new Dictionary<string, (string Status, int? Count)>();
        var hasTransition = new HashSet<string>();
        foreach (var entry in entries)
        foreach (var (dimension, side, status) in Relationship.Effects(pair, entry))
        {
            var key = side is null ? dimension : $"{dimension}:{side}";
            result.TryGetValue(key, out var current);
            var count = entry.Count ?? (result.ContainsKey(key) ? current.Count : null);
            var observation = Vocabulary.IsObservation(entry.Type);
            if (observation && hasTransition.Contains(key)) result[key] = (current.Status, count);
            else result[key] = (status, count);
            if (!observation) hasTransition.Add(key);
        }
        return result;
    }
}
