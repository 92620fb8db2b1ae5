using System.Text.RegularExpressions;

namespace Monitoring.Extraction.Actors;

public enum MentionHow { Name, Demonym, Capital, Metonym, Body, Person, Context }

/// <summary>One actor named in a text: its span (relative to the text searched) and its code. Context mentions ("the junta") get their code from the discourse.</summary>
public sealed record ActorMention(int Start, int End, string Code, string Kind, MentionHow How, string Text, string? ContextRole = null)
{
    public bool IsState => Kind is "state" or "territory";
    public bool IsBloc => Kind is "bloc" or "organisation";
}

/// <summary>What <see cref="ActorResolver.Resolve(string, DateOnly?)"/> answers for each actor named in a phrase.</summary>
public sealed record ResolvedActor(string Code, string Kind, string Name, string MatchedText, string How);

/// <summary>
/// Finds actors in text with the gazetteer: longest match first, at word boundaries; all-capital short aliases
/// (US, EU, UN, CAR) match case-sensitively so that "us" is never the United States.
/// </summary>
public sealed class ActorResolver
{
    private sealed record Surface(string Text, string Code, string Kind, MentionHow How, bool CaseSensitive, string? Role, GazetteerPerson? Person)
    {
        /// <summary>Its place among the surfaces sharing its first letter (longest first): the first acceptable one wins.</summary>
        public int Rank { get; set; }
    }

    private readonly Dictionary<char, List<Surface>> _index = [];
    private readonly Gazetteer _gazetteer;
    private readonly ContextTerms _context;
    private readonly HashSet<string> _agentNouns;
    private readonly Dictionary<string, GazetteerEntity> _byCode = new(StringComparer.Ordinal);

    // A trie over every surface, keyed by upper-cased characters: one walk per word start finds every surface the
    // text could spell there, where testing each surface in turn cost hundreds of comparisons per word. The walk
    // only proposes; each proposal is then checked exactly as before (ordinal or ordinal-ignore-case comparison,
    // word boundary, case rules), and the best-ranked acceptable one wins, so the mentions are the same.
    private readonly Dictionary<long, int> _edges = [];
    // The root's edges for ASCII, by array: every word start looks one up, most go no further.
    private readonly int[] _rootAscii = new int[128];
    private readonly List<Surface[]> _ends = [[]];

    private static readonly Lazy<ActorResolver> Shared = new(() => new ActorResolver(Gazetteer.Default, ContextTerms.Default));

    public static ActorResolver Default => Shared.Value;

    public Gazetteer Gazetteer => _gazetteer;
    public ContextTerms Context => _context;

    public ActorResolver(Gazetteer gazetteer, ContextTerms context)
    {
        _gazetteer = gazetteer;
        _context = context;
        _agentNouns = new HashSet<string>(context.AgentNouns, StringComparer.OrdinalIgnoreCase);
        foreach (var e in gazetteer.Entities)
        {
            _byCode.TryAdd(e.Code, e);
            Add(e.Names, e, MentionHow.Name);
            Add(e.ShortNames, e, MentionHow.Name);
            Add(e.Demonyms, e, MentionHow.Demonym);
            Add(e.Capitals, e, MentionHow.Capital);
            Add(e.Metonyms, e, MentionHow.Metonym);
            Add(e.Bodies, e, MentionHow.Body);
        }
        foreach (var p in gazetteer.People)
        {
            var kind = Find(p.Code)?.Kind ?? "state";
            foreach (var n in new[] { p.Name }.Concat(p.Aliases ?? []))
                AddSurface(new Surface(n, p.Code, kind, MentionHow.Person, IsCaseSensitive(n), null, p));
        }
        foreach (var c in context.Phrases)
            AddSurface(new Surface(c.Text, "", "context", MentionHow.Context, false, c.ResolvesTo, null));
        foreach (var list in _index.Values)
        {
            list.Sort((a, b) => b.Text.Length.CompareTo(a.Text.Length));
            for (var r = 0; r < list.Count; r++)
            {
                list[r].Rank = r;
                AddToTrie(list[r]);
            }
        }
        for (var c = 0; c < 128; c++)
            _rootAscii[c] = _edges.TryGetValue(EdgeKey(0, (char)c), out var child) ? child : -1;
    }

    private void AddToTrie(Surface s)
    {
        var node = 0;
        foreach (var ch in s.Text)
        {
            var key = EdgeKey(node, ch);
            if (!_edges.TryGetValue(key, out var next))
            {
                next = _ends.Count;
                _ends.Add([]);
                _edges[key] = next;
            }
            node = next;
        }
        _ends[node] = [.. _ends[node], s];
    }

    private static long EdgeKey(int node, char c) => ((long)node << 16) | char.ToUpperInvariant(c);

    private void Add(IReadOnlyList<string>? names, GazetteerEntity e, MentionHow how)
    {
        foreach (var n in names ?? [])
            if (!string.IsNullOrWhiteSpace(n))
                AddSurface(new Surface(n, e.Code, e.Kind, how, IsCaseSensitive(n), null, null));
    }

    private void AddSurface(Surface s)
    {
        var key = char.ToLowerInvariant(s.Text[0]);
        if (!_index.TryGetValue(key, out var list)) _index[key] = list = [];
        list.Add(s);
    }

