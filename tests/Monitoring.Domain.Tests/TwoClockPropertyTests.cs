using FsCheck.Xunit;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;

namespace Monitoring.Domain.Tests;

/// <summary>
/// Random histories (random types, actors among four, dates of every precision, recorded times, re-extractions and
/// supersessions) asked random (asOf, recordedAt) questions.
/// </summary>
public sealed class TwoClockPropertyTests
{
    private static readonly string[] Actors = ["USA", "NER", "FRA", "ECOWAS"];
    // Weighted towards the pair under test so that most histories say something about it.
    private static readonly string[] Drawn = ["USA", "NER", "USA", "NER", "FRA", "ECOWAS"];
    private static readonly WorldEventType[] Types = Enum.GetValues<WorldEventType>();
    private static readonly string?[] Areas = [null, "security", "aid", "military", "security,development", "transition"];
    private static readonly ActorPair Pair = ActorPair.Of("USA", "NER");
    private static readonly DateOnly Start = new(2023, 1, 1);
    private static readonly WorldEventType[] Disputed =
    [
        WorldEventType.CooperationSuspended, WorldEventType.CooperationResumed, WorldEventType.WithdrawalCompleted, WorldEventType.TroopPresenceReported,
        WorldEventType.TroopsDeployed, WorldEventType.SanctionsImposed, WorldEventType.SanctionsLifted, WorldEventType.SanctionsInForce,
    ];

    [Property(MaxTest = 400, EndSize = 1_000_000)]
    public bool state_of_equals_a_naive_fold_of_the_reports_filtered_from_scratch(int seed)
    {
        var (s, asOf, recordedAt) = RandomCase(seed);
        return SameAsNaive(s, new Clocks(asOf, RecordedAt: recordedAt));
    }

    [Property(MaxTest = 400, EndSize = 1_000_000)]
    public bool the_answer_on_any_combination_of_the_three_clocks_equals_a_naive_fold_from_scratch(int seed)
    {
        var (s, _, _) = RandomCase(seed);
        return SameAsNaive(s, RandomClocks(s, seed));
    }

