using Monitoring.Domain;
using Monitoring.Extraction.Reading;

namespace Monitoring.Extraction;

/// <summary>A sentence of an article with its exact span in <see cref="Article.OriginalText"/>.</summary>
public sealed record Sentence(int Index, int Start, int End, string Text);

public sealed record ExtractionResult(IReadOnlyList<Sentence> Sentences, IReadOnlyList<ExtractedEvent> Events);

/// <summary>STUB — owned by the extraction engine work; keep these signatures.</summary>
public static class Extractor
{
    /// <summary>Bumped whenever a rule, the gazetteer or the date resolver changes what is extracted.</summary>
    public const string Version = "0.1.0";

    public static ExtractionResult Extract(Article article) => new([], []);
}
