using System.Diagnostics;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;

namespace Monitoring.MicroBenchmarks;

/// <summary>
/// The pure half of a relationship question on one long history, timed question by question (median and p99 over
/// random asOf and knownAt): the fold from scratch against the index (cold: built from the reports; warm: built).
/// Run: dotnet run -c Release --project bench/Monitoring.MicroBenchmarks -- questions [reports]
/// </summary>
public static class RelationshipQuestions
{
    private static readonly ActorPair Pair = ActorPair.Of("USA", "NER");
    private static readonly DateOnly FirstDay = new(2005, 1, 1);
    private static readonly DateOnly LastDay = new(2024, 12, 31);
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Questions per measure: MONITOR_QUESTIONS, else 1,000 (a question on a history of 200k reports can take a tenth of a second).</summary>
    private static int Repetitions => int.TryParse(Environment.GetEnvironmentVariable("MONITOR_QUESTIONS"), out var n) && n > 0 ? n : 1000;

    /// <param name="buildOnly">Only the index's build (and its first question), three times.</param>
    /// <param name="warmOnly">Only the questions on a built index (the from-scratch fold of a long history takes minutes on a shared machine).</param>
    public static void Run(int reports, bool warmOnly = false, bool buildOnly = false)
    {
        foreach (var (name, history) in new[] { ("padded (as bench run pads the hot pair)", Padded(reports)), ("corroborated (events reported by several outlets)", Corroborated(reports)) })
        {
            Console.WriteLine($"{name}: {history.Count:N0} reports");
            var random = new Random(99);
            var first = history[0].RecordedAt;
            var last = history[^1].RecordedAt;
            DateOnly AsOf() => DateOnly.FromDayNumber(FirstDay.DayNumber + random.Next(LastDay.DayNumber - FirstDay.DayNumber + 1));
            DateTimeOffset RecordedAt() => first + (last - first) * random.NextDouble();
            Clocks Asked() => new(AsOf(), RecordedAt: RecordedAt());

            if (!warmOnly)
            {
                Measure("  from scratch: Relationship.StateOf", 20, () => Relationship.StateOf(Pair, history, [], Asked()));
                Measure("  from scratch: Relationship.Timeline", 20, () => Relationship.Timeline(Pair, history, [], new Clocks(RecordedAt: RecordedAt())));
                Measure("  cold: HistoryIndex.Of + StateOf", 10, () => HistoryIndex.Of(Pair, history, []).StateOf(Asked()));
            }
            HistoryIndex index = null!;
            for (var i = 0; i < (buildOnly ? 3 : 1); i++)
            {
                var built = Stopwatch.StartNew();
                index = HistoryIndex.Of(Pair, history, []);
                index.StateOf(Clocks.Now);
                Console.WriteLine($"  index built and first asked in {built.Elapsed.TotalMilliseconds:N0} ms");
            }
            if (buildOnly) continue;
            Measure("  warm: HistoryIndex.StateOf", Repetitions, () => index.StateOf(Asked()));
            Measure("  warm: HistoryIndex.StateOf (now)", 200, () => index.StateOf(new Clocks(AsOf())));
            // The publication clock (known at a day): what articles published by then said, a cut of the reading order.
            DateOnly PublishedBy() => DateOnly.FromDayNumber(FirstDay.DayNumber + random.Next(LastDay.DayNumber - FirstDay.DayNumber + 1));
            Measure("  warm: HistoryIndex.StateOf (published by)", Repetitions, () => index.StateOf(new Clocks(AsOf(), PublishedBy())));
            Measure("  warm: HistoryIndex.Timeline", Repetitions, () => index.Timeline(new Clocks(RecordedAt: RecordedAt())));
            // An analyst at a fixed known-at date moving the as-of date: one cut of the publication clock asked again and again.
            var fixedKnownAt = PublishedBy();
            Measure("  warm: HistoryIndex.StateOf (one known-at, any as-of)", Repetitions, () => index.StateOf(new Clocks(AsOf(), fixedKnownAt)));
        }
    }

    /// <summary>For perf: "cold" builds again and again; "warm" asks on a padded history of 21,000 reports, "corroborated" on a corroborated one of 60,000.</summary>
    public static void Profile(string what)
    {
        var history = what == "corroborated" ? Corroborated(60_000) : Padded(21_000);
        var random = new Random(99);
        var first = history[0].RecordedAt;
        var last = history[^1].RecordedAt;
        if (what == "cold") { for (var i = 0; i < 8; i++) HistoryIndex.Of(Pair, history, []).StateOf(Clocks.Now); return; }
        var index = HistoryIndex.Of(Pair, history, []);
        index.StateOf(Clocks.Now);
        for (var i = 0; i < (what == "corroborated" ? 60 : 1500); i++)
            index.StateOf(new Clocks(DateOnly.FromDayNumber(FirstDay.DayNumber + random.Next(7000)), RecordedAt: i % 2 == 0 ? null : first + (last - first) * random.NextDouble()));
    }

