namespace Monitoring.Domain.Relationships;

/// <summary>The article a report comes from, as a reader of the timeline needs it without a lookup.</summary>
/// <param name="WireFingerprint">Equal for republished copies of the same wire story (hash of the normalised lead).</param>
/// <param name="PublicationUnstated">The article gave no publication date: it counts as published on the day it was
/// recorded (<see cref="RecordedEvent.PublishedOn"/>), and the timeline says so.</param>
public sealed record ArticleSource(string ArticleId, string? Publisher, string? Url, DateOnly Published, string? Title, string WireFingerprint,
    bool PublicationUnstated = false);

/// <summary>One stored report of an event: what the store knows about it, on both clocks.</summary>
/// <param name="EventId">Marten's id of the stored EventReported.</param>
/// <param name="Sequence">Global store sequence, monotonic with recorded time.</param>
/// <param name="RecordedAt">Recorded time: when the store appended the report.</param>
public sealed record RecordedEvent(
    Guid EventId,
    string ArticleId,
    long Sequence,
    DateTimeOffset RecordedAt,
    ArticleSource Article,
    ExtractedEvent Event,
    string ExtractorVersion)
{
    /// <summary>
    /// The report's place on the publication clock: its article's publication date, or, when the article stated none,
    /// the day it was recorded (UTC).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public DateOnly PublishedOn => Article.PublicationUnstated ? DateOnly.FromDateTime(RecordedAt.UtcDateTime) : Article.Published;
}

/// <summary>The extractor was re-run on an article: its events of <see cref="SupersededVersion"/> stop counting from <see cref="RecordedAt"/> on.</summary>
public sealed record ExtractionSuperseded(string ArticleId, string SupersededVersion, string NewVersion, long Sequence, DateTimeOffset RecordedAt);