    /// <summary>Acronyms of three letters or fewer (US, EU, UN, AU, CAR) must keep their case; longer ones (ECOWAS, Nato) need not.</summary>
    private static bool IsCaseSensitive(string s)
    {
        var letters = s.Where(char.IsLetter).ToArray();
        return letters.Length <= 3 && letters.All(char.IsUpper);
    }

    public bool IsAgentNoun(string word) => _agentNouns.Contains(word);

    /// <summary>The gazetteer entity with this code (the first one, as <see cref="Gazetteer.Find"/>), by dictionary.</summary>
    public GazetteerEntity? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>Every actor mention in <paramref name="text"/>, left to right, without overlaps.</summary>
    public IReadOnlyList<ActorMention> FindMentions(string text)
    {
        var result = new List<ActorMention>();
        var i = 0;
        while (i < text.Length)
        {
            if (i == 0 || !char.IsLetterOrDigit(text[i - 1]))
            {
                var first = char.ToLowerInvariant(text[i]);
                Surface? hit = null;
                var c0 = text[i];
                var node = c0 < 128 ? _rootAscii[c0] : _edges.TryGetValue(EdgeKey(0, c0), out var n0) ? n0 : -1;
                for (var j = i + 1; node >= 0; j++)
                {
                    foreach (var s in _ends[node])
                        if ((hit is null || s.Rank < hit.Rank) && Accepts(text, i, s, first)) hit = s;
                    if (j >= text.Length || !_edges.TryGetValue(EdgeKey(node, text[j]), out node)) break;
                }
                if (hit is not null)
                {
                    var end = i + hit.Text.Length;
                    result.Add(new ActorMention(i, end, hit.Code, hit.Kind, hit.How, text[i..end], hit.Role));
                    i = end;
                    continue;
                }
            }
            i++;
        }
        return result;
    }

    /// <summary>Whether a surface the trie proposes at <paramref name="i"/> is a mention there (the checks of a one-by-one scan).</summary>
    private static bool Accepts(string text, int i, Surface s, char first)
    {
        if (char.ToLowerInvariant(s.Text[0]) != first) return false;
        if (string.Compare(text, i, s.Text, 0, s.Text.Length, s.CaseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase) != 0) return false;
        var end = i + s.Text.Length;
        if (end < text.Length && char.IsLetterOrDigit(text[end]) && char.IsLetterOrDigit(text[end - 1])) return false;
        if (s.How != MentionHow.Context && !s.CaseSensitive && char.IsLower(text[i]) && char.IsUpper(s.Text[0])) return false;
        if (s.How == MentionHow.Name && LooksLikeFirstName(text, i, end)) return false;
        return true;
    }

    private static readonly Regex PersonAfter = new(@"^ [A-Z][a-z]+\b(?! [A-Z])(?=[ ,.])", RegexOptions.CultureInvariant);

    /// <summary>"Chad Smith said": a one-word state name followed by a capitalised surname and then lower-case text is a person.</summary>
    private static bool LooksLikeFirstName(string text, int start, int end)
    {
        if (text.AsSpan(start, end - start).Contains(' ')) return false;
        // The pattern opens with a space and a capital: most names fail that without running it.
        if (end + 1 >= text.Length || text[end] != ' ' || text[end + 1] is < 'A' or > 'Z') return false;
        var rest = text.AsSpan(end, Math.Min(40, text.Length - end)).ToString();
        var m = PersonAfter.Match(rest);
        if (!m.Success) return false;
        var before = text.AsSpan(0, start).TrimEnd();
        var prev = before[(before.LastIndexOf(' ') + 1)..];
        return !(prev is "in" or "of" or "to" or "from" or "with" or "and" or "by");
    }

    /// <summary>The actors a phrase names, as <c>./monitor resolve</c> shows them. Context phrases ("the junta") resolve only with a subject.</summary>
    public IReadOnlyList<ResolvedActor> Resolve(string phrase, DateOnly? date) => Resolve(phrase, date, null, null);

    public IReadOnlyList<ResolvedActor> Resolve(string phrase, DateOnly? date, string? subjectState, string? lastBloc)
    {
        var result = new List<ResolvedActor>();
        foreach (var m in FindMentions(phrase ?? ""))
        {
            if (m.How == MentionHow.Context)
            {
                var code = ResolveContext(m.ContextRole, subjectState, lastBloc);
                if (code is null) continue;
                var e = Find(code);
                result.Add(new ResolvedActor(code, e?.Kind ?? "state", e?.Name ?? code, m.Text, $"context:{m.ContextRole}"));
                continue;
            }
            var entity = Find(m.Code);
            var how = m.How.ToString().ToLowerInvariant();
            if (m.How == MentionHow.Person && date is { } d)
            {
                var p = _gazetteer.People.FirstOrDefault(x => x.Name == m.Text || (x.Aliases ?? []).Contains(m.Text));
                if (p is not null && ((p.From is { } f && d < f) || (p.To is { } t && d > t))) how = "person (out of office on that date)";
            }
            result.Add(new ResolvedActor(m.Code, m.Kind, entity?.Name ?? m.Code, m.Text, how));
        }
        return result;
    }

    public string? ResolveContext(string? role, string? subjectState, string? lastBloc) => role switch
    {
        "subject" => subjectState,
        "lastBloc" => lastBloc,
        "colonizer" => subjectState is not null && _context.Colonizers.TryGetValue(subjectState, out var c) ? c : null,
        "lastState" => subjectState,
        _ => null,
    };
}
