using Marten;
using Monitoring.Store.Articles;

namespace Monitoring.Api.Articles;

/// <summary>The stored articles as both faces list and search them (<c>GET /articles</c>, <c>monitor articles</c>).</summary>
public sealed class ArticleService(IDocumentStore store)
{
    public async Task<IReadOnlyList<ListedArticle>> ListAsync(ArticleQuery query, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await ArticleSearch.ListAsync(session, query, ct);
    }
}
