using Microsoft.AspNetCore.Http.HttpResults;
using Monitoring.Api.Hosting;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;

namespace Monitoring.Api.Relationships;

/// <summary>
/// HTTP: the relationships, one relationship's state on the three clocks (asOf: valid date; knownAt: publication date;
/// recordedAt: recorded instant), its timeline and its audit chain (<see cref="RelationshipService"/>).
/// </summary>
public static class RelationshipEndpoints
{
    public static IEndpointRouteBuilder MapRelationshipEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/relationships").WithTags("Relationships");
        group.MapGet("", ListAsync).WithSummary("Every relationship with its state")
            .WithDescription("Relationships that have events on the clocks, ordered by pair id, with their state (asOf, knownAt, recordedAt); actor for one "
                             + "actor's. Paged: limit, cursor (from next).");
        group.MapGet("/{a}/{b}", (string a, string b, string? asOf, string? knownAt, string? recordedAt, RelationshipService relationships, CancellationToken ct) =>
                PairStateAsync(a, b, asOf, knownAt, recordedAt, relationships, RelationshipView.Of, ct))
            .WithSummary("The state of one relationship, dimension by dimension, as of a valid date (asOf), from what was published by a date (knownAt), "
                         + "as recorded at an instant (recordedAt).");
        group.MapGet("/{a}/{b}/timeline", TimelineAsync).WithSummary("The dated events of one relationship, each once with all its sources.");
        group.MapGet("/{a}/{b}/audit", (string a, string b, string? asOf, string? knownAt, string? recordedAt, RelationshipService relationships, CancellationToken ct) =>
                AuditAsync(a, b, asOf, knownAt, recordedAt, relationships, ct))
            .WithSummary("Under every dimension, the chain that establishes it: entries, reports (rule, version, confidence), articles, quoted sentences; "
                         + "and the analysts' corrections of the history (retracted by …, corrected from … to …), with the reports they took out.");
        return app;
    }

    private static async Task<Results<Ok<Page<RelationshipView>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpRequest request, string? actor, string? asOf, string? knownAt, string? recordedAt, int? limit, string? cursor, RelationshipService relationships,
        CancellationToken ct)
    {
        var input = new HttpInput();
        var clocks = input.Clocks(asOf, knownAt, recordedAt);
        var take = Paging.Limit(input, limit);
        var after = Paging.After(input, cursor);
        if (!input.Valid) return input.Problem();
        var resolved = await relationships.OptionalActorAsync(actor, ct);
        if (resolved.Refusal is { } unknown) return HttpInput.NotFound(unknown);
        var code = resolved.Value;
        var (states, more) = await relationships.PageAsync(code, clocks, after, take, ct);
        var next = more ? Paging.NextLink(request, states[^1].Pair.Id, take) : null;
        return TypedResults.Ok(new Page<RelationshipView>(states.Select(RelationshipView.Of).ToList(), next));
    }

    /// <summary>The state and the audit: one relationship on the three clocks, answered as <paramref name="view"/>.</summary>
    private static async Task<Results<Ok<TView>, ValidationProblem, ProblemHttpResult>> PairStateAsync<TView>(
        string a, string b, string? asOf, string? knownAt, string? recordedAt, RelationshipService relationships, Func<RelationshipState, TView> view,
        CancellationToken ct)
    {
        var input = new HttpInput();
        var clocks = input.Clocks(asOf, knownAt, recordedAt);
        var pair = await PairAsync(a, b, input, relationships, ct);
        if (pair.Problem is { } problem) return problem;
        if (!input.Valid) return input.Problem();
        return TypedResults.Ok(view(await relationships.StateAsync(pair.Pair, clocks, ct)));
    }

    private static async Task<Results<Ok<AuditView>, ValidationProblem, ProblemHttpResult>> AuditAsync(
        string a, string b, string? asOf, string? knownAt, string? recordedAt, RelationshipService relationships, CancellationToken ct)
    {
        var input = new HttpInput();
        var clocks = input.Clocks(asOf, knownAt, recordedAt);
        var pair = await PairAsync(a, b, input, relationships, ct);
        if (pair.Problem is { } problem) return problem;
        if (!input.Valid) return input.Problem();
        return TypedResults.Ok(AuditView.Of(await relationships.AuditAsync(pair.Pair, clocks, ct)));
    }

    private static async Task<Results<Ok<TimelineView>, ValidationProblem, ProblemHttpResult>> TimelineAsync(
        string a, string b, string? asOf, string? knownAt, string? recordedAt, RelationshipService relationships, CancellationToken ct)
    {
        var input = new HttpInput();
        var clocks = input.Clocks(asOf, knownAt, recordedAt);
        var pair = await PairAsync(a, b, input, relationships, ct);
        if (pair.Problem is { } problem) return problem;
        if (!input.Valid) return input.Problem();
        return TypedResults.Ok(TimelineView.Of(pair.Pair, clocks, await relationships.TimelineAsync(pair.Pair, clocks, ct)));
    }

    private readonly record struct PairResult(ActorPair Pair, ProblemHttpResult? Problem);

    /// <summary>An unknown actor is 404 at once; two same actors join the other validation errors.</summary>
    private static async Task<PairResult> PairAsync(string a, string b, HttpInput input, RelationshipService relationships, CancellationToken ct)
    {
        var pair = await relationships.PairAsync(a, b, ct);
        switch (pair.Refusal)
        {
            case { Kind: RefusalKind.UnknownActor } unknown: return new PairResult(default, HttpInput.NotFound(unknown));
            case { } invalid: input.Refused(invalid); return new PairResult(default, null);
            default: return new PairResult(pair.Value, null);
        }
    }
}
