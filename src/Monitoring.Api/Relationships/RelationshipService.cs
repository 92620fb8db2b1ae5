using Marten;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.Store.Relationships;

namespace Monitoring.Api.Relationships;

/// <summary>
/// The questions analysts ask of relationships, for both faces: the HTTP endpoints and the CLI call these, so an actor
/// is resolved, a pair validated and a state answered the same way whichever face asks.
/// </summary>
public sealed class RelationshipService(IDocumentStore store, RelationshipAnswers answers)
{
    public async Task<Answer<string>> ActorAsync(string typed, CancellationToken ct, string parameter = "actor")
    {
        await using var session = store.QuerySession();
        return await Actors.ResolveAsync(session, typed, parameter, ct);
    }

    /// <summary>An optional filter's actor as typed: none when nothing was typed, else resolved as <see cref="ActorAsync"/> does.</summary>
    public async Task<Answer<string?>> OptionalActorAsync(string? typed, CancellationToken ct, string parameter = "actor")
    {
        if (typed is not { Length: > 0 }) return new Answer<string?>(null, null);
        var resolved = await ActorAsync(typed, ct, parameter);
        return new Answer<string?>(resolved.Value, resolved.Refusal);
    }

    /// <summary>The relationship of two actors as typed: both known, and two different actors.</summary>
    public async Task<Answer<ActorPair>> PairAsync(string a, string b, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var x = await Actors.ResolveAsync(session, a.Trim(), "a", ct);
        if (x.Refusal is not null) return x.Refusal;
        var y = await Actors.ResolveAsync(session, b.Trim(), "b", ct);
        if (y.Refusal is not null) return y.Refusal;
        if (x.Value == y.Value) return new Refusal(RefusalKind.Invalid, "b", b, $"a relationship needs two different actors, got '{x.Value}' twice");
        return ActorPair.Of(x.Value!, y.Value!);
    }

    public async Task<IReadOnlyList<RelationshipState>> AllAsync(string? actor, Clocks clocks, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await answers.AllAsync(session, actor, clocks, ct);
    }

    /// <summary>
    /// One page of the relationships that have entries on the clocks, ordered by pair id, starting after <paramref name="after"/>;
    /// only the page's states are computed. <c>More</c> says whether another page follows.
    /// </summary>
    public async Task<(IReadOnlyList<RelationshipState> States, bool More)> PageAsync(string? actor, Clocks clocks, string? after, int limit, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var states = new List<RelationshipState>();
        foreach (var pair in await RelationshipQueries.PairsAsync(session, actor, ct))
        {
            if (after is not null && string.CompareOrdinal(pair.Id, after) <= 0) continue;
            var state = await answers.StateAsync(session, pair, clocks, ct);
            if (state.Entries.Count == 0) continue;
            if (states.Count == limit) return (states, true);
            states.Add(state);
        }
        return (states, false);
    }

    public async Task<RelationshipState> StateAsync(ActorPair pair, Clocks clocks, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await answers.StateAsync(session, pair, clocks, ct);
    }

    /// <summary>The state with the analysts' corrections of its history and the reports they took out (the audit).</summary>
    public async Task<RelationshipAnswers.Audited> AuditAsync(ActorPair pair, Clocks clocks, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await answers.AuditAsync(session, pair, clocks, ct);
    }

    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(ActorPair pair, Clocks clocks, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await answers.TimelineAsync(session, pair, clocks, ct);
    }

    /// <summary>The world as the articles published by <paramref name="to"/> told it (the replay that works on an imported archive).</summary>
    public async Task<RelationshipAnswers.Replay> ReplayPublishedAsync(DateOnly to, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await answers.ReplayPublishedAsync(session, to, ct);
    }

    /// <summary>The system as Monitor held it at the instant <paramref name="to"/>, for audit.</summary>
    public async Task<RelationshipAnswers.Replay> ReplayRecordedAsync(DateTimeOffset to, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await answers.ReplayRecordedAsync(session, to, ct);
    }
}
