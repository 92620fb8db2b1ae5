using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Monitoring.Api.Hosting;
using Monitoring.Domain;
using Monitoring.Extraction.Actors;
using Monitoring.Store.Relationships;

namespace Monitoring.Api.Discovery;

/// <summary>HTTP: what there is to ask about: the actors Monitor knows (and how many relationships the store holds for each), the event types.</summary>
public static class DiscoveryEndpoints
{
    public static IEndpointRouteBuilder MapDiscoveryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/actors", ActorsAsync).WithTags("Discovery").WithName("listActors")
            .WithSummary("The actors Monitor knows")
            .WithDescription("States, blocs, organisations and non-state actors of the gazetteer, ordered by code, with the number of relationships the "
                             + "store holds for each. Filters: kind (state, bloc, organisation, group...), search (part of a code or name), "
                             + "stored=true (only actors with relationships). Paged: limit, cursor (from next).");
        app.MapGet("/event-types", EventTypes).WithTags("Discovery").WithName("listEventTypes")
            .WithSummary("The event vocabulary")
            .WithDescription("Every event type with its spelling in filters and in JSON, how its actors are arranged, whether it is an observation, "
                             + "and the nearest PLOVER and CAMEO codes.");
        return app;
    }

    /// <summary>An actor as listed: its code, usual name, kind and, for a non-state actor, the state it operates in.</summary>
    public sealed record ActorView(string Code, string Name, string Kind, string? Iso2, string? Country, int Relationships);

    private static async Task<Results<Ok<Page<ActorView>>, ValidationProblem>> ActorsAsync(
        HttpRequest request, string? kind, string? search, bool? stored, int? limit, string? cursor, IQuerySession session, CancellationToken ct)
    {
        var input = new HttpInput();
        var take = Paging.Limit(input, limit);
        var after = Paging.After(input, cursor);
        if (!input.Valid) return input.Problem();

        var counts = (await RelationshipQueries.PairsAsync(session, ct: ct)).SelectMany(p => new[] { p.A, p.B })
            .GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        // A code can have several entries (a state and its bodies): the first is the actor itself.
        var known = Gazetteer.Default.Entities.DistinctBy(e => e.Code).ToDictionary(e => e.Code);
        var actors = known.Values.Select(e => new ActorView(e.Code, e.Name, e.Kind, e.Iso2, e.Country, counts.GetValueOrDefault(e.Code)))
            .Concat(counts.Keys.Where(c => !known.ContainsKey(c)).Select(c => new ActorView(c, c, "unknown", null, null, counts[c])))
            .Where(a => kind is not { Length: > 0 } || string.Equals(a.Kind, kind.Trim(), StringComparison.OrdinalIgnoreCase))
            .Where(a => stored != true || a.Relationships > 0)
            .Where(a => search is not { Length: > 0 } || Matches(known.GetValueOrDefault(a.Code), a, search.Trim()))
            .OrderBy(a => a.Code, StringComparer.Ordinal);
        return TypedResults.Ok(Paging.Of(request, actors, a => a.Code, after, take));
    }

    private static bool Matches(GazetteerEntity? entity, ActorView actor, string search) =>
        actor.Code.Contains(search, StringComparison.OrdinalIgnoreCase)
        || (entity?.Names ?? []).Concat(entity?.ShortNames ?? []).Any(n => n.Contains(search, StringComparison.OrdinalIgnoreCase));

    /// <summary>An event type: <see cref="Type"/> as JSON spells it, <see cref="Name"/> as filters also accept it.</summary>
    public sealed record EventTypeView(string Type, string Name, ActorShape Shape, bool Observation, string? Plover, string? Cameo);

    private static Ok<Page<EventTypeView>> EventTypes() =>
        TypedResults.Ok(new Page<EventTypeView>(Enum.GetValues<WorldEventType>()
            .Select(t => new EventTypeView(JsonNamingPolicy.SnakeCaseLower.ConvertName(t.ToString()), t.ToString(), Vocabulary.ShapeOf(t),
                Vocabulary.IsObservation(t), EventCodes.Plover(t), EventCodes.Cameo(t)))
            .ToList(), null));
}
