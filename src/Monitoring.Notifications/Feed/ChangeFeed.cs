using System.Runtime.CompilerServices;
using Marten;
using Monitoring.Notifications.Detection;
using Monitoring.Notifications.Subscriptions;

namespace Monitoring.Notifications.Feed;

/// <summary>The stored changes as a feed ordered by id: what SSE streams and <c>monitor watch</c> read.</summary>
public static class ChangeFeed
{
    public static async Task<IReadOnlyList<RelationshipChanged>> AfterAsync(IQuerySession session, long after, int limit, CancellationToken ct) =>
        await session.Query<RelationshipChanged>().Where(c => c.Id > after).OrderBy(c => c.Id).Take(limit).ToListAsync(ct);

    /// <summary>The id of the newest change, 0 when there is none: a stream that starts "now" resumes after it.</summary>
    public static async Task<long> LatestAsync(IQuerySession session, CancellationToken ct) =>
        await session.Query<RelationshipChanged>().OrderByDescending(c => c.Id).Select(c => c.Id).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Every change after <paramref name="after"/> that matches the filter, as it is recorded, until cancelled.
    /// Ids only grow in commit order (see <see cref="RelationshipChanged.Id"/>), so a cursor never skips one.
    /// </summary>
    public static async IAsyncEnumerable<RelationshipChanged> FollowAsync(IDocumentStore store, long after, ChangeFilter filter, ChangeSignal signal,
        TimeSpan poll, [EnumeratorCancellation] CancellationToken ct)
    {
        var cursor = after;
        while (!ct.IsCancellationRequested)
        {
            IReadOnlyList<RelationshipChanged> page;
            await using (var session = store.QuerySession())
                page = await AfterAsync(session, cursor, 200, ct);
            foreach (var change in page)
            {
                cursor = change.Id;
                if (filter.Matches(change)) yield return change;
            }
            if (page.Count < 200) await signal.WaitAsync(poll, ct);
        }
    }
}
