using Marten;

namespace Monitoring.Store.Articles.Ingesting;

/// <summary>
/// Whether an article is stored already, decided here for every way in: a stream with its key exists. A concurrent
/// twin that stores it between this question and the commit loses on the stream key, and is a duplicate too. A stream
/// counts as stored only whole: a bulk import whose process died between its two COPYs is completed first
/// (<see cref="IngestBatch.RecoverAsync"/>), so that re-ingesting its articles finds them with their history.
/// </summary>
public static class StoredArticles
{
    public static async Task<HashSet<string>> KeysAsync(IQuerySession session, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        await IngestBatch.RecoverAsync(session.DocumentStore, ct);
        return await MartenTables.StoredStreamsAsync(session, keys, ct);
    }

    public static async Task<bool> ContainsAsync(IQuerySession session, string key, CancellationToken ct) =>
        (await KeysAsync(session, [key], ct)).Count > 0;
}
