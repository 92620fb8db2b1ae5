using Monitoring.Extraction.Reading;

namespace Monitoring.Feeds;

/// <summary>
/// Where followed sources hand their articles: the service implements it over its one ingestion entry point. It must be
/// idempotent on the text (the same text twice is a <see cref="IngestStatus.Duplicate"/> and appends nothing): feeds
/// skip the URLs they have seen, but only the store knows every text.
/// </summary>
public interface IArticleSink
{
    Task<IngestOutcome> IngestAsync(Article article, CancellationToken ct);
}

public enum IngestStatus { Accepted, Duplicate, Rejected }

/// <summary>What the sink did with one article: stored (with its id), already stored, or refused with the reason.</summary>
public sealed record IngestOutcome(IngestStatus Status, string? ArticleId = null, string? Reason = null)
{
    public static IngestOutcome Rejected(string reason) => new(IngestStatus.Rejected, null, reason);
}
