using BenchmarkDotNet.Attributes;
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
/// The extractor's hot paths on one synthetic article of the benchmark corpus (about 2 KB, the corpus's median size):
/// each benchmark is one article's worth of work, so MB/s per core = article bytes / mean time.
/// </summary>
[MemoryDiagnoser]
public class ExtractionHotPaths
{
    private GeneratedArticle _generated = null!;
    private Article _article = null!;
    private string[] _sentences = [];
    private ArticleAnalysis _analysis = null!;

    [GlobalSetup]
    public void Setup()
    {
        // The corpus's 7th article: a typical one (two to five events, junk, a date line).
        _generated = new CorpusGenerator(42).Generate(7).Last();
        _article = ArticleReader.Read(_generated.Text, ArticleFormat.Text, _generated.Metadata);
        _sentences = SentenceSplitter.Split(_article.OriginalText).Select(s => s.Text).ToArray();
        _analysis = new ArticleAnalysis(_article, ActorResolver.Default);
    }

    [Benchmark(Description = "read (junk, date line, hash)")]
    public Article Read() => ArticleReader.Read(_generated.Text, ArticleFormat.Text, _generated.Metadata);

    [Benchmark(Description = "sentence splitting")]
    public int SplitSentences() => SentenceSplitter.Split(_article.OriginalText).Count;

    [Benchmark(Description = "actor lookup (every sentence)")]
    public int FindActors()
    {
        var n = 0;
        foreach (var s in _sentences) n += ActorResolver.Default.FindMentions(s).Count;
        return n;
    }

    [Benchmark(Description = "date resolution (every sentence)")]
    public int ResolveDates()
    {
        var n = 0;
        foreach (var s in _sentences) n += DateResolver.Find(s, _article.Published).Count;
        return n;
    }

    [Benchmark(Description = "analysis (sentences, actors, dates, clauses)")]
    public ArticleAnalysis Analyse() => new(_article, ActorResolver.Default);

    [Benchmark(Description = "rule matching (whole rule book)")]
    public int MatchRules() => RuleEngine.Run(_analysis, RuleBook.All).Count;

    [Benchmark(Description = "whole extraction")]
    public int Extract() => Extractor.Extract(_article).Events.Count;
}
