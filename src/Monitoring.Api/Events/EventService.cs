using Marten;
using Monitoring.Api.Relationships;
using Monitoring.Store.Articles;
using Monitoring.Store.Events;

namespace Monitoring.Api.Events;

/// <summary>The reported events as both faces list them (<c>GET /events</c>, <c>monitor events</c>).</summary>
public sealed class EventService(IDocumentStore store)
{
    /// <param name="actor">The actor as typed (a code or a name), resolved as everywhere else; null for every actor.</param>
    public async Task<Answer<IReadOnlyList<ListedEvent>>> ListAsync(EventFilter filter, string? actor, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        if (filter.ArticleId is { } article) filter = filter with { ArticleId = ArticleStream.IdAsTyped(article) };
        if (actor is { Length: > 0 })
        {
            var code = await Actors.ResolveAsync(session, actor, "actor", ct);
            if (code.Refusal is { } unknown) return unknown;
            filter = filter with { Actor = code.Value };
        }
        return new Answer<IReadOnlyList<ListedEvent>>(await EventQueries.ListAsync(session, filter, ct), null);
    }
}
