using Marten;

namespace Monitoring.Store;

/// <summary>
/// The one place Store names Marten's own tables and columns in SQL: the stream table (whether an article is stored), the event table (the article list and its search) and
/// the document tables with their <c>mt_last_modified</c> column (what the history cache checks). Marten owns these
/// names; after an upgrade of Marten, this file and its tests (BulkImportTests, HistoryCacheTests) are what to check.
/// </summary>
public static class MartenTables
{
    /// <summary>Marten's names of the event types the queries filter on (its snake_case alias of each event class).</summary>
    public const string ArticleIngestedType = "article_ingested";

    public const string EventReportedType = "event_reported";

    public const string ArticleReextractedType = "article_reextracted";

    public const string CorrectionRecordedType = "correction_recorded";

    /// <summary>Marten's modification time of a document row (set by PostgreSQL at write).</summary>
    public const string LastModified = "mt_last_modified";

    /// <summary>The qualified table of a document type, as Marten names it.</summary>
    public static string DocumentTable<T>(IDocumentStore store) => store.Options.FindOrResolveDocumentType(typeof(T)).TableName.QualifiedName;

    /// <summary>The schema and table of a document type apart, as the catalogue (<c>pg_indexes</c>) names them.</summary>
    public static (string Schema, string Table) DocumentTableParts<T>(IDocumentStore store)
    {
        var name = store.Options.FindOrResolveDocumentType(typeof(T)).TableName;
        return (name.Schema, name.Name);
    }

    /// <summary>The qualified event table (<c>mt_events</c>: seq_id, type, data, timestamp...), which the article list searches.</summary>
    public static string EventTable(IDocumentStore store) => $"{store.Options.Events.DatabaseSchemaName}.mt_events";

    /// <summary>Which of these stream keys are stored: one statement on Marten's stream table.</summary>
    public static async Task<HashSet<string>> StoredStreamsAsync(IQuerySession session, IReadOnlyCollection<string> keys, CancellationToken ct) =>
        (await session.QueryAsync<string>($"select id from {session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_streams where id = ANY(?)", ct,
            [keys.ToArray()])).ToHashSet(StringComparer.Ordinal);
}
