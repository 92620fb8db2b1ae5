using Monitoring.Domain.Relationships;

namespace Monitoring.Domain.Review;

/// <summary>
/// What an analyst's correction binds to: one event as one article reports it, named by what the article says rather than
/// by the report's id. A report id derives from the extractor version and the event's index in the extraction, so a
/// re-extraction names the same event anew; this key is the article, the sentence its first evidence is in, the type and
/// the actors (source and target, the country, or the sorted parties), which a re-reading of the same sentence gives again.
/// Written as <c>article-…/SENTENCE/type_code/ACTORS</c>, e.g. <c>article-9c09…/4/agreement_denounced/NER&gt;USA</c>.
/// </summary>
public sealed record ReportedEventKey(string ArticleId, int Sentence, WorldEventType Type, string Actors)
{
    public static ReportedEventKey Of(string articleId, ExtractedEvent e) =>
        new(articleId, e.Evidence.Count == 0 ? -1 : e.Evidence[0].SentenceIndex, e.Type, ActorsOf(e));

    public static ReportedEventKey Of(RecordedEvent r) => Of(r.ArticleId, r.Event);

    /// <summary>The key of one report of a timeline entry (its reports share the entry's type and actors).</summary>
    public static ReportedEventKey Of(TimelineEntry entry, SourceReport r) =>
        new(r.ArticleId, r.Evidence.Count == 0 ? -1 : r.Evidence[0].SentenceIndex, entry.Type, Vocabulary.ShapeOf(entry.Type) switch
        {
            ActorShape.Parties => string.Join(",", entry.Parties.Order(StringComparer.Ordinal)),
            ActorShape.Country => entry.Source ?? "",
            _ => $"{entry.Source}>{entry.Target}",
        });

    /// <summary>source&gt;target for a directed type, the country for a coup, the sorted parties joined by commas.</summary>
    public static string ActorsOf(ExtractedEvent e) => e.Shape switch
    {
        ActorShape.Parties => string.Join(",", e.Parties.Order(StringComparer.Ordinal)),
        ActorShape.Country => e.Source ?? "",
        _ => $"{e.Source}>{e.Target}",
    };

    public override string ToString() => $"{ArticleId}/{Sentence}/{Type.Code()}/{Actors}";

    /// <summary>The key as printed by <see cref="ToString"/> (any case); null when the text is not one.</summary>
    public static ReportedEventKey? Parse(string text)
    {
        var parts = text.Trim().Split('/');
        if (parts.Length != 4 || !parts[0].StartsWith("article-", StringComparison.OrdinalIgnoreCase)) return null;
        if (!int.TryParse(parts[1], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var sentence)) return null;
        if (Vocabulary.ParseType(parts[2]) is not { } type || parts[3].Length == 0) return null;
        return new ReportedEventKey(parts[0].ToLowerInvariant(), sentence, type, parts[3].ToUpperInvariant());
    }
}
