using System.Text.Json;
using System.Text.Json.Serialization;
using Monitoring.Domain;
using Monitoring.Extraction.Reading;

namespace Monitoring.Extraction.Evaluation;

/// <summary>A gold file in the format of seeds/expected.json: per article, the events an analyst reads and the statements that must yield none.</summary>
public sealed record GoldSet(string? About, IReadOnlyList<GoldArticle> Articles)
{
    public static GoldSet Parse(string json)
    {
        var file = JsonSerializer.Deserialize<FileModel>(json, Options) ?? throw new FormatException("empty gold file");
        var articles = (file.Articles ?? []).Select(a => new GoldArticle(
            a.File ?? throw new FormatException("a gold article has no \"file\""),
            (a.Events ?? []).Select(ToEvent).ToArray(),
            (a.MustNot ?? []).Select(m => new GoldMustNot(m.Quote ?? "", m.Type is null ? null : ParseType(m.Type), m.Why)).ToArray())).ToArray();
        return new GoldSet(file.About, articles);
    }

    private static GoldEvent ToEvent(EventModel e)
    {
        var precision = e.Precision is null ? (e.Date is null ? DatePrecision.Unknown : DatePrecision.Day) : Vocabulary.ParsePrecision(e.Precision);
        DateOnly? value = e.Date is null ? null : precision switch
        {
            DatePrecision.Year => new DateOnly(int.Parse(e.Date[..4]), 1, 1),
            DatePrecision.Month => new DateOnly(int.Parse(e.Date[..4]), int.Parse(e.Date[5..7]), 1),
            _ => DateOnly.Parse(e.Date[..10], System.Globalization.CultureInfo.InvariantCulture),
        };
        var date = new EventDate(precision == DatePrecision.Unknown ? null : value, precision, Day(e.NotBefore), Day(e.NotAfter));
        return new GoldEvent(ParseType(e.Type ?? throw new FormatException("a gold event has no type")), e.Source, e.Target, e.Parties ?? [], e.Area, e.Count, date,
            e.Modality is null ? Modality.Asserted : Vocabulary.ParseModality(e.Modality), e.Quote ?? "", e.Optional, (e.AlsoAccept ?? []).Select(ParseType).ToArray(), e.Note);
    }

    private static DateOnly? Day(string? s) => s is null ? null : DateOnly.Parse(s[..10], System.Globalization.CultureInfo.InvariantCulture);

    public static WorldEventType ParseType(string s) => Enum.Parse<WorldEventType>(s, ignoreCase: true);

    internal static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private sealed record FileModel(string? About, List<ArticleModel>? Articles);
    private sealed record ArticleModel(string? File, List<EventModel>? Events, [property: JsonPropertyName("must_not")] List<MustNotModel>? MustNot);
    private sealed record MustNotModel(string? Quote, string? Why, string? Type);
    private sealed record EventModel(string? Type, string? Source, string? Target, List<string>? Parties, string? Area, int? Count, string? Date, string? Precision,
        [property: JsonPropertyName("not_before")] string? NotBefore, [property: JsonPropertyName("not_after")] string? NotAfter, string? Modality, string? Quote,
        bool Optional, [property: JsonPropertyName("also_accept")] List<string>? AlsoAccept, string? Note);
}

public sealed record GoldArticle(string File, IReadOnlyList<GoldEvent> Events, IReadOnlyList<GoldMustNot> MustNot);

public sealed record GoldEvent(WorldEventType Type, string? Source, string? Target, IReadOnlyList<string> Parties, string? Area, int? Count, EventDate Date,
    Modality Modality, string Quote, bool Optional, IReadOnlyList<WorldEventType> AlsoAccept, string? Note);

public sealed record GoldMustNot(string Quote, WorldEventType? Type, string? Why);

/// <summary>A manifest.json next to the articles: file → what the user knows of it (publisher, url, publication date or date-time).</summary>
public static class ManifestFile
{
    public static IReadOnlyDictionary<string, ArticleMetadata> Parse(string json)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var result = new Dictionary<string, ArticleMetadata>(StringComparer.Ordinal);
        var list = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement
            : doc.RootElement.TryGetProperty("articles", out var a) ? a : throw new FormatException("manifest: expected an \"articles\" list");
        foreach (var item in list.EnumerateArray())
        {
            string? Str(string name) => item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var file = Str("file") ?? throw new FormatException("manifest: an entry has no \"file\"");
            var publishedRaw = Str("published");
            var published = DateLine.ParseLoose(publishedRaw);
            if (publishedRaw is not null && published is null) throw new FormatException($"manifest: '{publishedRaw}' is not a date ({file})");
            result[file] = new ArticleMetadata(Str("title"), Str("publisher"), Str("url"), published);
        }
        return result;
    }
}
