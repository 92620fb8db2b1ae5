using Marten;
using Monitoring.Feeds.DropFolders;
using Monitoring.Feeds.Fetching;
using Monitoring.Feeds.Polling;
using Monitoring.Notifications;
using Npgsql;
using Wolverine;

namespace Monitoring.Api.Feeds;

/// <summary>How often <see cref="FeedPolling"/> looks for due feeds (each feed keeps its own interval), and how long one fetch may take.</summary>
public sealed record FeedPollingOptions(TimeSpan Tick, TimeSpan? FetchTimeout = null)
{
    public static readonly FeedPollingOptions Default = new(TimeSpan.FromSeconds(15));
}

/// <summary>
/// <c>serve</c>'s following of sources: at every tick, each due feed is polled and each drop folder scanned, and the
/// feed's state stored. Several nodes may share the database: a feed is polled under a PostgreSQL advisory lock on its id,
/// so one node at a time polls a given feed, and its state is read again under the lock, so a poll another node just
/// finished is not repeated. It stops on the host's token: a poll in flight is cancelled and its entries are tried again
/// at the next poll (what was stored stays, and is a duplicate then).
/// </summary>
public sealed class FeedPolling(IDocumentStore store, IMessageBus bus, NotificationSettings notifications, FeedPollingOptions options, TimeProvider time,
    ILogger<FeedPolling> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var fetch = new FetchOptions { AllowPrivate = notifications.AllowPrivateUrls };
        using var fetcher = new FeedFetcher(options.FetchTimeout is { } timeout ? fetch with { Timeout = timeout } : fetch, time);
        var poller = new FeedPoller(fetcher, time);
        using var timer = new PeriodicTimer(options.Tick, time);
        do
        {
            try
            {
                await PollDueAsync(poller, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database away, say: nothing is lost (states are stored after each poll); try again at the next tick.
                log.LogWarning("feed polling: {Problem}", e.Message);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }

    /// <summary>One round: every due feed and every drop folder, one at a time.</summary>
    public async Task PollDueAsync(FeedPoller poller, CancellationToken ct)
    {
        IReadOnlyList<FollowedFeed> feeds;
        await using (var query = store.QuerySession()) feeds = await query.Query<FollowedFeed>().ToListAsync(ct);
        foreach (var feed in feeds.Where(f => PollPolicy.IsDue(f.State, time.GetUtcNow())))
            await PollOneAsync(poller, feed.Id, ct);
    }

    private async Task PollOneAsync(FeedPoller poller, string id, CancellationToken ct)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        var key = $"{store.Options.DatabaseSchemaName}/{id}";
        if (!await LockAsync(connection, "pg_try_advisory_lock", key, ct)) return; // another node polls it now
        try
        {
            await using var session = store.LightweightSession();
            if (await session.LoadAsync<FollowedFeed>(id, ct) is not { } feed || !PollPolicy.IsDue(feed.State, time.GetUtcNow())) return;
            var sink = new StoreArticleSink(bus, feed.Definition.Name ?? feed.Definition.Url);
            FeedState state;
            if (feed.FolderPath is { } path)
            {
                var outcomes = await new DropFolder(path, time).ScanAsync(sink, ct);
                var now = time.GetUtcNow();
                var accepted = outcomes.Sum(o => o.Accepted);
                state = feed.State with
                {
                    LastPoll = now, NextPoll = now + options.Tick, ConsecutiveErrors = 0, LastError = null,
                    LastNewArticle = accepted > 0 ? now : feed.State.LastNewArticle,
                };
            }
            else
            {
                try
                {
                    var result = await poller.PollAsync(feed.Definition, feed.State, sink, ct);
                    state = result.State;
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // Whatever one feed does, the others are polled, and its status says what went wrong.
                    state = PollPolicy.Failed(feed.State, feed.Definition.Interval, time.GetUtcNow(), e.Message);
                }
                if (state.LastError is { } error) log.LogWarning("feed {Feed}: {Problem}", feed.Definition.Name ?? feed.Id, error);
            }
            // Removed or paused meanwhile: keep that decision, not this poll's.
            if (await session.LoadAsync<FollowedFeed>(id, ct) is not { } current) return;
            session.Store(current with { State = current.State.Paused ? state with { Paused = true } : state });
            await session.SaveChangesAsync(ct);
        }
        finally
        {
            await LockAsync(connection, "pg_advisory_unlock", key, CancellationToken.None);
        }
    }

    private static async Task<bool> LockAsync(NpgsqlConnection connection, string function, string key, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select {function}(hashtextextended(@key, 0))", connection);
        command.Parameters.AddWithValue("key", key);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }
}
