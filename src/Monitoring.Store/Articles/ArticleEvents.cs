using Monitoring.Domain;
using Monitoring.Domain.Relationships;

namespace Monitoring.Store.Articles;

// The events of an article stream (stream key: "article-" + content hash). The article comes first,
// then every event the extractor read in it. Nothing is updated in place: a re-extraction appends
// ArticleReextracted and the new version's events after the old ones.

/// <summary>An article entered the store. The text is kept so that a new extractor version can re-read it.</summary>
public sealed record ArticleIngested(
    string ArticleId,
    string ContentHash,
    string? Title,
    string? Publisher,
    string? Url,
    DateOnly Published,
    string Format,
    string Text,
    string WireFingerprint,
    string ExtractorVersion,
    int SentenceCount,
    bool PublicationUnstated = false);

/// <summary>The article reports a real-world event (one of the vocabulary's types), with its provenance.</summary>
public sealed record EventReported(Guid ReportId, ArticleSource Article, ExtractedEvent Event, string ExtractorVersion)
{
    /// <summary>The relationship histories this report belongs to: its actor pairs, or the country itself for a coup.</summary>
    public IReadOnlyList<string> HistoryIds() => HistoryIdsOf(Event);

    /// <summary>The histories an event is filed under, whoever reported it (an article, or an analyst's correction).</summary>
    public static IReadOnlyList<string> HistoryIdsOf(ExtractedEvent e) =>
        e.Shape == ActorShape.Country
            ? e.Source is { } country ? [country] : []
            : e.Pairs().Select(p => p.Id).Distinct().ToList();
}

/// <summary>The article was read again by a newer extractor: its events of the old version no longer count from now on.</summary>
/// <param name="AffectedHistories">Every relationship history that held an event of the superseded version.</param>
public sealed record ArticleReextracted(string ArticleId, string SupersededVersion, string NewVersion, IReadOnlyList<string> AffectedHistories);
