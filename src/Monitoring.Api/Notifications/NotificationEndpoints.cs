using System.Globalization;
using System.Text.Json;
using Monitoring.Api.Keys;
using Monitoring.Domain;
using Monitoring.Notifications;
using Monitoring.Api.Hosting;
using Monitoring.Notifications.Detection;
using Monitoring.Notifications.Feed;
using Monitoring.Notifications.Subscriptions;
using Monitoring.Notifications.Webhooks;
using Wolverine;

namespace Monitoring.Api.Notifications;

/// <summary>
/// HTTP: webhook subscriptions (CRUD, pause, deliveries, resend), the stored change feed, and its live stream as
/// Server-Sent Events. The service's startup calls <see cref="MapNotificationEndpoints"/>.
/// </summary>
public static class NotificationEndpoints
{
    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var subscriptions = app.MapGroup("/subscriptions").WithTags("Notifications").RequireKeyForReads().RequireScope(ApiKeyScope.Admin);
        // The answers are built as IResult (for the notification JSON options): the statuses they give are declared here.
        subscriptions.MapPost("", CreateAsync).Accepts<CreateSubscription>("application/json")
            .Produces<CreatedSubscription>(StatusCodes.Status201Created)
            .WithSummary("Subscribe a webhook URL to the relationship changes matching a filter; the answer holds the signing secret, shown only once.");
        subscriptions.MapGet("", async (HttpRequest request, int? limit, string? cursor, SubscriptionService service, CancellationToken ct) =>
            {
                var input = new HttpInput();
                var (take, after) = (Paging.Limit(input, limit), Paging.After(input, cursor));
                if (!input.Valid) return input.Problem();
                return Json(Paging.Of(request, (await service.ListAsync(ct)).Select(SubscriptionView.Of), SubscriptionKey, after, take));
            })
            .Produces<Page<SubscriptionView>>()
            .WithSummary("Every webhook subscription, without its secret")
            .WithDescription("Oldest first. Paged: limit, cursor (from next).");
        subscriptions.MapGet("/{id:guid}", async (Guid id, SubscriptionService service, CancellationToken ct) =>
                await service.FindAsync(id.ToString(), ct) is { } s ? Json(SubscriptionView.Of(s)) : NotFound(id))
            .Produces<SubscriptionView>()
            .WithSummary("One webhook subscription.");
        subscriptions.MapPost("/{id:guid}/pause", (Guid id, SubscriptionService service, CancellationToken ct) => SetPausedAsync(id, true, service, ct))
            .Produces<SubscriptionView>()
            .WithSummary("Stop delivering; changes recorded while paused are not delivered later.");
        subscriptions.MapPost("/{id:guid}/resume", (Guid id, SubscriptionService service, CancellationToken ct) => SetPausedAsync(id, false, service, ct))
            .Produces<SubscriptionView>()
            .WithSummary("Deliver again to a paused subscription.");
        subscriptions.MapDelete("/{id:guid}", async (Guid id, SubscriptionService service, CancellationToken ct) =>
                await service.DeleteAsync(id, ct) ? Results.NoContent() : NotFound(id))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Delete a subscription; its delivery history stays.");
        subscriptions.MapGet("/{id:guid}/deliveries", async (HttpRequest request, Guid id, int? limit, string? cursor, SubscriptionService service, CancellationToken ct) =>
            {
                var input = new HttpInput();
                var (take, after) = (Paging.Limit(input, limit), Paging.After(input, cursor));
                if (!input.Valid) return input.Problem();
                return await service.DeliveriesAsync(id, ct) is { } deliveries ? Json(Paging.Of(request, deliveries, DeliveryKey, after, take)) : NotFound(id);
            })
            .Produces<Page<WebhookDelivery>>()
            .WithSummary("The subscription's delivery history")
            .WithDescription("Pending, retrying, sent, dead-lettered and skipped deliveries with every attempt, in change order. Paged: limit, cursor (from next).");
        subscriptions.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/resend",
                async (Guid id, Guid deliveryId, SubscriptionService service, IMessageBus bus, CancellationToken ct) =>
                    await service.DeliveryAsync(deliveryId, ct) is { } d && d.SubscriptionId == id
                        ? Json(await service.ResendAsync(deliveryId, bus, ct), StatusCodes.Status202Accepted)
                        : NotFound(deliveryId))
            .Produces<WebhookDelivery>(StatusCodes.Status202Accepted)
            .WithSummary("Queue a delivery again with the same delivery id (e.g. a dead-lettered one once the receiver is fixed).");

        var notifications = app.MapGroup("/notifications").WithTags("Notifications");
        notifications.MapGet("", ListAsync)
            .WithSummary("Stored relationship changes, oldest first")
            .WithDescription("The changes after a feed position (after; the next link carries it), filtered by actor, pair, dimension, type, "
                             + "minConfidence, revisions and confidenceChanges before the page is cut, so a page is never empty while matches remain.");
        notifications.MapGet("/stream", StreamAsync)
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesValidationProblem()
            // The stream reads its query itself (it is not a bound handler): its parameters are declared for the document.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Parameters ??= [];
                foreach (var name in StreamParameters)
                    operation.Parameters.Add(OpenApiConventions.QueryParameter(name));
                return Task.CompletedTask;
            })
            .WithSummary("Server-Sent Events: every matching relationship change as it is recorded; resumes after Last-Event-ID, else starts now.");
        return app;
    }

    /// <summary>Enums as snake_case strings, as the CLI's JSON: whatever the host's default JSON options are.</summary>
    /// <summary>The query of <c>/notifications/stream</c>: the filter of <c>/notifications</c>, and where to resume.</summary>
    private static readonly string[] StreamParameters = ["actor", "pair", "dimension", "type", "minConfidence", "revisions", "confidenceChanges", "lastEventId"];

    private static IResult Json(object? value, int status = StatusCodes.Status200OK) =>
        Results.Json(value, NotificationJson.Options, statusCode: status);

    private static async Task<IResult> CreateAsync(HttpRequest http, SubscriptionService service, CancellationToken ct)
    {
        CreateSubscription? request;
        try
        {
            request = await http.ReadFromJsonAsync<CreateSubscription>(NotificationJson.Options, ct);
        }
        catch (JsonException e)
        {
            // System.Text.Json's message names .NET types: the place in the body is what the caller can act on.
            var at = e.Path is { Length: > 1 } path ? $" at {path}" : "";
            var line = e.LineNumber is { } n ? $" (line {n + 1})" : "";
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["body"] = [$"not a subscription {{name, url, filter, secret}}: malformed JSON or a value of the wrong kind{at}{line}"],
            });
        }
        if (request is null) return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["a subscription is required"] });
        var errors = service.Validate(request);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var s = await service.CreateAsync(request, ct);
        return Results.Json(CreatedSubscription.Of(s), NotificationJson.Options,
            statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> SetPausedAsync(Guid id, bool paused, SubscriptionService service, CancellationToken ct) =>
        await service.SetPausedAsync(id, paused, ct) is { } s ? Json(SubscriptionView.Of(s)) : NotFound(id);

    private static IResult NotFound(Guid id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"no subscription or delivery {id}");

    /// <summary>
    /// Server-Sent Events: one <c>relationship-changed</c> event per matching change, its id the feed position.
    /// Without <c>Last-Event-ID</c> (header, or <c>lastEventId</c> in the query) the stream starts now.
    /// </summary>
    private static async Task StreamAsync(HttpContext context, ChangeStream changes, NotificationSettings settings)
    {
        var ct = context.RequestAborted;
        var (filter, errors) = FilterFrom(context.Request.Query);
        if (errors.Count > 0)
        {
            await Results.ValidationProblem(errors).ExecuteAsync(context);
            return;
        }
        var lastEventId = context.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? context.Request.Query["lastEventId"].FirstOrDefault();
        long after;
        if (lastEventId is { Length: > 0 })
        {
            if (!long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out after))
            {
                await Results.ValidationProblem(new Dictionary<string, string[]> { ["Last-Event-ID"] = ["not a change id"] }).ExecuteAsync(context);
                return;
            }
        }
        else
        {
            after = await changes.LatestAsync(ct);
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        await context.Response.WriteAsync($": stream of relationship changes after {after}\nretry: 2000\n\n", ct);
        await context.Response.Body.FlushAsync(ct);

        using var keepAlive = new PeriodicTimer(settings.KeepAliveInterval);
        var writeLock = new SemaphoreSlim(1, 1);
        var pinging = PingAsync(context, keepAlive, writeLock, ct);
        try
        {
            await foreach (var change in changes.FollowAsync(after, filter, ct))
            {
                var data = JsonSerializer.Serialize(change, NotificationJson.Options);
                await writeLock.WaitAsync(ct);
                try
                {
                    await context.Response.WriteAsync($"id: {change.Id}\nevent: relationship-changed\ndata: {data}\n\n", ct);
                    await context.Response.Body.FlushAsync(ct);
                }
                finally
                {
                    writeLock.Release();
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away.
        }
        keepAlive.Dispose();
        await pinging;
    }

    private static async Task PingAsync(HttpContext context, PeriodicTimer timer, SemaphoreSlim writeLock, CancellationToken ct)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await writeLock.WaitAsync(ct);
                try
                {
                    await context.Response.WriteAsync(": keep-alive\n\n", ct);
                    await context.Response.Body.FlushAsync(ct);
                }
                finally
                {
                    writeLock.Release();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Subscriptions are listed oldest first: the creation instant (UTC, sortable) and the id break ties.</summary>
    private static string SubscriptionKey(SubscriptionView s) =>
        $"{s.CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}|{s.Id}";

    /// <summary>Deliveries are listed in change order: the change id, zero-padded so that keys sort as numbers.</summary>
    private static string DeliveryKey(WebhookDelivery d) => d.ChangeId.ToString("D20", CultureInfo.InvariantCulture);

    /// <summary>A page of the change feed: the changes and the link to the next page (null when the feed holds no more).</summary>
    public sealed record ChangePage(IReadOnlyList<RelationshipChanged> Items, string? Next);

    private static async Task<IResult> ListAsync(HttpRequest request, string[]? actor, string? pair, string[]? dimension, string[]? type,
        string? minConfidence, string? revisions, string? confidenceChanges, long? after, int? limit, ChangeStream changes, CancellationToken ct)
    {
        var (filter, errors) = FilterFrom(actor ?? [], pair, dimension ?? [], type ?? [], minConfidence, revisions, confidenceChanges);
        if (limit is < 1 or > Paging.MaxLimit) errors["limit"] = [$"between 1 and {Paging.MaxLimit}"];
        if (after < 0) errors["after"] = ["a change id, 0 or more"];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var (cursor, take) = (after ?? 0, limit ?? 100);
        // Filter while reading the feed, then cut: cutting first gave empty pages with matches further on.
        var items = new List<RelationshipChanged>();
        var more = false;
        while (true)
        {
            var read = await changes.AfterAsync(cursor, 500, ct);
            foreach (var change in read)
            {
                if (!filter.Matches(change)) { cursor = change.Id; continue; }
                if (items.Count == take) { more = true; break; }
                items.Add(change);
                cursor = change.Id;
            }
            if (more || read.Count < 500) break;
        }
        var next = more ? Paging.NextLink(request, take, "after", items[^1].Id.ToString(CultureInfo.InvariantCulture)) : null;
        return Json(new ChangePage(items, next));
    }

    public static (ChangeFilter Filter, Dictionary<string, string[]> Errors) FilterFrom(IQueryCollection query) =>
        FilterFrom(query["actor"].OfType<string>().ToArray(), query["pair"].FirstOrDefault(), query["dimension"].OfType<string>().ToArray(),
            query["type"].OfType<string>().ToArray(), query["minConfidence"].FirstOrDefault(), query["revisions"].FirstOrDefault(),
            query["confidenceChanges"].FirstOrDefault());

    /// <summary>
    /// The filter of a query string: <c>actor</c> (repeatable), <c>pair</c>, <c>dimension</c> (repeatable),
    /// <c>type</c> (repeatable event type), <c>minConfidence</c>, <c>revisions</c> (default true), <c>confidenceChanges</c> (default false).
    /// </summary>
    public static (ChangeFilter Filter, Dictionary<string, string[]> Errors) FilterFrom(IReadOnlyList<string> actors, string? pair,
        IReadOnlyList<string> dimensions, IReadOnlyList<string> typeNames, string? minConfidence, string? revisions, string? confidenceChanges)
    {
        var errors = new Dictionary<string, string[]>();
        var types = new List<WorldEventType>();
        foreach (var t in typeNames)
        {
            if (ChangeFilter.TryParseEventType(t, out var type)) types.Add(type);
            else errors["type"] = [$"'{t}' is not an event type of the vocabulary"];
        }
        double min = 0;
        if (minConfidence is { Length: > 0 } m && !double.TryParse(m, CultureInfo.InvariantCulture, out min))
            errors["minConfidence"] = ["not a number"];
        var filter = new ChangeFilter(
            actors.ToList(),
            pair,
            dimensions.ToList(),
            types,
            min,
            Flag(revisions, "revisions", true, errors),
            Flag(confidenceChanges, "confidenceChanges", false, errors)).Normalised();
        foreach (var (k, v) in filter.Validate()) errors[k] = v;
        return (filter, errors);
    }

    private static bool Flag(string? value, string name, bool fallback, Dictionary<string, string[]> errors)
    {
        if (value is not { Length: > 0 }) return fallback;
        if (bool.TryParse(value, out var b)) return b;
        errors[name] = ["true or false"];
        return fallback;
    }
}