    private static bool SameAsNaive(Scenario s, Clocks clocks)
    {
        var actual = Relationship.StateOf(Pair, s.Reports, s.Supersessions, clocks).Dimensions
            .ToDictionary(d => d.Key, d => (d.Status, d.Since, d.Count, Established: d.IsContested ? "" : d.EntryIds[0],
                Readings: string.Join(",", d.Readings.Select(r => $"{r.Status}/{r.IndependentSources}").Order(StringComparer.Ordinal)), d.Prevailing));
        var expected = NaiveStateOf(Pair, s.Reports, s.Supersessions, clocks);

        return actual.Count == expected.Count && expected.All(kv => actual.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }

    /// <summary>Each clock fixed or not, at random: the valid date, a publication day, a recorded time.</summary>
    internal static Clocks RandomClocks(Scenario s, int seed)
    {
        var random = new Random(seed ^ 0xc10c);
        var last = s.Reports.Select(r => r.RecordedAt).Concat(s.Supersessions.Select(x => x.RecordedAt)).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max();
        return new Clocks(
            random.Next(3) == 0 ? null : Start.AddDays(random.Next(450)),
            random.Next(3) == 0 ? null : Start.AddDays(random.Next(420)),
            random.Next(3) == 0 ? null : last.AddMinutes(-random.Next(0, 45)));
    }

    [Property(MaxTest = 300, EndSize = 1_000_000)]
    public bool grouping_entry_ids_and_contested_states_do_not_depend_on_arrival_order(int seed)
    {
        var (s, _, _) = RandomCase(seed);
        var clocks = RandomClocks(s, seed) with { RecordedAt = null };
        var random = new Random(seed);
        // The same reports stored in another order: other sequences, other recorded times, other event ids.
        var permuted = s.Reports.OrderBy(_ => random.Next()).Select((r, i) => r with
        {
            Sequence = i + 1,
            RecordedAt = r.RecordedAt.AddHours(-i),
            EventId = new Guid(i + 1, 0x0dd, 0, new byte[8]),
        }).ToList();
        var supersessions = s.Supersessions.Select(x => x with { RecordedAt = x.RecordedAt.AddDays(1) }).ToList();

        return ContestedStateTests.Fingerprint(Relationship.StateOf(Pair, s.Reports, supersessions, clocks))
            == ContestedStateTests.Fingerprint(Relationship.StateOf(Pair, permuted, supersessions, clocks));
    }

    [Fact]
    public void the_three_clocks_cut_differently()
    {
        var cases = Enumerable.Range(0, 300).Select(i => (Case: RandomCase(i), Seed: i)).ToList();
        // The publication clock and the recorded clock keep different reports (recorded order is not publication order).
        Assert.Contains(cases, c => Relationship.Known(Pair, c.Case.Scenario.Reports, [], new Clocks(KnownAt: Start.AddDays(200))).Count()
            != Relationship.Known(Pair, c.Case.Scenario.Reports, [], new Clocks(RecordedAt: c.Case.Scenario.Reports.Select(r => r.RecordedAt).DefaultIfEmpty().Max().AddMinutes(-10))).Count());
        var contested = cases.Count(c => Relationship.StateOf(Pair, c.Case.Scenario.Reports, c.Case.Scenario.Supersessions, RandomClocks(c.Case.Scenario, c.Seed)).Dimensions.Any(d => d.IsContested));
        Assert.True(contested > 10, $"{contested} of 300 random questions have a contested dimension");
    }

    [Property(MaxTest = 300, EndSize = 1_000_000)]
    public bool the_answer_at_known_at_is_what_the_store_as_it_stood_then_answers(int seed)
    {
        var (s, asOf, recordedAt) = RandomCase(seed);
        var storedThen = s.Reports.Where(r => recordedAt is null || r.RecordedAt <= recordedAt).ToList();
        var supersededThen = s.Supersessions.Where(x => recordedAt is null || x.RecordedAt <= recordedAt).ToList();

        return Fingerprint(s.StateOf(Pair, asOf, recordedAt)) == Fingerprint(Relationship.StateOf(Pair, storedThen, supersededThen, new Clocks(asOf)));
    }

    [Property(MaxTest = 200, EndSize = 1_000_000)]
    public bool a_rebuild_reading_the_history_in_another_order_gives_the_same_state(int seed)
    {
        var (s, asOf, recordedAt) = RandomCase(seed);
        var shuffled = s.Reports.OrderBy(_ => new Random(seed).Next()).ToList();

        return Fingerprint(s.StateOf(Pair, asOf, recordedAt)) == Fingerprint(Relationship.StateOf(Pair, shuffled, s.Supersessions, new Clocks(asOf, RecordedAt: recordedAt)));
    }

    [Fact]
    public void the_random_histories_exercise_every_part_of_the_model()
    {
        var states = Enumerable.Range(0, 300).Select(RandomCase).Select(c => c.Scenario.StateOf(Pair, c.AsOf, c.RecordedAt)).ToList();

        var rich = states.Count(st => st.Dimensions.Count >= 3);
        Assert.True(rich > 40, $"{rich} of 300 states with three dimensions or more");
        Assert.Contains(states, st => st.Entries.Any(e => e.SourceCount > 1));
        Assert.Contains(states, st => st.Entries.Any(e => e.ConflictsWith.Count > 0));
        Assert.Contains(states, st => st.Entries.Any(e => e.Undated));
        Assert.Contains(states, st => st.Dimensions.Any(d => d.Count is not null && d.Status != "present"));
    }

    [Property(MaxTest = 300, EndSize = 1_000_000)]
    public bool entries_name_exactly_the_entries_they_conflict_with(int seed)
    {
        var (s, _, recordedAt) = RandomCase(seed);
        var timeline = Relationship.Timeline(Pair, s.Reports, s.Supersessions, new Clocks(RecordedAt: recordedAt));

        return timeline.All(e => e.ConflictsWith.Order(StringComparer.Ordinal)
            .SequenceEqual(timeline.Where(o => o.Id != e.Id && Corroboration.Conflicting(e, o)).Select(o => o.Id).Order(StringComparer.Ordinal)));
    }

    private static string Fingerprint(RelationshipState state) =>
        string.Join("\n", state.Dimensions.Select(d => $"{d.Key}={d.Status}@{d.Since}/{d.Modality}/{d.Count}@{d.CountDate}[{string.Join(",", d.EntryIds)}]"))
        + "\n" + string.Join("\n", state.Entries.Select(e => $"{e.Id}:{e.Date}:{e.SourceCount}/{e.IndependentSources}:{e.Confidence}[{string.Join(",", e.ConflictsWith)}]"));

    internal static (Scenario Scenario, DateOnly? AsOf, DateTimeOffset? RecordedAt) RandomCase(int seed)
    {
        var random = new Random(seed);
        var s = new Scenario();
        var articles = Enumerable.Range(0, random.Next(1, 10))
            .Select(i => Scenario.Article("art" + i, "Outlet " + random.Next(3), Start.AddDays(random.Next(400)), "wire" + random.Next(4)))
            .ToList();
        for (var i = random.Next(0, 40); i > 0; i--)
        {
            var type = Types[random.Next(Types.Length)];
            var source = Drawn[random.Next(Drawn.Length)];
            var others = Drawn.Where(a => a != source).ToArray();
            var target = others[random.Next(others.Length)];
            var article = articles[random.Next(articles.Count)];
            var shape = Vocabulary.ShapeOf(type);
            IReadOnlyList<string>? parties = shape != ActorShape.Parties ? null
                : random.Next(3) == 0 ? Actors.Where(a => a != source).Take(2).Append(source).Order(StringComparer.Ordinal).ToList()
                : new[] { source, target }.Order(StringComparer.Ordinal).ToList();
            s.Report(article, type,
                shape == ActorShape.Parties ? null : source,
                shape == ActorShape.Directed ? target : null,
                RandomDate(random),
                (Modality)random.Next(3),
                Areas[random.Next(Areas.Length)],
                Vocabulary.IsObservation(type) && random.Next(2) == 0 ? random.Next(1, 3) * 500 : null,
                parties,
                Math.Round(0.5 + random.NextDouble() / 2, 2),
                version: random.Next(4) == 0 ? "2" : "1");
            if (random.Next(10) == 0) s.Supersede(article.ArticleId, "1", "2");
        }
        // Half the histories also hold a dispute: reports of opposed states (suspended and resumed, withdrawn and present,
        // sanctions imposed and lifted) around one date, so that contested dimensions and their rules are exercised.
        if (random.Next(2) == 0)
            for (var i = random.Next(3, 9); i > 0; i--)
            {
                var type = Disputed[random.Next(Disputed.Length)];
                var (source, target) = random.Next(2) == 0 ? ("USA", "NER") : ("NER", "USA");
                var day = Start.AddDays(200 + random.Next(3));
                // Reported as news: by outlets publishing within days of it.
                var article = Scenario.Article($"dispute{i}", "Outlet " + random.Next(4), day.AddDays(random.Next(3)), "wire" + random.Next(6));
                s.Report(article, type, source, target,
                    random.Next(4) == 0 ? EventDate.Month(day.Year, day.Month) : random.Next(6) == 0 ? EventDate.Unknown() : EventDate.Day(day),
                    count: type == WorldEventType.TroopPresenceReported && random.Next(2) == 0 ? 1500 : null, confidence: 0.7);
            }
        var asOf = random.Next(4) == 0 ? (DateOnly?)null : Start.AddDays(random.Next(450));
        var last = s.Reports.Select(r => r.RecordedAt).Concat(s.Supersessions.Select(x => x.RecordedAt)).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max();
        var recordedAt = random.Next(4) == 0 ? (DateTimeOffset?)null : last.AddMinutes(-random.Next(0, 45));
        return (s, asOf, recordedAt);
    }

    private static EventDate RandomDate(Random random)
    {
        // Half the events fall within a few days of each other: corroborations and conflicting dates happen.
        var day = Start.AddDays(random.Next(2) == 0 ? random.Next(400) : 200 + random.Next(5));
        return random.Next(7) switch
        {
            0 or 1 => EventDate.Day(day),
            2 => EventDate.Month(day.Year, day.Month),
            3 => EventDate.Year(day.Year),
            4 => EventDate.Unknown(notBefore: day),
            5 => EventDate.Unknown(notBefore: random.Next(2) == 0 ? day : null, notAfter: day.AddDays(random.Next(60))),
            _ => EventDate.Unknown(),
        };
    }

    /// <summary>
    /// The reference, written from scratch: filter the raw reports on both clocks, group them greedily in store order
    /// (same event as every report of a group), place each group, then fold the groups one by one. Only the notion of
    /// "same event" and the table of effects per type are shared with the model.
    /// </summary>
    private static Dictionary<string, (string Status, EventDate Since, int? Count, string Established, string Readings, string? Prevailing)> NaiveStateOf(ActorPair pair,
        IReadOnlyList<RecordedEvent> reports, IReadOnlyList<ExtractionSuperseded> supersessions, Clocks clocks)
    {
        var (asOf, publishedBy, recordedAt) = (clocks.AsOf, clocks.KnownAt, clocks.RecordedAt);
        var live = new List<RecordedEvent>();
        // Reading order: by publication, then by what the report says (never by arrival).
        foreach (var r in reports.OrderBy(r => r.PublishedOn).ThenBy(Corroboration.ContentKey, StringComparer.Ordinal).ThenBy(r => r.Sequence))
        {
            if (recordedAt is not null && r.RecordedAt > recordedAt) continue;
            var published = r.Article.PublicationUnstated ? DateOnly.FromDateTime(r.RecordedAt.UtcDateTime) : r.Article.Published;
            if (publishedBy is not null && published > publishedBy) continue;
            if (supersessions.Any(x => (recordedAt is null || x.RecordedAt <= recordedAt) && x.ArticleId == r.ArticleId && x.SupersededVersion == r.ExtractorVersion)) continue;
            var e = r.Event;
            var about = e.Type == WorldEventType.CoupOccurred
                ? e.Source == pair.A || e.Source == pair.B
                : e.Shape == ActorShape.Parties
                    ? e.Parties.Contains(pair.A) && e.Parties.Contains(pair.B)
                    : (e.Source == pair.A && e.Target == pair.B) || (e.Source == pair.B && e.Target == pair.A);
            if (about) live.Add(r);
        }

        var groups = new List<List<RecordedEvent>>();
        foreach (var r in live)
        {
            var group = groups.FirstOrDefault(g => g.All(o => Corroboration.SameEvent(o.Event, r.Event)));
            if (group is null) groups.Add([r]);
            else group.Add(r);
        }

        var placed = new List<(TimelineEntry Entry, long First)>();
        foreach (var g in groups)
        {
            var best = g.OrderBy(r => (int)r.Event.Date.Precision).First();
            var date = best.Event.Date.Precision != DatePrecision.Unknown ? best.Event.Date
                : EventDate.Unknown(g.Max(r => r.Event.Date.NotBefore), g.Min(r => r.Event.Date.NotAfter is { } b ? b : DateOnly.MaxValue) is var m && m != DateOnly.MaxValue ? m : null);
            var on = date.Value ?? date.NotBefore ?? date.NotAfter ?? g.Min(r => r.PublishedOn);
            if (asOf is not null && on > asOf) continue;
            var areas = g.SelectMany(r => (r.Event.Area ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)).Distinct().ToList();
            var entry = new TimelineEntry(Corroboration.EntryId(g[0]), g[0].Event.Type, g[0].Event.Source, g[0].Event.Target, g[0].Event.Parties,
                areas.Count == 0 ? null : string.Join(",", areas), g.FirstOrDefault(r => r.Event.Count is not null)?.Event.Count, date, on, false,
                g.Any(r => r.Event.Modality == Modality.Asserted) ? Modality.Asserted : best.Event.Modality, 0, g.Count, Corroboration.IndependentGroups(g).Count, [], []);
            placed.Add((entry, g[0].Sequence));
        }

        var result = new Dictionary<string, Naive>();
        var transitionSeen = new HashSet<string>();
        foreach (var (entry, _) in placed.OrderBy(x => x.Entry.PlacedOn).ThenBy(x => (int)x.Entry.Date.Precision).ThenBy(x => x.Entry.Id, StringComparer.Ordinal))
        foreach (var (dimension, side, status) in Relationship.Effects(pair, entry))
        {
            var key = side is null ? dimension : $"{dimension}:{side}";
            var known = result.TryGetValue(key, out var current);
            var observation = Vocabulary.IsObservation(entry.Type);
            if (!observation) transitionSeen.Add(key);
            var dated = entry.Date.Precision != DatePrecision.Unknown;
            if (known)
            {
                // Disagreement: a date both give (compatible at the coarser precision), statuses that cannot both hold; or a
                // single observation, not dated later, against a transition with two independent sources or more.
                var sameDate = dated && current!.Since.Precision != DatePrecision.Unknown && Corroboration.DatesCompatible(current.Since, entry.Date);
                var disagrees = current!.Readings is { } rs
                    ? sameDate && rs.Keys.Any(k => k == status || Relationship.Opposed(k, status))
                    : (sameDate && Relationship.Opposed(current.Status, status))
                      || (observation && Relationship.Contradicts(entry, current.Status) && !current.Observed && current.Independent >= 2 && entry.IndependentSources == 1
                          && !(dated && entry.Date.Earliest > current.Since.Latest));
                if (disagrees)
                {
                    current.Readings ??= new Dictionary<string, (int, bool)> { [current.Status] = (current.Independent, current.Observed) };
                    current.Readings[status] = current.Readings.TryGetValue(status, out var r)
                        ? (Math.Max(r.Independent, entry.IndependentSources), r.Observed && observation)
                        : (entry.IndependentSources, observation);
                    current.Status = "contested";
                    continue;
                }
            }
            var count = entry.Count ?? (known ? current!.Count : null);
            if (known && observation && transitionSeen.Contains(key) && !Relationship.Contradicts(entry, current!.Status))
            {
                current.Count = count;
                if (current.Status == status) current.Independent = Math.Max(current.Independent, entry.IndependentSources);
            }
            else if (known && current!.Status == status && !Relationship.IsOccurrence(status))
                (current.Count, current.Independent, current.Observed) = (count, Math.Max(current.Independent, entry.IndependentSources), current.Observed && observation);
            else result[key] = new Naive { Status = status, Since = entry.Date, Count = count, Established = entry.Id, Independent = entry.IndependentSources, Observed = observation };
        }
        return result.ToDictionary(kv => kv.Key, kv =>
        {
            var n = kv.Value;
            if (n.Readings is null) return (n.Status, n.Since, n.Count, n.Established, "", (string?)null);
            var most = n.Readings.Values.Max(r => r.Independent);
            var leaders = n.Readings.Where(r => r.Value.Independent == most).ToList();
            return ("contested", n.Since, n.Count, "", string.Join(",", n.Readings.Select(r => $"{r.Key}/{r.Value.Independent}").Order(StringComparer.Ordinal)),
                leaders.Count == 1 ? leaders[0].Key : null);
        });
    }

    private sealed class Naive
    {
        public string Status = "";
        public EventDate Since = null!;
        public int? Count;
        public string Established = "";
        public int Independent;
        public bool Observed;
        public Dictionary<string, (int Independent, bool Observed)>? Readings;
    }

}
