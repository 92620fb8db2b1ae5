namespace Monitoring.Extraction.Reading;

/// <summary>What the caller (or a manifest.json) knows about an article. Anything null is read from the text when it can be.</summary>
public sealed record ArticleMetadata(string? Title = null, string? Publisher = null, string? Url = null, DateOnly? Published = null);

public enum ArticleFormat { Text, Json, Html }

/// <summary>
/// An article ready for extraction. <see cref="OriginalText"/> is the text as given (for HTML and JSON: the
/// extracted main text); every character offset the extractor emits indexes into it.
/// <see cref="ContentHash"/> (SHA-256, lower-case hex, over the whitespace-normalised body) identifies it for idempotent ingestion.
/// <see cref="PublicationUnstated"/>: the article gave no publication date, and <see cref="Published"/> is the day it was received.
/// </summary>
public sealed record Article(
    string OriginalText,
    string? Title,
    string? Publisher,
    string? Url,
    DateOnly Published,
    string ContentHash,
    bool PublicationUnstated = false);

/// <summary>Bad input (empty, binary, huge, undated, malformed): the message names the problem in one line.</summary>
public sealed class ArticleRejectedException(string reason) : Exception(reason);
