using Monitoring.Domain;
using Monitoring.Extraction.Actors;
using Monitoring.Extraction.Events;
using Monitoring.Extraction.Events.Rules;
using Monitoring.Extraction.Reading;

namespace Monitoring.Extraction;

/// <summary>A sentence of an article with its exact span in <see cref="Article.OriginalText"/>.</summary>
public sealed record Sentence(int Index, int Start, int End, string Text);

public sealed record ExtractionResult(IReadOnlyList<Sentence> Sentences, IReadOnlyList<ExtractedEvent> Events);

/// <summary>Article in, dated and attributed events out: pure and deterministic.</summary>
public static class Extractor
{
    /// <summary>Bumped whenever a rule, the gazetteer or the date resolver changes what is extracted.</summary>
    public const string Version = "1.2.0";

    public static ExtractionResult Extract(Article article) => Extract(article, ActorResolver.Default, RuleBook.All);

    public static ExtractionResult Extract(Article article, ActorResolver resolver, IReadOnlyList<EventRule> rules)
    {
        var analysis = new ArticleAnalysis(article, resolver);
        var candidates = RuleEngine.Run(analysis, rules);
        var events = Consolidation.Run(analysis, candidates);
        return new ExtractionResult(analysis.Sentences.Select(s => s.Sentence).ToArray(), events);
    }
}
