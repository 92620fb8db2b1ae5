using Marten;
using Monitoring.Notifications.Detection;
using Monitoring.Notifications.Subscriptions;

namespace Monitoring.Notifications.Feed;

/// <summary>The change feed as both faces read it: <c>/notifications</c> and its SSE stream, and <c>monitor watch</c>.</summary>
public sealed class ChangeStream(IDocumentStore store, ChangeSignal signal, NotificationSettings settings)
{
    /// <summary>The id of the newest change, 0 when there is none: a stream that starts "now" resumes after it.</summary>
    public async Task<long> LatestAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await ChangeFeed.LatestAsync(session, ct);
    }

    public async Task<IReadOnlyList<RelationshipChanged>> AfterAsync(long after, int limit, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await ChangeFeed.AfterAsync(session, after, limit, ct);
    }

    /// <summary>Every matching change after <paramref name="after"/> as it is recorded, until cancelled.</summary>
    public IAsyncEnumerable<RelationshipChanged> FollowAsync(long after, ChangeFilter filter, CancellationToken ct) =>
        ChangeFeed.FollowAsync(store, after, filter, signal, settings.StreamPollInterval, ct);
}
