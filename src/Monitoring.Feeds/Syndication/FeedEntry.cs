using Monitoring.Extraction.Reading;

namespace Monitoring.Feeds.Syndication;

public enum FeedKind { Rss20, Atom10, JsonFeed }

/// <summary>A feed document as read: its kind, title (the publisher unless the feed is told otherwise), its entries.</summary>
public sealed record FeedDocument(FeedKind Kind, string? Title, IReadOnlyList<FeedEntry> Entries);

/// <summary>
/// One entry of a feed, the candidate for an article. <see cref="Key"/> identifies it across polls (its id or guid, else
/// its link). <see cref="Content"/> is the entry's full content in <see cref="ContentFormat"/>; when it is null the entry
/// is only a summary and its <see cref="Link"/> must be fetched and read.
/// </summary>
public sealed record FeedEntry(
    string Key,
    string? Title,
    string? Link,
    DateTimeOffset? Published,
    string? Publisher,
    string? Content,
    ArticleFormat ContentFormat)
{
    public bool SummaryOnly => Content is null;

    /// <summary>What the entry says of the article; the caller's publisher (a feed added with --publisher) wins.</summary>
    public ArticleMetadata Metadata(string? publisher) =>
        new(Title, publisher ?? Publisher, Link, Published is { } p ? DateOnly.FromDateTime(p.UtcDateTime) : null);
}

/// <summary>A document that is not a feed Monitor can read; the message names the problem in one line.</summary>
public sealed class FeedFormatException(string message) : Exception(message);
