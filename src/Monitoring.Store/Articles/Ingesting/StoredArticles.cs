using Marten;

namespace Monitoring.Store.Articles.Ingesting;

/// <summary>
/// Whether an article is stored already, decided here for every way in: a stream with its key exists. A concurrent
/// twin that stores it between this question and the commit loses on the stream key, and is a duplicate too.
/// </summary>
public static class StoredArticles
{
    public static Task<HashSet<string>> KeysAsync(IQuerySession session, IReadOnlyCollection<string> keys, CancellationToken ct) =>
        MartenTables.StoredStreamsAsync(session, keys, ct);

    public static async Task<bool> ContainsAsync(IQuerySession session, string key, CancellationToken ct) =>
        (await KeysAsync(session, [key], ct)).Count > 0;
}
