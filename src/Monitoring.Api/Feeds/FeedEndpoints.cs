using Monitoring.Api.Hosting;
using Monitoring.Api.Keys;

namespace Monitoring.Api.Feeds;

/// <summary>What POST /feeds takes: the source (a feed URL or folder:PATH) and, optionally, its name, publisher and interval.</summary>
public sealed record FollowFeed(string Url, string? Name = null, string? Publisher = null, string? Every = null);

/// <summary>
/// HTTP: the followed sources (<see cref="FeedService"/>); every call under /feeds needs a key (the URLs followed are the
/// operator's business), except /feeds/status, a read as open as any other: how each source is doing, without its address.
/// </summary>
public static class FeedEndpoints
{
    public static IEndpointRouteBuilder MapFeedEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/feeds/status", async (FeedService service, CancellationToken ct) =>
                Results.Json(new Page<FeedStatus>((await service.ListAsync(ct)).Select(FeedStatus.Of).ToList(), null), Store.MonitorJson.Options))
            .WithTags("Feeds")
            .Produces<Page<FeedStatus>>()
            .WithSummary("How each followed source is doing, open like every read")
            .WithDescription("Name, kind (feed or folder), state (active or paused), last poll, last new article, consecutive errors, next poll; "
                             + "oldest first, every source in one page (next is null). No URL, path or error text: those are on /feeds, with a key.");
        var feeds = app.MapGroup("/feeds").WithTags("Feeds").RequireKeyForReads().RequireScope(ApiKeyScope.Admin);
        feeds.MapPost("", async (FollowFeed request, FeedService service, CancellationToken ct) =>
                Answer(await service.AddAsync(request.Url, request.Name, request.Publisher, request.Every, ct), StatusCodes.Status201Created))
            .Accepts<FollowFeed>("application/json")
            .WithSummary("Follow a feed (RSS 2.0, Atom, JSON Feed) or a drop folder (folder:PATH); serve polls it. The same source twice is one feed.");
        feeds.MapGet("", async (HttpRequest request, int? limit, string? cursor, FeedService service, CancellationToken ct) =>
            {
                var input = new HttpInput();
                var (take, after) = (Paging.Limit(input, limit), Paging.After(input, cursor));
                if (!input.Valid) return input.Problem();
                return Results.Json(Paging.Of(request, (await service.ListAsync(ct)).Select(FeedView.Of), f => f.Id, after, take), Store.MonitorJson.Options);
            })
            .WithSummary("Every followed source with its status")
            .WithDescription("Last poll, last new article, consecutive errors and the last one, next poll; oldest first. Paged: limit, cursor (from next).");
        feeds.MapPost("/{id}/pause", async (string id, FeedService service, CancellationToken ct) => Answer(await service.PauseAsync(id, ct)))
            .WithSummary("Stop polling the source until resumed.");
        feeds.MapPost("/{id}/resume", async (string id, FeedService service, CancellationToken ct) => Answer(await service.ResumeAsync(id, ct)))
            .WithSummary("Poll a paused source again, at once.");
        feeds.MapDelete("/{id}", async (string id, FeedService service, CancellationToken ct) =>
                await service.RemoveAsync(id, ct) is { Refusal: { } refused } ? Problem(refused) : Results.NoContent())
            .WithSummary("Stop following the source; what was ingested from it stays.");
        return app;
    }

    private static IResult Answer(Answer<FollowedFeed> answer, int status = StatusCodes.Status200OK) =>
        answer.Refusal is { } refused ? Problem(refused) : Results.Json(FeedView.Of(answer.Value!), Store.MonitorJson.Options, statusCode: status);

    /// <summary>An unknown feed is 404; anything else a 400 naming the parameter, as every endpoint's (<see cref="HttpInput"/>).</summary>
    private static IResult Problem(Refusal refused)
    {
        if (refused.Kind == RefusalKind.UnknownFeed)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown feed", detail: refused.Detail);
        var input = new HttpInput();
        input.Refused(refused);
        return input.Problem();
    }
}
