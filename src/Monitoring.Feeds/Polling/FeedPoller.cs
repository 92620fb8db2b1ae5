using Monitoring.Extraction.Reading;
using Monitoring.Feeds.Fetching;
using Monitoring.Feeds.Syndication;

namespace Monitoring.Feeds.Polling;

/// <summary>What one entry of a poll became: accepted, a duplicate of a stored text, or rejected with the reason.</summary>
public sealed record EntryOutcome(string Key, string? Url, string? Title, IngestStatus Status, string? ArticleId, string? Reason);

/// <summary>An entry left for the next poll: its linked page could not be fetched for now (a timeout, a 5xx).</summary>
public sealed record DeferredEntry(string Key, string? Url, string Reason);

/// <summary>One poll: the feed's new state, what happened to each entry not seen before, and the entries left for later.</summary>
public sealed record PollResult(FeedState State, IReadOnlyList<EntryOutcome> Entries, IReadOnlyList<DeferredEntry>? Deferred = null)
{
    public string? Error => State.LastError;
    public int Accepted => Entries.Count(e => e.Status == IngestStatus.Accepted);
}

/// <summary>
/// Polls a feed once: a conditional GET, the document read, every entry not seen before (by key or URL) made an article,
/// from its content or from its linked page, and handed to the sink. Whether the feed is due is the caller's question
/// (<see cref="PollPolicy.IsDue"/>); this polls when asked.
/// </summary>
public sealed class FeedPoller(FeedFetcher fetcher, TimeProvider time)
{
    public async Task<PollResult> PollAsync(FeedDefinition feed, FeedState state, IArticleSink sink, CancellationToken ct)
    {
        var fetched = await fetcher.GetFeedAsync(feed.Url, state.ETag, state.LastModified, ct);
        var now = time.GetUtcNow();
        switch (fetched)
        {
            case FetchResult.NotModified:
                return new PollResult(PollPolicy.NotModified(state, feed.Interval, now), []);
            case FetchResult.Failed failed:
                return new PollResult(PollPolicy.Failed(state, feed.Interval, now, failed.Reason, failed.Status is 429 or 503 ? failed.RetryAfter : null), []);
        }
        var body = (FetchResult.Fetched)fetched;
        FeedDocument document;
        try
        {
            document = FeedReader.Read(body.Body, body.Url);
        }
        catch (FeedFormatException e)
        {
            return new PollResult(PollPolicy.Failed(state, feed.Interval, now, e.Message), []);
        }

        var seen = new HashSet<string>(state.Seen, StringComparer.Ordinal);
        var newlySeen = new List<string>();
        var outcomes = new List<EntryOutcome>();
        var deferred = new List<DeferredEntry>();
        // Oldest first, so a feed's history is stored in the order it was published; undated entries last, bottom of the
        // feed first (feeds list the newest at the top).
        var fresh = document.Entries
            .Select((entry, i) => (entry, i))
            .Where(x => !seen.Contains(x.entry.Key) && (x.entry.Link is null || !seen.Contains(x.entry.Link)))
            .OrderBy(x => x.entry.Published ?? DateTimeOffset.MaxValue).ThenByDescending(x => x.i)
            .Select(x => x.entry)
            .DistinctBy(e => e.Key)
            .ToList();
        foreach (var entry in fresh)
        {
            EntryOutcome? outcome;
            try
            {
                outcome = await IngestAsync(feed, document, entry, sink, deferred, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // The store could not take it (database down...): the feed counts an error and the entry is tried again.
                var failedAt = time.GetUtcNow();
                return new PollResult(PollPolicy.Failed(state, feed.Interval, failedAt, $"storing an article failed: {FeedReader.FirstLine(e.Message)}",
                    null, newlySeen), outcomes, deferred);
            }
            if (outcome is null) continue;
            outcomes.Add(outcome);
            newlySeen.Add(entry.Key);
            if (entry.Link is not null) newlySeen.Add(entry.Link);
        }
        var accepted = outcomes.Any(o => o.Status == IngestStatus.Accepted);
        // With an entry left for later, the validators are not kept: a 304 next time would hide that entry for good.
        var (etag, lastModified) = deferred.Count == 0 ? (body.ETag, body.LastModified) : (null, null);
        return new PollResult(PollPolicy.Succeeded(state, feed.Interval, time.GetUtcNow(), etag, lastModified, newlySeen, accepted), outcomes, deferred);
    }

    /// <summary>Null when the entry's page could not be fetched for now (a timeout, a 5xx): it is tried at the next poll.</summary>
    private async Task<EntryOutcome?> IngestAsync(FeedDefinition feed, FeedDocument document, FeedEntry entry, IArticleSink sink,
        List<DeferredEntry> deferred, CancellationToken ct)
    {
        var metadata = entry.Metadata(feed.Publisher ?? entry.Publisher ?? document.Title);
        EntryOutcome Rejected(string reason) => new(entry.Key, entry.Link, entry.Title, IngestStatus.Rejected, null, reason);
        // An entry that states no publication date (nor its page) counts as published the day it was read.
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        Article article;
        try
        {
            if (!entry.SummaryOnly)
            {
                article = ArticleReader.Read(entry.Content!, entry.ContentFormat, metadata, today);
            }
            else
            {
                if (entry.Link is null) return Rejected("the entry is only a summary and has no link to read the article from");
                switch (await fetcher.GetPageAsync(entry.Link, ct))
                {
                    case FetchResult.Failed { Transient: true } later:
                        deferred.Add(new DeferredEntry(entry.Key, entry.Link, later.Reason));
                        return null;
                    case FetchResult.Failed failed:
                        return Rejected(failed.Reason);
                    case FetchResult.Fetched page:
                        var format = page.MediaType == "text/plain" ? ArticleFormat.Text : ArticleFormat.Html;
                        article = page.DeclaredText() is { } text
                            ? ArticleReader.Read(text, format, metadata, today)
                            : ArticleReader.Read(page.Body, format, metadata, today);
                        break;
                    default:
                        return Rejected("the linked page answered 304 to an unconditional request");
                }
            }
        }
        catch (ArticleRejectedException e)
        {
            return Rejected(e.Message);
        }
        var result = await sink.IngestAsync(article, ct);
        return new EntryOutcome(entry.Key, entry.Link, entry.Title, result.Status, result.ArticleId, result.Reason);
    }
}
