using System.Text.Json;
using FsCheck.Xunit;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;

namespace Monitoring.Domain.Tests;

/// <summary>
/// The index must answer every question exactly as the fold from scratch does: same dimensions, same entries (ids,
/// dates, sources, conflicts), same upcoming entries, compared as the API serializes them.
/// </summary>
public sealed class HistoryIndexPropertyTests
{
    private static readonly ActorPair Pair = ActorPair.Of("USA", "NER");

    [Property(MaxTest = 300, EndSize = 1_000_000)]
    public bool an_index_answers_every_question_as_the_fold_from_scratch(int seed)
    {
        var (s, asOf, recordedAt) = TwoClockPropertyTests.RandomCase(seed);
        var index = HistoryIndex.Of(Pair, s.Reports, s.Supersessions);

        return Questions(s, asOf, recordedAt, seed).All(q => Same(s.Reports, s.Supersessions, index, q));
    }

    [Property(MaxTest = 200, EndSize = 1_000_000)]
    public bool an_index_built_report_by_report_answers_as_the_fold_from_scratch(int seed)
    {
        var (s, asOf, recordedAt) = TwoClockPropertyTests.RandomCase(seed);
        var random = new Random(seed);
        var index = new HistoryIndex(Pair);
        var added = new List<RecordedEvent>();
        var superseded = new List<ExtractionSuperseded>();
        // In store order, as the store records them, asking questions in between so that the groupings already made
        // are the ones extended; supersessions arrive when their sequence comes.
        var pending = new Queue<ExtractionSuperseded>(s.Supersessions.OrderBy(x => x.Sequence));
        foreach (var r in s.Reports.OrderBy(r => r.Sequence))
        {
            var now = new List<ExtractionSuperseded>();
            while (pending.Count > 0 && pending.Peek().Sequence < r.Sequence) now.Add(pending.Dequeue());
            index.Add([r], now);
            added.Add(r);
            superseded.AddRange(now);
            if (random.Next(3) == 0 && !Same(added, superseded, index, new Clocks(asOf, RecordedAt: recordedAt))) return false;
        }
        index.Add([], pending);
        superseded.AddRange(pending);
        return Questions(s, asOf, recordedAt, seed).All(q => Same(added, superseded, index, q));
    }

    [Property(MaxTest = 200, EndSize = 1_000_000)]
    public bool an_index_given_reports_out_of_store_order_answers_as_the_fold_from_scratch(int seed)
    {
        var (s, asOf, recordedAt) = TwoClockPropertyTests.RandomCase(seed);
        var random = new Random(seed);
        var shuffled = s.Reports.OrderBy(_ => random.Next()).ToList();
        var index = new HistoryIndex(Pair);
        for (var i = 0; i < shuffled.Count; i += 5)
        {
            index.Add(shuffled.Skip(i).Take(5), []);
            index.StateOf(new Clocks(asOf, RecordedAt: recordedAt));
        }
        index.Add([], s.Supersessions);
        return Questions(s, asOf, recordedAt, seed).All(q => Same(s.Reports, s.Supersessions, index, q));
    }

    [Property(MaxTest = 200, EndSize = 1_000_000)]
    public bool recorded_times_that_do_not_rise_with_the_sequence_are_answered_exactly(int seed)
    {
        var (s, asOf, recordedAt) = TwoClockPropertyTests.RandomCase(seed);
        var random = new Random(seed);
        // Several nodes' clocks, or transactions committing out of order: some reports recorded "before" earlier ones.
        var reports = s.Reports.Select(r => random.Next(4) == 0 ? r with { RecordedAt = r.RecordedAt.AddMinutes(-random.Next(1, 20)) } : r).ToList();
        var index = HistoryIndex.Of(Pair, reports, s.Supersessions);

        return Questions(s, asOf, recordedAt, seed).All(q => Same(reports, s.Supersessions, index, q));
    }

