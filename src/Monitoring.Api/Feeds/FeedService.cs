using System.Security.Cryptography;
using System.Text;
using Marten;
using Monitoring.Feeds;
using Monitoring.Feeds.Polling;
using Monitoring.Notifications;

namespace Monitoring.Api.Feeds;

/// <summary>
/// Following sources, for both faces: add a feed or a drop folder, list them with their status, pause, resume and remove.
/// The polling itself is <see cref="FeedPolling"/>'s, in <c>serve</c>.
/// </summary>
public sealed class FeedService(IDocumentStore store, NotificationSettings notifications, TimeProvider time)
{
    /// <summary>Follows a source (a feed URL or <c>folder:PATH</c>); the same source twice is the same feed, unchanged.</summary>
    public async Task<Answer<FollowedFeed>> AddAsync(string source, string? name, string? publisher, string? every, CancellationToken ct)
    {
        var (followed, problem) = FollowedSource.Parse(source, notifications.AllowPrivateUrls);
        if (problem is not null) return new Refusal(RefusalKind.Invalid, "url", source, problem);
        TimeSpan? interval = null;
        if (every is { Length: > 0 })
        {
            var (parsed, wrong) = PollInterval.Parse(every);
            if (wrong is not null) return new Refusal(RefusalKind.Invalid, "every", every, wrong);
            interval = parsed;
        }
        if (name is { Length: > 200 }) return new Refusal(RefusalKind.Invalid, "name", name[..40] + "…", "at most 200 characters");
        if (publisher is { Length: > 200 }) return new Refusal(RefusalKind.Invalid, "publisher", publisher[..40] + "…", "at most 200 characters");
        var url = followed switch
        {
            FollowedSource.Folder f => FollowedSource.FolderPrefix + f.Path,
            FollowedSource.Feed f => f.Url,
            _ => source,
        };
        if (followed is FollowedSource.Folder folder && !Directory.Exists(folder.Path))
            return new Refusal(RefusalKind.Invalid, "url", source, $"the folder {folder.Path} does not exist");
        var id = IdOf(url);
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<FollowedFeed>(id, ct) is { } existing) return existing;
        var feed = new FollowedFeed(id, new FeedDefinition(id, url, name, publisher, interval), FeedState.New(time.GetUtcNow()), time.GetUtcNow());
        session.Store(feed);
        await session.SaveChangesAsync(ct);
        return feed;
    }

    public async Task<IReadOnlyList<FollowedFeed>> ListAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return (await session.Query<FollowedFeed>().ToListAsync(ct)).OrderBy(f => f.AddedAt).ThenBy(f => f.Id, StringComparer.Ordinal).ToList();
    }

    public Task<Answer<FollowedFeed>> PauseAsync(string id, CancellationToken ct) => ChangeAsync(id, f => f with { State = PollPolicy.Pause(f.State) }, ct);

    public Task<Answer<FollowedFeed>> ResumeAsync(string id, CancellationToken ct) =>
        ChangeAsync(id, f => f with { State = PollPolicy.Resume(f.State, time.GetUtcNow()) }, ct);

    /// <summary>Stops following; what was ingested from it stays.</summary>
    public async Task<Answer<FollowedFeed>> RemoveAsync(string id, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<FollowedFeed>(id, ct) is not { } feed) return Unknown(id);
        session.Delete<FollowedFeed>(id);
        await session.SaveChangesAsync(ct);
        return feed;
    }

    private async Task<Answer<FollowedFeed>> ChangeAsync(string id, Func<FollowedFeed, FollowedFeed> change, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<FollowedFeed>(id, ct) is not { } feed) return Unknown(id);
        var changed = change(feed);
        session.Store(changed);
        await session.SaveChangesAsync(ct);
        return changed;
    }

    private static Refusal Unknown(string id) => new(RefusalKind.UnknownFeed, "id", id, $"no followed feed has the id '{id}' (feeds list shows them)");

    /// <summary>The same source always gets the same id, so adding it twice follows it once.</summary>
    public static string IdOf(string url) => "feed-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..16];
}
