namespace Monitoring.Extraction.Actors;

/// <summary>What a user typed (a code, an ISO alpha-2 code or a name) as an actor code, or why not.</summary>
public sealed record ActorLookupResult(string Input, string? Code, string? Name, string? Error, IReadOnlyList<string> Closest)
{
    public bool Found => Code is not null;
}

/// <summary>
/// The one way the faces (CLI, HTTP) turn what a user typed into an actor code: <c>NER</c>, <c>ner</c>, <c>NE</c>,
/// <c>Niger</c>, <c>the United States</c>, <c>US</c>. Unknown input is an error naming the closest matches; a
/// context-bound phrase ("the former colonial power") is an error saying it resolves only inside an article.
/// </summary>
public sealed class ActorLookup
{
    private readonly Dictionary<string, string> _keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly ActorResolver _resolver;

    private static readonly Lazy<ActorLookup> Shared = new(() => new ActorLookup(ActorResolver.Default));

    public static ActorLookup Default => Shared.Value;

    public ActorLookup(ActorResolver resolver)
    {
        _resolver = resolver;
        var g = resolver.Gazetteer;
        // Codes first, then names, short names and ISO alpha-2: a code never loses to a name spelled the same.
        foreach (var e in g.Entities) _keys.TryAdd(e.Code, e.Code);
        foreach (var e in g.Entities)
            foreach (var n in (e.Names ?? []).Concat(e.ShortNames ?? []))
                _keys.TryAdd(n, e.Code);
        foreach (var e in g.Entities)
            if (e.Iso2 is { Length: 2 } iso2) _keys.TryAdd(iso2, e.Code);
    }

    public ActorLookupResult Lookup(string input)
    {
        var key = Normalise(input);
        if (key.Length == 0) return new(input, null, null, "an actor code or name is required (NER, Niger, US...)", []);
        if (_keys.TryGetValue(key, out var code) || _keys.TryGetValue("the " + key, out code))
            return new(input, code, _resolver.Find(code)?.Name ?? code, null, []);
        // A whole phrase naming exactly one actor ("Niger's junta" is not that, but "the Kremlin" is) is accepted too.
        var resolution = _resolver.ResolveAll(input, null, null, null);
        if (resolution.Unresolved.FirstOrDefault(u => u.Why.StartsWith("context-bound", StringComparison.Ordinal)) is { } bound && resolution.Actors.Count == 0)
            return new(input, null, null, $"'{input}' names an actor only inside an article ({bound.Text}): give a code or name", []);
        var actors = resolution.Actors.Where(a => a.Role == "actor").Select(a => a.Code).Distinct().ToList();
        if (actors.Count == 1 && resolution.Actors[0].MatchedText.Length >= key.Length - 4)
            return new(input, actors[0], _resolver.Find(actors[0])?.Name ?? actors[0], null, []);
        var closest = Closest(key, 3);
        return new(input, null, null, $"unknown actor '{input}'" + (closest.Count > 0 ? $"; closest: {string.Join(", ", closest)}" : ""), closest);
    }

    private static string Normalise(string s)
    {
        s = s.Trim();
        return s.StartsWith("the ", StringComparison.OrdinalIgnoreCase) ? s[4..].Trim() : s;
    }

    /// <summary>The keys nearest by edit distance, each as "Name (CODE)".</summary>
    private List<string> Closest(string key, int count) =>
        _keys.Where(kv => kv.Key.Length > 2)
            .Select(kv => (kv, d: Distance(key.ToUpperInvariant(), kv.Key.ToUpperInvariant())))
            .Where(x => x.d <= Math.Max(2, key.Length / 2))
            .OrderBy(x => x.d).ThenBy(x => x.kv.Key, StringComparer.Ordinal)
            .Select(x => $"{x.kv.Key} ({x.kv.Value})").Distinct().Take(count).ToList();

    private static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
