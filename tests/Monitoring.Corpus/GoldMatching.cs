using Monitoring.Domain;

namespace Monitoring.Corpus;

/// <summary>
/// The matching rule of seeds/expected.json: an extracted event matches a gold event when type, actors and date
/// agree; dates agree when equal at the gold's precision; unknown gold dates are not compared.
/// </summary>
public static class GoldMatching
{
    public static bool Matches(GoldEvent gold, ExtractedEvent e)
    {
        if (gold.Type != e.Type.ToString()) return false;
        var actorsAgree = e.Shape switch
        {
            ActorShape.Parties => gold.Parties is { } p && p.Order(StringComparer.Ordinal).SequenceEqual(e.Parties.Order(StringComparer.Ordinal)),
            ActorShape.Country => gold.Source == e.Source,
            _ => gold.Source == e.Source && gold.Target == e.Target,
        };
        if (!actorsAgree) return false;
        if (gold.Date is null || gold.Precision == "unknown") return true;
        if (e.Date.Value is not { } d) return false;
        var format = gold.Precision switch { "day" => "yyyy-MM-dd", "month" => "yyyy-MM", _ => "yyyy" };
        return d.ToString(format) == gold.Date;
    }

    /// <summary>(gold events matched, extracted events that match some gold event, must-not violations).</summary>
    public static (int Matched, int MatchedExtracted, int Violations) Score(GeneratedArticle article, IReadOnlyList<ExtractedEvent> extracted)
    {
        var matched = article.Events.Count(g => extracted.Any(e => Matches(g, e)));
        var matchedExtracted = extracted.Count(e => article.Events.Any(g => Matches(g, e)));
        var violations = article.MustNot.Count(m => extracted.Any(e => e.Type.ToString() == m.Type &&
            e.Evidence.Any(ev => m.Quote.Contains(ev.Quote, StringComparison.Ordinal) || ev.Quote.Contains(m.Quote, StringComparison.Ordinal))));
        return (matched, matchedExtracted, violations);
    }
}
