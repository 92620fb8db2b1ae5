using Monitoring.Domain;
using Monitoring.Extraction.Reading;

namespace Monitoring.Extraction.Tests;

internal static class Helpers
{
    public static Article Article(string text, string published) =>
        ArticleReader.Read(text, ArticleFormat.Text, new ArticleMetadata(Published: DateOnly.Parse(published)));

    public static IReadOnlyList<ExtractedEvent> Extracted(string text, string published) => Extractor.Extract(Article(text, published)).Events;

    public static ExtractedEvent Single(string text, string published, WorldEventType type)
    {
        var events = Extracted(text, published).Where(e => e.Type == type).ToList();
        Assert.True(events.Count == 1, $"expected one {type}, got: {Describe(Extracted(text, published))}");
        return events[0];
    }

    public static void None(string text, string published, WorldEventType type)
    {
        var events = Extracted(text, published);
        Assert.True(events.All(e => e.Type != type), $"expected no {type}, got: {Describe(events)}");
    }

    public static string Describe(IEnumerable<ExtractedEvent> events) =>
        string.Join(" | ", events.Select(e => $"{e.Type} {(e.Shape == ActorShape.Parties ? string.Join("+", e.Parties) : $"{e.Source}->{e.Target}")} {e.Date} {e.Modality.ToCode()} {e.RuleId}"));
}
