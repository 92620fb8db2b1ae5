using Microsoft.AspNetCore.Http.HttpResults;
using Monitoring.Api.Hosting;
using Monitoring.Domain;
using Monitoring.Store.Events;

namespace Monitoring.Api.Events;

/// <summary>HTTP: the reported events, filtered and paged.</summary>
public static class EventEndpoints
{
    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/events", ListAsync).WithTags("Events")
            .WithSummary("Reported events of the current extractor version, newest recorded first. Filters: type (AgreementDenounced or agreement_denounced), "
                         + "actor, from/to (yyyy-MM-dd: events that may have happened in the range), article (article-...), the clocks asOf, knownAt, recordedAt; "
                         + "paged with limit and cursor (from next).");
        return app;
    }

    private static async Task<Results<Ok<Page<ListedEvent>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpRequest request, string? type, string? actor, string? from, string? to, string? article, string? asOf, string? knownAt, string? recordedAt,
        int? limit, string? cursor, EventService events, CancellationToken ct)
    {
        var input = new HttpInput();
        WorldEventType? eventType = null;
        if (type is { Length: > 0 })
        {
            if (Vocabulary.ParseType(type) is { } t) eventType = t;
            else input.Error("type", $"'{type}' is not an event type of the vocabulary; one of: {string.Join(", ", Vocabulary.TypeCodes)}");
        }
        var (fromDate, toDate) = (input.Date("from", from), input.Date("to", to));
        if (fromDate > toDate) input.Error("to", $"'{to}' is before from '{from}'");
        var clocks = input.Clocks(asOf, knownAt, recordedAt);
        var take = Paging.Limit(input, limit);
        var before = Paging.BeforeSequence(input, cursor);
        if (!input.Valid) return input.Problem();

        // One more than asked tells whether there is a next page; the cursor is the last event's store sequence (newest first).
        var listed = await events.ListAsync(new EventFilter(eventType, null, fromDate, toDate, article is { Length: > 0 } ? article : null, 0, take + 1, before, clocks), actor, ct);
        if (listed.Refusal is { } unknown) return HttpInput.NotFound(unknown);
        var found = listed.Value!;
        var items = found.Take(take).ToList();
        var next = found.Count > take ? Paging.NextLink(request, Paging.SequenceCursorKey(items[^1].Sequence), take) : null;
        return TypedResults.Ok(new Page<ListedEvent>(items, next));
    }
}
