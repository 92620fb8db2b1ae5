using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Monitoring.Api.Hosting;
using Monitoring.Domain;
using Monitoring.Extraction.Actors;
using Monitoring.Store.Relationships;

namespace Monitoring.Api.Relationships;

/// <summary>
/// Actors as both faces (HTTP and the CLI) accept them, through one resolver: a code (<c>NER</c>, <c>ner</c>), an ISO
/// alpha-2 code (<c>US</c>) or a name (<c>Niger</c>, <c>the United States</c>) from the gazetteer, and any code the
/// store has reports of. Unknown input is an error naming the closest matches.
/// </summary>
public static class Actors
{
    public static string Normalise(string code) => code.Trim().ToUpperInvariant();

    /// <summary>The actor code a typed input names, or why it names none.</summary>
    public readonly record struct Resolved(string? Code, string? Error);

    public static async Task<Resolved> ResolveAsync(IQuerySession session, string input, CancellationToken ct)
    {
        var found = ActorLookup.Default.Lookup(input);
        if (found.Found) return new Resolved(found.Code, null);
        var code = Normalise(input);
        if (code.Length > 0 && !code.Contains(' ') && await session.Query<HistoryReport>().AnyAsync(
                r => r.HistoryId == code || r.HistoryId.StartsWith(code + "-") || r.HistoryId.EndsWith("-" + code), ct))
            return new Resolved(code, null);
        return new Resolved(null, found.Error);
    }

    /// <summary>The code, or 404 problem details naming the input and the closest matches.</summary>
    public static async Task<(string? Code, ProblemHttpResult? Problem)> CodeAsync(IQuerySession session, string input, CancellationToken ct)
    {
        var resolved = await ResolveAsync(session, input, ct);
        return resolved.Code is { } code
            ? (code, null)
            : (null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown actor",
                detail: resolved.Error, extensions: new Dictionary<string, object?> { ["actor"] = input }));
    }

    public readonly record struct PairResult(ActorPair Pair, ProblemHttpResult? Problem);

    /// <summary>The relationship of two actors as typed: both known (else 404), two different actors (else a validation error).</summary>
    public static async Task<PairResult> PairAsync(IQuerySession session, string a, string b, HttpInput input, CancellationToken ct)
    {
        var (x, problemX) = await CodeAsync(session, a, ct);
        if (problemX is not null) return new PairResult(default, problemX);
        var (y, problemY) = await CodeAsync(session, b, ct);
        if (problemY is not null) return new PairResult(default, problemY);
        if (x == y)
        {
            input.Error("b", $"a relationship needs two different actors, got '{x}' twice");
            return new PairResult(default, null);
        }
        return new PairResult(ActorPair.Of(x!, y!), null);
    }
}
