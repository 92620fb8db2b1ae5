using Monitoring.Api.Hosting;
using Monitoring.Api.Keys;
using Monitoring.Api.Relationships;
using Monitoring.Domain;

namespace Monitoring.Api.Review;

/// <summary>The reason an analyst gives (optional for confirm and undo).</summary>
public sealed record ReasonRequest(string? Reason);

/// <summary>What a correction changes (each field optional) and why.</summary>
public sealed record CorrectRequest(string? Reason, string? Date = null, string? Precision = null, string? Type = null, string? Source = null,
    string? Target = null, string? Modality = null);

/// <summary>An event an analyst read in an article's sentence, and why it is asserted.</summary>
public sealed record AssertRequest(string? Reason, string? Type, string? Source, string? Target, string? Date, string? Article, int? Sentence,
    string? Precision = null, string? Modality = null, string? Area = null);

/// <summary>
/// HTTP: the review queue and the corrections (<see cref="ReviewService"/>). Reads are open as every read; corrections need
/// a key with the analyst scope, and the analyst they name is the key's name.
/// </summary>
public static class ReviewEndpoints
{
    public static IEndpointRouteBuilder MapReviewEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/review", QueueAsync).WithTags("Review")
            .WithSummary("The review queue: events that decide a state on a single source, low-confidence, contested or approximately dated events, "
                         + "and corrections whose event is no longer extracted, ranked by how much of a current state rests on them (actor, pair, limit).");
        var events = app.MapGroup("/events").WithTags("Review");
        events.MapPost("/{id}/retract", (string id, ReasonRequest? body, HttpContext http, ReviewService review, CancellationToken ct) =>
                AnswerAsync(review.RetractAsync(EventId(id), Analyst(http), body?.Reason, ct)))
            .RequireScope(ApiKeyScope.Analyst)
            .WithSummary("Retract an event (by event id or key): it stops counting from now on; the audit names who, when and why. Body: {reason}.");
        events.MapPost("/{id}/confirm", (string id, ReasonRequest? body, HttpContext http, ReviewService review, CancellationToken ct) =>
                AnswerAsync(review.ConfirmAsync(EventId(id), Analyst(http), body?.Reason, ct)))
            .RequireScope(ApiKeyScope.Analyst)
            .WithSummary("Confirm an event as read: no state changes, it leaves the review queue.");
        events.MapPost("/{id}/correct", (string id, CorrectRequest body, HttpContext http, ReviewService review, CancellationToken ct) =>
                AnswerAsync(review.CorrectAsync(EventId(id), new EventChanges(body.Date, body.Precision, body.Type, body.Source, body.Target, body.Modality),
                    Analyst(http), body.Reason, ct)))
            .RequireScope(ApiKeyScope.Analyst)
            .WithSummary("Correct an event: the analyst's reading (date, precision, type, source, target, modality) replaces it from now on. Body: the changes and reason.");
        var corrections = app.MapGroup("/corrections").WithTags("Review");
        corrections.MapGet("", ListAsync).WithSummary("Every correction, newest first (analyst, limit).");
        corrections.MapPost("", (AssertRequest body, HttpContext http, ReviewService review, CancellationToken ct) =>
                AnswerAsync(review.AssertAsync(new AssertedEvent(body.Type, body.Source, body.Target, body.Date, body.Precision, body.Article, body.Sentence,
                    body.Modality, body.Area), Analyst(http), body.Reason, ct)))
            .RequireScope(ApiKeyScope.Analyst)
            .WithSummary("Assert an event extraction missed, tied to its article and sentence. Body: type, source, target, date, article, sentence, reason.");
        corrections.MapPost("/{id}/undo", (string id, ReasonRequest? body, HttpContext http, ReviewService review, CancellationToken ct) =>
                AnswerAsync(review.UndoAsync(id, Analyst(http), body?.Reason, ct)))
            .RequireScope(ApiKeyScope.Analyst)
            .WithSummary("Take a correction back: from now on the history reads as it did without it.");
        return app;
    }

    /// <summary>An event key holds slashes: a client sends them encoded (%2F) in the one path segment.</summary>
    private static string EventId(string id) => Uri.UnescapeDataString(id);

    /// <summary>The analyst a correction names: the key's name (the scope check let only analysts' keys through).</summary>
    private static string Analyst(HttpContext http) => http.User.Identity?.Name ?? "";

    private static async Task<IResult> AnswerAsync(Task<Answer<CorrectionView>> answering)
    {
        var answer = await answering;
        if (answer.Refusal is { } refused)
        {
            if (refused.Kind == RefusalKind.UnknownEvent)
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown event", detail: refused.Detail,
                    extensions: new Dictionary<string, object?> { [refused.Parameter] = refused.Input });
            var input = new HttpInput();
            input.Refused(refused);
            return input.Problem();
        }
        return Results.Json(answer.Value, Store.MonitorJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> QueueAsync(string? actor, string? pair, int? limit, RelationshipService relationships, ReviewService review,
        CancellationToken ct)
    {
        var input = new HttpInput();
        var take = Paging.Limit(input, limit);
        ActorPair? only = null;
        if (pair is { Length: > 0 })
        {
            var parts = pair.Split('-', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2) input.Error("pair", $"'{pair}' is not a relationship such as NER-USA");
            else
            {
                var resolved = await relationships.PairAsync(parts[0], parts[1], ct);
                if (resolved.Refusal is { Kind: RefusalKind.UnknownActor } unknown) return HttpInput.NotFound(unknown);
                if (resolved.Refusal is { } invalid) input.Refused(invalid);
                else only = resolved.Value;
            }
        }
        var code = await relationships.OptionalActorAsync(actor, ct);
        if (code.Refusal is { } unknownActor) return HttpInput.NotFound(unknownActor);
        if (!input.Valid) return input.Problem();
        return Results.Json(new Page<Domain.Review.ReviewItem>(await review.QueueAsync(code.Value, only, take, ct), null), Store.MonitorJson.Options);
    }

    private static async Task<IResult> ListAsync(string? analyst, int? limit, ReviewService review, CancellationToken ct)
    {
        var input = new HttpInput();
        var take = Paging.Limit(input, limit);
        if (!input.Valid) return input.Problem();
        return Results.Json(new Page<CorrectionView>(await review.ListAsync(analyst, take, ct), null), Store.MonitorJson.Options);
    }
}