    private static void Measure(string name, int repetitions, Func<object> question)
    {
        for (var i = 0; i < 3; i++) question();
        var times = new double[repetitions];
        var cpu = new double[repetitions];
        for (var i = 0; i < repetitions; i++)
        {
            var started = ThreadCpuMilliseconds();
            var sw = Stopwatch.StartNew();
            question();
            times[i] = sw.Elapsed.TotalMilliseconds;
            cpu[i] = ThreadCpuMilliseconds() - started;
        }
        Array.Sort(times);
        Array.Sort(cpu);
        Console.WriteLine($"{name,-42} median {Percentile(times, 0.5),8:N2} ms   p99 {Percentile(times, 0.99),8:N2} ms   " +
                          $"(thread CPU: median {Percentile(cpu, 0.5),7:N2} ms, p99 {Percentile(cpu, 0.99),7:N2} ms; {repetitions} questions)");
    }

    // The machine is shared: the thread's own CPU time shows the work done, whatever else runs (Linux only).
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);

    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static double ThreadCpuMilliseconds() =>
        OperatingSystem.IsLinux() && ClockGetTime(3, out var t) == 0 ? t.Seconds * 1e3 + t.Nanoseconds / 1e6 : 0;

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>As BenchmarkRunner.PadAsync: random directed types and directions, day dates, ten reports per article.</summary>
    private static List<RecordedEvent> Padded(int count)
    {
        var random = new Random(1);
        var types = Enum.GetValues<WorldEventType>().Where(t => Vocabulary.ShapeOf(t) == ActorShape.Directed).ToArray();
        var span = LastDay.DayNumber - FirstDay.DayNumber;
        var history = new List<RecordedEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var stream = i / 10;
            var published = DateOnly.FromDayNumber(FirstDay.DayNumber + new Random(stream).Next(span + 1));
            var article = new ArticleSource($"pad-{stream}", "Bench padding", null, published, null, $"pad-{stream}");
            var (a, b) = random.Next(2) == 0 ? (Pair.A, Pair.B) : (Pair.B, Pair.A);
            var e = new ExtractedEvent(types[random.Next(types.Length)], a, b, [], null, null, EventDate.Day(published.AddDays(-random.Next(60))),
                Modality.Asserted, 0.8, "bench-pad", "1", [new Evidence(i % 10, 0, 10, "Bench pad.")]);
            history.Add(new RecordedEvent(Guid.NewGuid(), article.ArticleId, i + 1, Start.AddSeconds(stream), article, e, "bench"));
        }
        return history;
    }

    /// <summary>About 3,000 real events, each reported by several outlets at several precisions, some announced first.</summary>
    private static List<RecordedEvent> Corroborated(int count)
    {
        var random = new Random(2);
        var types = Enum.GetValues<WorldEventType>().Where(t => t != WorldEventType.CoupOccurred).ToArray();
        string?[] areas = [null, "security", "aid", "military", "security,development"];
        var span = LastDay.DayNumber - FirstDay.DayNumber;
        var events = Enumerable.Range(0, Math.Max(1, count / 7)).Select(_ =>
        {
            var type = types[random.Next(types.Length)];
            var (a, b) = random.Next(2) == 0 ? (Pair.A, Pair.B) : (Pair.B, Pair.A);
            return (Type: type, A: a, B: b, Day: DateOnly.FromDayNumber(FirstDay.DayNumber + random.Next(span + 1)), Area: areas[random.Next(areas.Length)],
                Count: Vocabulary.IsObservation(type) ? (int?)(random.Next(1, 20) * 100) : null);
        }).ToArray();
        var history = new List<RecordedEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var x = events[random.Next(events.Length)];
            var stream = i / 5;
            var published = x.Day.AddDays(random.Next(0, 30));
            var article = new ArticleSource($"art-{stream}", "Outlet " + random.Next(30), null, published, null, "wire" + random.Next(200));
            var date = random.Next(10) switch
            {
                0 => EventDate.Month(x.Day.Year, x.Day.Month),
                1 => EventDate.Year(x.Day.Year),
                2 => EventDate.Unknown(notBefore: x.Day.AddDays(-10)),
                3 => EventDate.Day(x.Day.AddDays(random.Next(1, 4))),
                _ => EventDate.Day(x.Day),
            };
            var shape = Vocabulary.ShapeOf(x.Type);
            var e = new ExtractedEvent(x.Type, shape == ActorShape.Parties ? null : x.A, shape == ActorShape.Directed ? x.B : null,
                shape == ActorShape.Parties ? [Pair.B, Pair.A] : [], x.Area, x.Count, date, random.Next(5) == 0 ? Modality.Planned : Modality.Asserted,
                0.6 + random.NextDouble() / 3, "rule", "1", [new Evidence(i % 5, 0, 10, "Quote.")]);
            history.Add(new RecordedEvent(Guid.NewGuid(), article.ArticleId, i + 1, Start.AddSeconds(stream), article, e, "1"));
        }
        return history;
    }
}
