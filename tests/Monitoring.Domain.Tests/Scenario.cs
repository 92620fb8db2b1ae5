using Monitoring.Domain;
using Monitoring.Domain.Relationships;

namespace Monitoring.Domain.Tests;

/// <summary>Small builders for recorded reports: one article, one report, both clocks.</summary>
public sealed class Scenario
{
    private long _sequence;
    private readonly DateTimeOffset _start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public List<RecordedEvent> Reports { get; } = [];
    public List<ExtractionSuperseded> Supersessions { get; } = [];

    public static ArticleSource Article(string id, string publisher, DateOnly published, string? wire = null) =>
        new(id, publisher, $"https://{publisher.ToLowerInvariant().Replace(' ', '-')}.example/{id}", published, null, wire ?? id);

    public RecordedEvent Report(ArticleSource article, WorldEventType type, string? source, string? target, EventDate date,
        Modality modality = Modality.Asserted, string? area = null, int? count = null, IReadOnlyList<string>? parties = null, double confidence = 0.8, string version = "1",
        bool actorsInferred = false)
    {
        _sequence++;
        var e = new ExtractedEvent(type, source, target, parties ?? [], area, count, date, modality, confidence, "test." + type, "1",
            [new Evidence(0, 0, 10, "quote " + _sequence)], actorsInferred);
        var r = new RecordedEvent(new Guid((int)_sequence, 0x5eed, 0, new byte[8]), article.ArticleId, _sequence, _start.AddMinutes(_sequence), article, e, version);
        Reports.Add(r);
        return r;
    }

    public ExtractionSuperseded Supersede(string articleId, string oldVersion, string newVersion)
    {
        _sequence++;
        var s = new ExtractionSuperseded(articleId, oldVersion, newVersion, _sequence, _start.AddMinutes(_sequence));
        Supersessions.Add(s);
        return s;
    }

    public RelationshipState StateOf(ActorPair pair, DateOnly? asOf = null, DateTimeOffset? recordedAt = null) =>
        Relationship.StateOf(pair, Reports, Supersessions, new Clocks(asOf, RecordedAt: recordedAt));

    public static DateOnly D(string s) => DateOnly.Parse(s);
}
