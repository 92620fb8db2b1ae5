using System.Text.Json;
using System.Text.Json.Serialization;
using Monitoring.Extraction.Reading;

namespace Monitoring.Corpus;

/// <summary>A gold event in the format of seeds/expected.json: what a careful reader finds in the article.</summary>
public sealed record GoldEvent(
    string Type,
    string? Source,
    string? Target,
    IReadOnlyList<string>? Parties,
    string? Area,
    int? Count,
    string? Date,
    string Precision,
    string? NotBefore,
    string? NotAfter,
    string Modality,
    string Quote);

/// <summary>A statement that must produce no event of the given type (a negation or a hypothesis).</summary>
public sealed record GoldMustNot(string Type, string Quote);

/// <summary>One synthetic article; republications of a story share <see cref="Story"/> and the gold events.</summary>
public sealed record GeneratedArticle(
    string Id,
    string Story,
    string Publisher,
    string Url,
    DateOnly Published,
    string Title,
    string Text,
    IReadOnlyList<GoldEvent> Events,
    IReadOnlyList<GoldMustNot> MustNot)
{
    public ArticleMetadata Metadata => new(Title, Publisher, Url, Published);
}

public static class CorpusJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
