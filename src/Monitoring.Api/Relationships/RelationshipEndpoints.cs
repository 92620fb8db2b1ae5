using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Monitoring.Api.Hosting;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.Store.Relationships;

namespace Monitoring.Api.Relationships;

/// <summary>HTTP: the relationships, one relationship's state on two clocks, its timeline and its audit chain.</summary>
public static class RelationshipEndpoints
{
    public static IEndpointRouteBuilder MapRelationshipEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/relationships").WithTags("Relationships");
        group.MapGet("", ListAsync).WithSummary("Every relationship with its state, latest change first; ?actor=NER for one actor's.");
        group.MapGet("/{a}/{b}", StateAsync).WithSummary("The state of one relationship, dimension by dimension, as of a valid date (asOf) as known at a recorded time (knownAt).");
        group.MapGet("/{a}/{b}/timeline", TimelineAsync).WithSummary("The dated events of one relationship, each once with all its sources.");
        group.MapGet("/{a}/{b}/audit", AuditAsync).WithSummary("Under every dimension, the chain that establishes it: entries, reports (rule, version, confidence), articles, quoted sentences.");
        return app;
    }

    /// <summary>A relationship's state; <see cref="Pair"/> is its id such as "NER-USA", <see cref="A"/> the smaller code.</summary>
    public sealed record RelationshipView(string Pair, string A, string B, DateOnly? AsOf, DateTimeOffset? KnownAt,
        IReadOnlyList<DimensionState> Dimensions, IReadOnlyList<TimelineEntry> Entries)
    {
        public static RelationshipView Of(RelationshipState s) => new(s.Pair.Id, s.Pair.A, s.Pair.B, s.AsOf, s.KnownAt, s.Dimensions, s.Entries);
    }

    public sealed record TimelineView(string Pair, DateTimeOffset? KnownAt, IReadOnlyList<TimelineEntry> Entries);

    public sealed record AuditDimension(string Key, string Dimension, string? Side, string Status, EventDate Since, Modality Modality,
        int? Count, EventDate? CountDate, string? Detail, IReadOnlyList<TimelineEntry> Entries);

    public sealed record AuditView(string Pair, DateOnly? AsOf, DateTimeOffset? KnownAt, IReadOnlyList<AuditDimension> Dimensions)
    {
        public static AuditView Of(RelationshipState s) => new(s.Pair.Id, s.AsOf, s.KnownAt,
            s.Dimensions.Select(d => new AuditDimension(d.Key, d.Dimension, d.Side, d.Status, d.Since, d.Modality, d.Count, d.CountDate, d.Detail,
                d.EntryIds.Select(s.Entry).OfType<TimelineEntry>().ToList())).ToList());
    }

    private static async Task<Results<Ok<IReadOnlyList<RelationshipView>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string? actor, string? asOf, string? knownAt, IQuerySession session, CancellationToken ct)
    {
        var input = new HttpInput();
        var (date, time) = (input.Date("asOf", asOf), input.Time("knownAt", knownAt));
        if (!input.Valid) return input.Problem();
        string? code = null;
        if (actor is { Length: > 0 })
        {
            (code, var unknown) = await Actors.CodeAsync(session, actor, ct);
            if (unknown is not null) return unknown;
        }
        var states = await RelationshipAnswers.AllAsync(session, code, date, time, ct);
        return TypedResults.Ok<IReadOnlyList<RelationshipView>>(states.Select(RelationshipView.Of).ToList());
    }

    private static async Task<Results<Ok<RelationshipView>, ValidationProblem, ProblemHttpResult>> StateAsync(
        string a, string b, string? asOf, string? knownAt, IQuerySession session, CancellationToken ct)
    {
        var input = new HttpInput();
        var (date, time) = (input.Date("asOf", asOf), input.Time("knownAt", knownAt));
        var pair = await Actors.PairAsync(session, a, b, input, ct);
        if (pair.Problem is { } problem) return problem;
        if (!input.Valid) return input.Problem();
        return TypedResults.Ok(RelationshipView.Of(await RelationshipAnswers.StateAsync(session, pair.Pair, date, time, ct)));
    }

    private static async Task<Results<Ok<TimelineView>, ValidationProblem, ProblemHttpResult>> TimelineAsync(
        string a, string b, string? knownAt, IQuerySession session, CancellationToken ct)
    {
        var input = new HttpInput();
        var time = input.Time("knownAt", knownAt);
        var pair = await Actors.PairAsync(session, a, b, input, ct);
        if (pair.Problem is { } problem) return problem;
        if (!input.Valid) return input.Problem();
        return TypedResults.Ok(new TimelineView(pair.Pair.Id, time, await RelationshipAnswers.TimelineAsync(session, pair.Pair, time, ct)));
    }

    private static async Task<Results<Ok<AuditView>, ValidationProblem, ProblemHttpResult>> AuditAsync(
        string a, string b, string? asOf, string? knownAt, IQuerySession session, CancellationToken ct)
    {
        var input = new HttpInput();
        var (date, time) = (input.Date("asOf", asOf), input.Time("knownAt", knownAt));
        var pair = await Actors.PairAsync(session, a, b, input, ct);
        if (pair.Problem is { } problem) return problem;
        if (!input.Valid) return input.Problem();
        return TypedResults.Ok(AuditView.Of(await RelationshipAnswers.StateAsync(session, pair.Pair, date, time, ct)));
    }
}