    [Fact]
    public void an_entry_naming_a_conflicting_entry_names_it_anew_when_a_report_read_before_it_arrives_later()
    {
        // Two outlets report the same expulsion a day after an earlier one (conflicting dates); the outlet read second in
        // reading order commits first (another node), so the later entry's id changes when the first one arrives.
        var start = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        RecordedEvent Report(string article, int day, long sequence)
        {
            var date = new DateOnly(2025, 2, 10).AddDays(day);
            var e = new ExtractedEvent(WorldEventType.AmbassadorExpelled, "NER", "USA", [], null, null, EventDate.Day(date), Modality.Asserted, 0.8, "test", "1",
                [new Evidence(0, 0, 4, "Test")]);
            return new RecordedEvent(Guid.NewGuid(), article, sequence, start.AddSeconds(sequence), new ArticleSource(article, "Wire " + article, null, date, null, article), e, "test");
        }
        var reports = new[] { Report("article-a-first", 0, 1), Report("article-c-second", 1, 2), Report("article-b-second", 1, 3) };
        var index = new HistoryIndex(Pair);
        foreach (var r in reports)
        {
            index.Add([r], []);
            index.StateOf(new Clocks(RecordedAt: r.RecordedAt));
        }
        var last = new Clocks(RecordedAt: reports[^1].RecordedAt);
        Assert.Equal(JsonSerializer.Serialize(Relationship.StateOf(Pair, reports, [], last)), JsonSerializer.Serialize(index.StateOf(last)));
        Assert.True(Same(reports, [], index, Clocks.Now));
    }

    [Fact]
    public void a_report_id_seen_twice_is_answered_as_the_fold_from_scratch()
    {
        var (s, asOf, recordedAt) = TwoClockPropertyTests.RandomCase(7);
        var reports = s.Reports.Concat(s.Reports.Take(3).Select(r => r with { RecordedAt = r.RecordedAt.AddMinutes(30) })).ToList();
        var index = HistoryIndex.Of(Pair, reports, s.Supersessions);

        Assert.All(Questions(s, asOf, recordedAt, 7), q => Assert.True(Same(reports, s.Supersessions, index, q)));
    }

