using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Monitoring.Api.Hosting;
using Monitoring.Domain;
using Monitoring.Extraction.Actors;
using Monitoring.Store.Relationships;

namespace Monitoring.Api.Relationships;

/// <summary>Actor codes as the HTTP API accepts them: the gazetteer's, and any the store has reports of.</summary>
public static class Actors
{
    public static string Normalise(string code) => code.Trim().ToUpperInvariant();

    /// <summary>404 problem details naming the code, or null when the code is known.</summary>
    public static async Task<ProblemHttpResult?> UnknownAsync(IQuerySession session, string code, CancellationToken ct)
    {
        if (Gazetteer.Default.Find(code) is not null) return null;
        var reported = await session.Query<HistoryReport>().AnyAsync(
            r => r.HistoryId == code || r.HistoryId.StartsWith(code + "-") || r.HistoryId.EndsWith("-" + code), ct);
        return reported ? null : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown actor",
            detail: $"unknown actor code '{code}': not in the gazetteer and never reported (codes are ISO 3166-1 alpha-3 or bloc names, e.g. NER, USA, ECOWAS)",
            extensions: new Dictionary<string, object?> { ["actor"] = code });
    }

    public readonly record struct PairResult(ActorPair Pair, ProblemHttpResult? Problem);

    /// <summary>The relationship of two codes: two different actors (else a validation error), both known (else 404).</summary>
    public static async Task<PairResult> PairAsync(IQuerySession session, string a, string b, HttpInput input, CancellationToken ct)
    {
        var (x, y) = (Normalise(a), Normalise(b));
        if (x == y)
        {
            input.Error("b", $"a relationship needs two different actors, got '{x}' twice");
            return new PairResult(default, null);
        }
        foreach (var code in new[] { x, y })
            if (await UnknownAsync(session, code, ct) is { } unknown)
                return new PairResult(default, unknown);
        return new PairResult(ActorPair.Of(x, y), null);
    }
}
