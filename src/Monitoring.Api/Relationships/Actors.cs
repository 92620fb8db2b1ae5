using Marten;
using Monitoring.Extraction.Actors;
using Monitoring.Store.Relationships;

namespace Monitoring.Api.Relationships;

/// <summary>
/// Actors as both faces (HTTP and the CLI) accept them, through one resolver: a code (<c>NER</c>, <c>ner</c>), an ISO
/// alpha-2 code (<c>US</c>) or a name (<c>Niger</c>, <c>the United States</c>) from the gazetteer, and any code the
/// store has reports of. Unknown input is refused with the closest matches.
/// </summary>
public static class Actors
{
    public static string Normalise(string code) => code.Trim().ToUpperInvariant();

    /// <summary>The actor code a typed input names, or why it names none (<paramref name="parameter"/> names where it was typed).</summary>
    public static async Task<Answer<string>> ResolveAsync(IQuerySession session, string input, string parameter, CancellationToken ct)
    {
        var found = ActorLookup.Default.Lookup(input);
        if (found.Found) return found.Code!;
        var code = Normalise(input);
        if (code.Length > 0 && !code.Contains(' ') && await session.Query<HistoryReport>().AnyAsync(
                r => r.HistoryId == code || r.HistoryId.StartsWith(code + "-") || r.HistoryId.EndsWith("-" + code), ct))
            return code;
        return new Refusal(RefusalKind.UnknownActor, parameter, input, found.Error ?? $"unknown actor '{input}'");
    }
}
