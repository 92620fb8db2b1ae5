using Microsoft.AspNetCore.Http.HttpResults;
using Monitoring.Api.Hosting;
using Monitoring.Domain;
using Monitoring.Store.Events;

namespace Monitoring.Api.Events;

/// <summary>HTTP: the reported events, filtered and paged.</summary>
public static class EventEndpoints
{
    public const int MaxTake = 500;

    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/events", ListAsync).WithTags("Events")
            .WithSummary("Reported events of the current extractor version, newest recorded first. Filters: type (AgreementDenounced or agreement_denounced), "
                         + "actor, from/to (yyyy-MM-dd: events that may have happened in the range), article (article-...); paged with skip and take (at most 500).");
        return app;
    }

    /// <summary>One page; <see cref="Next"/> is the query of the next page, null on the last.</summary>
    public sealed record EventPage(IReadOnlyList<ListedEvent> Items, int Skip, int Take, string? Next);

    private static async Task<Results<Ok<EventPage>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpRequest request, string? type, string? actor, string? from, string? to, string? article, int? skip, int? take,
        EventService events, CancellationToken ct)
    {
        var input = new HttpInput();
        WorldEventType? eventType = null;
        if (type is { Length: > 0 })
        {
            if (ParseType(type) is { } t) eventType = t;
            else input.Error("type", $"'{type}' is not an event type of the vocabulary; one of: {string.Join(", ", Enum.GetNames<WorldEventType>())}");
        }
        var (fromDate, toDate) = (input.Date("from", from), input.Date("to", to));
        if (fromDate > toDate) input.Error("to", $"'{to}' is before from '{from}'");
        if (skip < 0) input.Error("skip", "at least 0");
        if (take is < 1 or > MaxTake) input.Error("take", $"between 1 and {MaxTake}");
        if (!input.Valid) return input.Problem();

        var (s, n) = (skip ?? 0, take ?? 50);
        // One more than asked tells whether there is a next page.
        var listed = await events.ListAsync(new EventFilter(eventType, null, fromDate, toDate, article is { Length: > 0 } ? article : null, s, n + 1), actor, ct);
        if (listed.Refusal is { } unknown) return HttpInput.NotFound(unknown);
        var found = listed.Value!;
        string? next = null;
        if (found.Count > n)
        {
            var query = request.Query.Where(q => q.Key is not ("skip" or "take")).Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}")
                .Append($"skip={s + n}").Append($"take={n}");
            next = "/events?" + string.Join('&', query);
        }
        return TypedResults.Ok(new EventPage(found.Take(n).ToList(), s, n, next));
    }

    /// <summary>The vocabulary's spelling (AgreementDenounced) or the JSON one (agreement_denounced), any case.</summary>
    public static WorldEventType? ParseType(string text) =>
        !text.Any(char.IsDigit) && Enum.TryParse<WorldEventType>(text.Replace("_", "").Trim(), ignoreCase: true, out var t) && Enum.IsDefined(t) ? t : null;
}
