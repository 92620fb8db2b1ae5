using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Monitoring.Store.Articles;

/// <summary>Which stored articles to list: a text search (PostgreSQL's web-search syntax) and publication dates, newest recorded first.</summary>
/// <param name="BeforeSequence">Only articles recorded before this store sequence: the cursor of the next page.</param>
public sealed record ArticleQuery(string? Search = null, DateOnly? From = null, DateOnly? To = null, string? Publisher = null,
    long? BeforeSequence = null, int Limit = 100);

/// <summary>A stored article as listed: what identifies it and where it comes from, without its text.</summary>
public sealed record ListedArticle(string ArticleId, string? Title, string? Publisher, string? Url, DateOnly Published, string ExtractorVersion,
    int Sentences, DateTimeOffset RecordedAt, long Sequence);

/// <summary>
/// The article list and its full-text search, over the stored <see cref="ArticleIngested"/> events: title and text in
/// English (stemmed: "withdrew" finds "withdrawal"), so a quoted sentence is found through its article. The search reads
/// the event table (no index of its own yet: a scan, quick at tens of thousands of articles; an expression index on the
/// event table is the step for millions).
/// </summary>
public static class ArticleSearch
{
    public static async Task<IReadOnlyList<ListedArticle>> ListAsync(IQuerySession session, ArticleQuery query, CancellationToken ct = default)
    {
        await using var connection = session.Database.CreateConnection();
        await connection.OpenAsync(ct);
        var sql = $"""
            select data->>'articleId', data->>'title', data->>'publisher', data->>'url', (data->>'published')::date,
                   data->>'extractorVersion', coalesce((data->>'sentenceCount')::int, 0), timestamp, seq_id
            from {MartenTables.EventTable(session.DocumentStore)}
            where type = '{MartenTables.ArticleIngestedType}'
              and (@before::bigint is null or seq_id < @before)
              and (@from::date is null or (data->>'published')::date >= @from)
              and (@to::date is null or (data->>'published')::date <= @to)
              and (@publisher::text is null or data->>'publisher' ilike @publisher)
              and (@search::text is null or to_tsvector('english', coalesce(data->>'title', '') || ' ' || coalesce(data->>'text', ''))
                   @@ websearch_to_tsquery('english', @search))
            order by seq_id desc
            limit @limit
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter("before", NpgsqlDbType.Bigint) { Value = (object?)query.BeforeSequence ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Date) { Value = (object?)query.From ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.Date) { Value = (object?)query.To ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("publisher", NpgsqlDbType.Text) { Value = query.Publisher is { Length: > 0 } p ? p : DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("search", NpgsqlDbType.Text) { Value = query.Search is { Length: > 0 } s ? s : DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = query.Limit });
        var articles = new List<ListedArticle>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            articles.Add(new ListedArticle(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetFieldValue<DateOnly>(4), reader.GetString(5), reader.GetInt32(6),
                reader.GetFieldValue<DateTimeOffset>(7), reader.GetInt64(8)));
        return articles;
    }
}
