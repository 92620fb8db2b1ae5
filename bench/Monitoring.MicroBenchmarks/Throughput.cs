using System.Diagnostics;
using System.Text;
using Monitoring.Corpus;
using Monitoring.Extraction;
using Monitoring.Extraction.Actors;
using Monitoring.Extraction.Dates;
using Monitoring.Extraction.Events;
using Monitoring.Extraction.Events.Rules;
using Monitoring.Extraction.Reading;
using Monitoring.Extraction.Text;

namespace Monitoring.MicroBenchmarks;

/// <summary>
/// The benchmark's extraction figure without the database: Extract(Read(text)) over the first 5,000 articles of
/// seed 42, single-threaded, best of three passes after one whole untimed pass, MB = UTF-8 bytes of the texts.
/// Read + split is measured in the same run as the baseline, so the ratio holds on a noisy machine.
/// With --stages it also times each hot path over the same articles.
/// </summary>
public static class Throughput
{
    public static void Run(string[] args)
    {
        var n = args.SkipWhile(a => a != "--articles").Skip(1).Select(int.Parse).DefaultIfEmpty(5000).First();
        var articles = new CorpusGenerator(42).Generate(n).ToArray();
        var bytes = articles.Sum(a => (long)Encoding.UTF8.GetByteCount(a.Text));
        Console.WriteLine($"{n} articles, {bytes / 1e6:F2} MB (seed 42)");

        foreach (var a in articles) Extractor.Extract(ArticleReader.Read(a.Text, ArticleFormat.Text, a.Metadata));
        // Passes alternate between extraction and baseline so that both see the same machine load; on a shared
        // machine more passes (--passes) and the process CPU time make the figure steadier.
        var passes = args.SkipWhile(a => a != "--passes").Skip(1).Select(int.Parse).DefaultIfEmpty(3).First();
        Timing extract = Timing.None, baseline = Timing.None;
        for (var p = 0; p < passes; p++)
        {
            var pass = Time(() =>
            {
                var events = 0;
                foreach (var a in articles) events += Extractor.Extract(ArticleReader.Read(a.Text, ArticleFormat.Text, a.Metadata)).Events.Count;
                return events;
            });
            if (args.Contains("--verbose")) Console.WriteLine($"  pass {p + 1}: {bytes / 1e6 / pass.Wall.TotalSeconds:F2} MB/s");
            extract = extract.Min(pass);
            baseline = baseline.Min(Time(() =>
            {
                var sentences = 0;
                foreach (var a in articles) sentences += SentenceSplitter.Split(ArticleReader.Read(a.Text, ArticleFormat.Text, a.Metadata).OriginalText).Count;
                return sentences;
            }));
        }
        void Line(string name, Timing t) =>
            Console.WriteLine($"{name} : {bytes / 1e6 / t.Wall.TotalSeconds,6:F2} MB/s  {n / t.Wall.TotalSeconds,7:F0} articles/s  (CPU time: {bytes / 1e6 / t.Cpu.TotalSeconds,6:F2} MB/s)");
        Line("extraction", extract);
        Line("read+split", baseline);
        Console.WriteLine($"ratio extraction/baseline: {baseline.Wall.TotalSeconds / extract.Wall.TotalSeconds:F3} (CPU time: {baseline.Cpu.TotalSeconds / extract.Cpu.TotalSeconds:F3})");
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        foreach (var a in articles) Extractor.Extract(ArticleReader.Read(a.Text, ArticleFormat.Text, a.Metadata));
        Console.WriteLine($"allocated: {(GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0 / n:F0} KB/article");

        if (!args.Contains("--stages")) return;
        var read = articles.Select(a => ArticleReader.Read(a.Text, ArticleFormat.Text, a.Metadata)).ToArray();
        var sentences = read.Select(r => SentenceSplitter.Split(r.OriginalText).Select(s => s.Text).ToArray()).ToArray();
        var analyses = read.Select(r => new ArticleAnalysis(r, ActorResolver.Default)).ToArray();
        void Stage(string name, Func<int> work)
        {
            var t = Best(work);
            var before = GC.GetAllocatedBytesForCurrentThread();
            work();
            var kb = (GC.GetAllocatedBytesForCurrentThread() - before) / 1024.0 / n;
            Console.WriteLine($"  {name,-28} {t.TotalMilliseconds * 1000 / n,8:F1} µs/article {kb,6:F1} KB/article");
        }
        Stage("read", () => read.Length == 0 ? 0 : articles.Sum(a => ArticleReader.Read(a.Text, ArticleFormat.Text, a.Metadata).OriginalText.Length));
        Stage("read+split", () => read.Sum(r => SentenceSplitter.Split(r.OriginalText).Count));
        Stage("page layout", () => read.Sum(r => PageLayout.Regions(r.OriginalText).Count));
        Stage("actor lookup", () => sentences.Sum(ss => ss.Sum(s => ActorResolver.Default.FindMentions(s).Count)));
        Stage("date resolution", () => Enumerable.Range(0, n).Sum(i => sentences[i].Sum(s => DateResolver.Find(s, read[i].Published).Count)));
        Stage("analysis (all of it)", () => read.Sum(r => new ArticleAnalysis(r, ActorResolver.Default).Sentences.Count));
        Stage("rule matching", () => analyses.Sum(a => RuleEngine.Run(a, RuleBook.All).Count));
        Stage("whole extraction", () => read.Sum(r => Extractor.Extract(r).Events.Count));
        if (!args.Contains("--rules")) return;
        var times = RuleBook.All.Select(r => (r.Id, Best(() => analyses.Sum(a => a.Sentences.Sum(s => TriggerCue.Of(r.Trigger).MayMatch(TriggerCue.Fold(s.Text)) ? r.Trigger.Matches(s.Text).Count : 0))))).OrderByDescending(x => x.Item2).Take(15);
        foreach (var (id, t) in times) Console.WriteLine($"    {id,-40} {t.TotalMilliseconds * 1000 / n,8:F1} µs/article");
    }

    private static TimeSpan Best(Func<int> pass) => Time(pass).Min(Time(pass)).Wall;

    private static Timing Time(Func<int> pass)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        GC.KeepAlive(pass());
        return new Timing(sw.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }

    private sealed record Timing(TimeSpan Wall, TimeSpan Cpu)
    {
        public static readonly Timing None = new(TimeSpan.MaxValue, TimeSpan.MaxValue);

        public Timing Min(Timing other) => new(Wall < other.Wall ? Wall : other.Wall, Cpu < other.Cpu ? Cpu : other.Cpu);
    }
}