    [Fact]
    public void an_event_reported_by_more_than_64_outlets_and_recorded_out_of_reading_order_is_answered_as_the_fold_from_scratch()
    {
        // An archive imported newest first: the 150 reports of one imposition of sanctions (published over a month) are
        // recorded in the reverse of reading order, so every recorded cut knows a scattered set of the group's members,
        // beyond a bit key. Some say "in July", which is also the month of another, smaller one: a tangled component.
        var start = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var imposed = new DateOnly(2023, 7, 26);
        var reports = new List<RecordedEvent>();
        void Report(int i, WorldEventType type, DateOnly published, EventDate date, string? area)
        {
            var e = new ExtractedEvent(type, "USA", "NER", [], area, null, date, Modality.Asserted, 0.8, "test", "1", [new Evidence(0, 0, 4, "Test")]);
            var article = new ArticleSource($"{type}-{i:D3}", "Outlet " + i, null, published, null, $"{type}-{i:D3}");
            reports.Add(new RecordedEvent(Guid.NewGuid(), article.ArticleId, reports.Count + 1, start.AddMinutes(300 - reports.Count), article, e, "test"));
        }
        for (var i = 0; i < 150; i++)
            Report(i, WorldEventType.SanctionsImposed, imposed.AddDays(i % 30),
                i % 10 == 0 ? EventDate.Month(2023, 7) : i % 25 == 7 ? EventDate.Day(imposed.AddDays(2)) : EventDate.Day(imposed), i % 3 == 0 ? "security" : null);
        // And one group linked to no other, known scattered too: its entry is made from the members known.
        for (var i = 0; i < 100; i++) Report(i, WorldEventType.AmbassadorExpelled, imposed.AddDays(40 + i % 20), EventDate.Day(imposed.AddDays(40)), null);
        var index = HistoryIndex.Of(Pair, reports, []);
        Assert.Equal(2, index.Timeline(Clocks.Now).Count(e => e.SourceCount > 64));
        foreach (var t in reports.Select(r => r.RecordedAt).Order().Where((_, i) => i % 7 == 3))
        {
            Assert.True(Same(reports, [], index, new Clocks(RecordedAt: t)), $"recordedAt {t:O}");
            Assert.True(Same(reports, [], index, new Clocks(imposed.AddDays(10), imposed.AddDays(20), t)), $"known at {imposed.AddDays(20)}, recordedAt {t:O}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void a_long_crowded_history_is_answered_as_the_fold_from_scratch(int seed)
    {
        var s = Crowded(seed, 1_500);
        var index = HistoryIndex.Of(Pair, s.Reports, s.Supersessions);
        var random = new Random(seed);
        var first = s.Reports[0].RecordedAt;
        var last = s.Reports[^1].RecordedAt;

        var timeline = index.Timeline(Clocks.Now);
        Assert.Contains(timeline, e => e.SourceCount > 1);
        Assert.Contains(timeline, e => e.ConflictsWith.Count > 0);
        for (var i = 0; i < 60; i++)
        {
            DateOnly? asOf = i % 5 == 0 ? null : new DateOnly(2023, 1, 1).AddDays(random.Next(200));
            DateTimeOffset? recordedAt = i % 7 == 0 ? null : first + (last - first) * random.NextDouble();
            DateOnly? publishedBy = i % 3 == 0 ? new DateOnly(2023, 1, 1).AddDays(random.Next(200)) : null;
            Assert.True(Same(s.Reports, s.Supersessions, index, new Clocks(asOf, publishedBy, recordedAt)), $"asOf {asOf}, recordedAt {publishedBy}, recordedAt {recordedAt:O}");
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void the_state_on_everything_known_resumes_from_the_fold_kept_nearest_and_answers_as_the_fold_from_scratch(int seed)
    {
        // Over a thousand entries: the fold is kept every 256, so most days resume from a kept copy, some at its very
        // boundary; reports added later (a new epoch of supersessions included) make the kept folds again.
        var s = Crowded(seed, 3_000);
        var half = s.Reports.Count / 2;
        var index = HistoryIndex.Of(Pair, s.Reports.Take(half), []);
        Assert.True(index.Timeline(Clocks.Now).Count > 1_000);
        for (var day = new DateOnly(2022, 12, 25); day <= new DateOnly(2023, 7, 10); day = day.AddDays(3))
            Assert.True(Same(s.Reports.Take(half).ToList(), [], index, new Clocks(day)), $"asOf {day}, first half");
        index.Add(s.Reports.Skip(half), s.Supersessions);
        Assert.True(Same(s.Reports, s.Supersessions, index, Clocks.Now));
        var contested = 0;
        for (var day = new DateOnly(2022, 12, 25); day <= new DateOnly(2023, 7, 10); day = day.AddDays(2))
        {
            Assert.True(Same(s.Reports, s.Supersessions, index, new Clocks(day)), $"asOf {day}");
            if (index.StateOf(new Clocks(day)).Dimensions.Any(d => d.IsContested)) contested++;
        }
        // Contested readings are copied with the kept folds: the days asked include some.
        Assert.True(contested > 0);
        // What was published by a day is a cut folded once too: several asked in turn (more than are kept), each at many dates.
        var published = s.Reports.Select(r => r.PublishedOn).Distinct().Order().ToList();
        foreach (var knownAt in Enumerable.Range(1, 6).Select(i => published[published.Count * i / 7]))
        for (var day = knownAt.AddDays(-40); day <= knownAt.AddDays(10); day = day.AddDays(5))
            Assert.True(Same(s.Reports, s.Supersessions, index, new Clocks(day, knownAt)), $"asOf {day}, known at {knownAt}");
    }

    /// <summary>
    /// Many reports on the pair within a few months, ten per article, as the benchmark pads a hot pair, with the
    /// precisions, counts and areas that make corroborations and conflicting dates, and one re-extraction.
    /// </summary>
    private static Scenario Crowded(int seed, int reports)
    {
        var random = new Random(seed);
        var s = new Scenario();
        var types = Enum.GetValues<WorldEventType>().Where(t => Vocabulary.ShapeOf(t) == ActorShape.Directed).ToArray();
        string?[] areas = [null, "security", "aid", "security,development"];
        ArticleSource? article = null;
        for (var i = 0; i < reports; i++)
        {
            if (i % 10 == 0)
                article = Scenario.Article("crowd" + i / 10, "Outlet " + random.Next(20), new DateOnly(2023, 1, 1).AddDays(random.Next(200)), "wire" + random.Next(40));
            var type = types[random.Next(types.Length)];
            var (a, b) = random.Next(2) == 0 ? ("USA", "NER") : ("NER", "USA");
            var day = new DateOnly(2023, 1, 1).AddDays(random.Next(180));
            var date = random.Next(10) switch
            {
                0 => EventDate.Month(day.Year, day.Month),
                1 => EventDate.Unknown(notBefore: day),
                // Dated to the year only: a report that may join groups of any month of its year.
                2 when random.Next(3) == 0 => EventDate.Year(day.Year),
                _ => EventDate.Day(day),
            };
            s.Report(article!, type, a, b, date, (Modality)(random.Next(6) / 4), areas[random.Next(areas.Length)],
                Vocabulary.IsObservation(type) && random.Next(2) == 0 ? 500 : null, confidence: 0.6,
                version: i > reports * 9 / 10 && random.Next(3) == 0 ? "2" : "1");
            if (i == reports * 19 / 20) s.Supersede(article!.ArticleId, "1", "2");
        }
        return s;
    }

    private static IEnumerable<Clocks> Questions(Scenario s, DateOnly? asOf, DateTimeOffset? recordedAt, int seed)
    {
        var random = new Random(seed ^ 0x5eed);
        yield return new Clocks(asOf, RecordedAt: recordedAt);
        yield return Clocks.Now;
        yield return new Clocks(asOf);
        yield return TwoClockPropertyTests.RandomClocks(s, seed);
        // Every publication day cuts the history somewhere new on the publication clock, alone or with the others.
        foreach (var day in s.Reports.Select(r => r.PublishedOn).Distinct().Order().Take(30))
        {
            yield return new Clocks(KnownAt: day);
            yield return new Clocks(random.Next(2) == 0 ? null : new DateOnly(2023, 1, 1).AddDays(random.Next(450)), day.AddDays(-1),
                random.Next(2) == 0 ? null : recordedAt);
        }
        // Every recorded time (and just before it) cuts the history somewhere new.
        foreach (var t in s.Reports.Select(r => r.RecordedAt).Concat(s.Supersessions.Select(x => x.RecordedAt)).OrderBy(t => t).Take(60))
        {
            DateOnly? day = random.Next(3) == 0 ? null : new DateOnly(2023, 1, 1).AddDays(random.Next(450));
            yield return new Clocks(day, RecordedAt: t);
            yield return new Clocks(day, RecordedAt: t.AddTicks(-10));
        }
    }

    private static bool Same(IReadOnlyList<RecordedEvent> reports, IReadOnlyList<ExtractionSuperseded> supersessions, HistoryIndex index, Clocks clocks)
    {
        var expectedState = JsonSerializer.Serialize(Relationship.StateOf(Pair, reports, supersessions, clocks));
        var expectedTimeline = JsonSerializer.Serialize(Relationship.Timeline(Pair, reports, supersessions, clocks));
        return JsonSerializer.Serialize(index.StateOf(clocks)) == expectedState
            && JsonSerializer.Serialize(index.Timeline(clocks)) == expectedTimeline
            // The two-clock adapters answer as the recorded clock.
            && (clocks.KnownAt is not null || JsonSerializer.Serialize(index.StateOf(clocks)) == expectedState);
    }
}
