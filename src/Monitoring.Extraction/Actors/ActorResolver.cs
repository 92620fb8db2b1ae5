using System.Text.RegularExpressions;

namespace Monitoring.Extraction.Actors;

public enum MentionHow { Name, Demonym, Capital, Metonym, Body, Person, Context, Place }

/// <summary>One actor named in a text: its span (relative to the text searched) and its code. Context mentions ("the junta") get their code from the discourse.</summary>
public sealed record ActorMention(int Start, int End, string Code, string Kind, MentionHow How, string Text, string? ContextRole = null)
{
    /// <summary>For <see cref="MentionHow.Place"/>: the place (its <see cref="Code"/> is its country, empty when the name is open).</summary>
    public GazetteerPlace? Place { get; init; }

    public bool IsState => Kind is "state" or "territory";
    public bool IsBloc => Kind is "bloc" or "organisation";
}

/// <summary>
/// What <see cref="ActorResolver.Resolve(string, DateOnly?)"/> answers for each actor or place named in a phrase.
/// <see cref="Role"/> is "actor" for what acts and "place" for where something happens ("in Abuja", "Kharkiv"); a
/// place's <see cref="Code"/> is the state it lies in. <see cref="Country"/> is the state a place lies in or a
/// non-state actor operates in (never its code: HEZBOLLAH is not LBN, but can be filtered by it).
/// </summary>
public sealed record ResolvedActor(string Code, string Kind, string Name, string MatchedText, string How)
{
    public string Role { get; init; } = "actor";
    public string? Country { get; init; }
}

/// <summary>A mention the resolver will not turn into a code: context-bound ("the former colonial power": only inside an article) or ambiguous ("Victoria").</summary>
public sealed record UnresolvedMention(string Text, string Why, IReadOnlyList<string> Candidates);

/// <summary>Everything a phrase names: what resolved, and what did not with the reason.</summary>
public sealed record Resolution(IReadOnlyList<ResolvedActor> Actors, IReadOnlyList<UnresolvedMention> Unresolved);

/// <summary>
/// Finds actors in text with the gazetteer: longest match first, at word boundaries; all-capital short aliases
/// (US, EU, UN, CAR) match case-sensitively so that "us" is never the United States.
/// </summary>
public sealed class ActorResolver
{
    private sealed record Surface(string Text, string Code, string Kind, MentionHow How, bool CaseSensitive, string? Role, GazetteerPerson? Person)
    {
        public GazetteerPlace? Place { get; init; }
        /// <summary>A one-word name with other readings: after a first name it is a surname ("Michael Jordan", "Lake Chad").</summary>
        public bool Ambiguous { get; init; }

        /// <summary>Its place among the surfaces sharing its first letter (longest first): the first acceptable one wins.</summary>
        public int Rank { get; set; }
    }

    private readonly Dictionary<char, List<Surface>> _index = [];
    private readonly Gazetteer _gazetteer;
    private readonly ContextTerms _context;
    private readonly HashSet<string> _agentNouns;
    private readonly Dictionary<string, GazetteerEntity> _byCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GazetteerPlace> _places = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<GazetteerPerson>> _peopleByName = new(StringComparer.Ordinal);

    // A trie over every surface, keyed by upper-cased characters: one walk per word start finds every surface the
    // text could spell there, where testing each surface in turn cost hundreds of comparisons per word. The walk
    // only proposes; each proposal is then checked exactly as before (ordinal or ordinal-ignore-case comparison,
    // word boundary, case rules), and the best-ranked acceptable one wins, so the mentions are the same.
    // Two tries: the actors alone, which article extraction walks at every word start, and actors with places, for
    // phrases. The tens of thousands of town names would otherwise lengthen every walk of the extractor.
    private readonly Trie _actors = new();
    private readonly Lazy<Trie> _all;

    private sealed class Trie(int capacity = 0)
    {
        private readonly Dictionary<long, int> _edges = new(capacity);
        // The root's edges for ASCII, by array: every word start looks one up, most go no further.
        private readonly int[] _rootAscii = new int[128];
        private readonly List<Surface[]> _ends = new(Math.Max(1, capacity)) { Array.Empty<Surface>() };

        public void Add(Surface s)
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

        public void Seal()
        {
            for (var c = 0; c < 128; c++)
                _rootAscii[c] = _edges.TryGetValue(EdgeKey(0, (char)c), out var child) ? child : -1;
        }

        public int Root(char c) => c < 128 ? _rootAscii[c] : _edges.TryGetValue(EdgeKey(0, c), out var n) ? n : -1;

        public bool Next(int node, char c, out int next) => _edges.TryGetValue(EdgeKey(node, c), out next);

        public Surface[] Ends(int node) => _ends[node];

        private static long EdgeKey(int node, char c) => ((long)node << 16) | char.ToUpperInvariant(c);
    }

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
            {
                if (!_peopleByName.TryGetValue(n, out var terms)) _peopleByName[n] = terms = [];
                terms.Add(p);
                if (terms.Count > 1 && terms.Take(terms.Count - 1).Any(t => t.Code == p.Code)) continue;
                AddSurface(new Surface(n, p.Code, kind, MentionHow.Person, IsCaseSensitive(n), null, p));
            }
        }
        foreach (var c in context.Phrases)
            AddSurface(new Surface(c.Text, "", "context", MentionHow.Context, false, c.ResolvesTo, null));
        foreach (var p in gazetteer.Places) _places.TryAdd(p.Name, p);
        foreach (var list in _index.Values)
        {
            // Longest first, then in the order added (a name before the same word as a demonym): a stable order, so
            // that adding data elsewhere in the gazetteer cannot reorder two surfaces.
            var order = new Dictionary<Surface, int>(ReferenceEqualityComparer.Instance);
            for (var r = 0; r < list.Count; r++) order[list[r]] = r;
            list.Sort((a, b) => b.Text.Length != a.Text.Length ? b.Text.Length.CompareTo(a.Text.Length) : order[a].CompareTo(order[b]));
            for (var r = 0; r < list.Count; r++)
            {
                list[r].Rank = r;
                _actors.Add(list[r]);
            }
        }
        _actors.Seal();
        _all = new Lazy<Trie>(() =>
        {
            // Built on first use: article extraction never reads places, and should not pay for 25,000 of them.
            var all = new Trie(gazetteer.Places.Sum(p => p.Name.Length) + 200_000);
            foreach (var list in _index.Values)
                foreach (var surface in list) all.Add(surface);
            var rank = PlaceRank;
            foreach (var p in gazetteer.Places)
                all.Add(new Surface(p.Name, p.Country ?? "", p.Kind, MentionHow.Place, IsCaseSensitive(p.Name), null, null) { Place = p, Rank = rank++ });
            all.Seal();
            return all;
        });
    }

    /// <summary>Places rank after every actor: of two surfaces spelled alike, the actor wins (the state Georgia before the US state).</summary>
    private const int PlaceRank = 1 << 24;

    private void Add(IReadOnlyList<string>? names, GazetteerEntity e, MentionHow how)
    {
        foreach (var n in names ?? [])
            if (!string.IsNullOrWhiteSpace(n))
                AddSurface(new Surface(n, e.Code, e.Kind, how, IsCaseSensitive(n), null, null)
                {
                    Ambiguous = how is MentionHow.Name or MentionHow.Capital && !n.Contains(' ') && (e.Ambiguous ?? []).Contains(n),
                });
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
        var letters = 0;
        foreach (var c in s)
        {
            if (!char.IsLetter(c)) continue;
            if (++letters > 3 || !char.IsUpper(c)) return false;
        }
        return true;
    }

    public bool IsAgentNoun(string word) => _agentNouns.Contains(word);

    /// <summary>The gazetteer entity with this code (the first one, as <see cref="Gazetteer.Find"/>), by dictionary.</summary>
    public GazetteerEntity? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>Every actor mention in <paramref name="text"/>, left to right, without overlaps. Places are not actors and are left out.</summary>
    public IReadOnlyList<ActorMention> FindMentions(string text) => FindMentions(text, places: false);

    /// <summary>
    /// With <paramref name="places"/>, places too (cities, divisions, rivers). A place never hides an actor: it is taken
    /// only where no actor surface starts inside it, so that adding places cannot change the actors found.
    /// </summary>
    public IReadOnlyList<ActorMention> FindMentions(string text, bool places)
    {
        var trie = places ? _all.Value : _actors;
        var result = new List<ActorMention>();
        var i = 0;
        while (i < text.Length)
        {
            if (i == 0 || !char.IsLetterOrDigit(text[i - 1]))
            {
                var first = char.ToLowerInvariant(text[i]);
                Surface? hit = null;
                var node = trie.Root(text[i]);
                for (var j = i + 1; node >= 0; j++)
                {
                    // Surfaces at one node share their length: a deeper one is longer and wins, at one node the lower rank.
                    foreach (var s in trie.Ends(node))
                        if ((hit is null || s.Text.Length > hit.Text.Length || s.Rank < hit.Rank) && Accepts(text, i, s, first)) hit = s;
                    if (j >= text.Length || !trie.Next(node, text[j], out node)) break;
                }
                if (hit is { How: MentionHow.Place } && ActorStartsWithin(text, i + 1, i + hit.Text.Length)) hit = null;
                if (hit is not null)
                {
                    var end = i + hit.Text.Length;
                    result.Add(new ActorMention(i, end, hit.Code, hit.Kind, hit.How, text[i..end], hit.Role) { Place = hit.Place });
                    i = end;
                    continue;
                }
            }
            i++;
        }
        return result;
    }

    private bool ActorStartsWithin(string text, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (char.IsLetterOrDigit(text[i - 1]) || !char.IsLetterOrDigit(text[i])) continue;
            var first = char.ToLowerInvariant(text[i]);
            var node = _actors.Root(text[i]);
            for (var j = i + 1; node >= 0; j++)
            {
                foreach (var s in _actors.Ends(node))
                    if (s.How != MentionHow.Context && Accepts(text, i, s, first)) return true;
                if (j >= text.Length || !_actors.Next(node, text[j], out node)) break;
            }
        }
        return false;
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
        if (s.Ambiguous && AfterFirstName(text, i)) return false;
        return true;
    }

    /// <summary>Capitalised words that may stand before a state's name without making it a surname.</summary>
    private static readonly HashSet<string> NotFirstNames = new(StringComparer.Ordinal)
    {
        "The", "In", "Of", "And", "To", "From", "With", "By", "For", "At", "On", "As", "But", "While", "After", "Before", "Since", "Both",
        "Visit", "Neighbouring", "Neighboring", "Hashemite", "Democratic", "Islamic", "Federal", "Independent", "Modern", "Greater",
        "Northern", "Southern", "Eastern", "Western", "Central", "Neighbour", "Neighbor", "Ally", "Allies", "Said", "Says", "Why", "How", "When",
    };

    /// <summary>"Michael Jordan", "George Washington", "Lake Chad": a capitalised word right before (not starting the text) makes the name something else.</summary>
    private static bool AfterFirstName(string text, int start)
    {
        if (start < 3 || text[start - 1] != ' ') return false;
        var k = start - 2;
        while (k >= 0 && char.IsLetter(text[k])) k--;
        var word = text[(k + 1)..(start - 1)];
        if (word.Length < 3 || !char.IsUpper(word[0]) || !word.Skip(1).All(char.IsLower)) return false;
        if (NotFirstNames.Contains(word)) return false;
        // In a title-case headline ("US Troops Leave Chad") every word is capitalised: a capital then says nothing.
        var before = text.AsSpan(0, k + 1).TrimEnd(' ');
        if (before.Length > 0)
        {
            var m = before.Length - 1;
            while (m >= 0 && char.IsLetter(before[m])) m--;
            var previous = before[(m + 1)..];
            if (previous.Length > 0 && char.IsUpper(previous[0])) return false;
        }
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

    /// <summary>The actors a phrase names, as <c>./monitor resolve</c> shows them, places included (role "place"). Context phrases ("the junta") resolve only with a subject.</summary>
    public IReadOnlyList<ResolvedActor> Resolve(string phrase, DateOnly? date) => ResolveAll(phrase, date, null, null).Actors;

    public IReadOnlyList<ResolvedActor> Resolve(string phrase, DateOnly? date, string? subjectState, string? lastBloc) =>
        ResolveAll(phrase, date, subjectState, lastBloc).Actors;

    private static readonly Regex LocativeBefore = new(@"\b(?:in|at|near|inside|outside|across|throughout|within|around|outskirts\s+of|city\s+of|town\s+of|region\s+of|province\s+of|state\s+of)\s+(?:the\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// What a phrase names and what it leaves open. A state or capital after "in", "at", "near"... is a place where
    /// something happens, not an actor; a city is always a place (only capitals and metonyms act for their state).
    /// "Paris, Texas" takes the qualifier's country; a name that several countries share and none dominates
    /// ("Victoria") and a context phrase without an article ("the former colonial power") are left unresolved.
    /// </summary>
    public Resolution ResolveAll(string phrase, DateOnly? date, string? subjectState, string? lastBloc)
    {
        phrase ??= "";
        var mentions = FindMentions(phrase, places: true);
        var result = new List<ResolvedActor>();
        var unresolved = new List<UnresolvedMention>();
        var consumed = new HashSet<int>();
        for (var k = 0; k < mentions.Count; k++)
        {
            if (consumed.Contains(k)) continue;
            var m = mentions[k];
            if (m.How == MentionHow.Context)
            {
                var code = ResolveContext(m.ContextRole, subjectState, lastBloc);
                if (code is null)
                {
                    unresolved.Add(new UnresolvedMention(m.Text, "context-bound: resolves only inside an article", []));
                    continue;
                }
                var e = Find(code);
                result.Add(new ResolvedActor(code, e?.Kind ?? "state", e?.Name ?? code, m.Text, $"context:{m.ContextRole}"));
                continue;
            }
            var qualifier = Qualifier(phrase, mentions, k);
            if (m.How == MentionHow.Place)
            {
                var p = m.Place!;
                var country = p.Country;
                if (qualifier is { } q && QualifierCountries(q).FirstOrDefault(c => p.AllCountries.Contains(c) || p.AllCountries.Count == 0 || p.Country is null) is { } qc)
                {
                    country = p.AllCountries.Contains(qc) || p.AllCountries.Count == 0 ? qc : country;
                    consumed.Add(k + 1);
                }
                else if (country is null && OtherCountries(mentions, k).FirstOrDefault(p.AllCountries.Contains) is { } ctx)
                    country = ctx;
                if (country is null)
                {
                    unresolved.Add(new UnresolvedMention(m.Text, "ambiguous place", p.AllCountries));
                    continue;
                }
                result.Add(new ResolvedActor(country, p.Kind, $"{p.Name} ({Find(country)?.Name ?? country})", m.Text, "place") { Role = "place", Country = country });
                continue;
            }
            var entity = Find(m.Code);
            // A capital that is also a larger town elsewhere and is marked ambiguous (Victoria, San José) is left open.
            if (m.How == MentionHow.Capital && (entity?.Ambiguous ?? []).Contains(m.Text) && _places.TryGetValue(m.Text, out var rival) && rival.Country is null && rival.Population >= 100_000 && qualifier is null)
            {
                unresolved.Add(new UnresolvedMention(m.Text, "ambiguous place", [m.Code, .. rival.AllCountries.Where(c => c != m.Code)]));
                continue;
            }
            // A state's name that is also a division or town elsewhere (Georgia) takes that reading when the phrase is about that country.
            if (m.How == MentionHow.Name && _places.TryGetValue(m.Text, out var shadow) && shadow.AllCountries.FirstOrDefault(c => c != m.Code && (OtherCountries(mentions, k).Contains(c) || StateOfBefore.IsMatch(phrase.AsSpan(0, m.Start)))) is { } elsewhere)
            {
                result.Add(new ResolvedActor(elsewhere, shadow.Kind, $"{shadow.Name} ({Find(elsewhere)?.Name ?? elsewhere})", m.Text, "place") { Role = "place", Country = elsewhere });
                continue;
            }
            // "Paris, Texas": a capital qualified by a division or state of another country is a town there.
            if (m.How == MentionHow.Capital && qualifier is { } cq && QualifierCountries(cq).ToList() is { Count: > 0 } qcs && !qcs.Contains(m.Code))
            {
                consumed.Add(k + 1);
                result.Add(new ResolvedActor(qcs[0], "city", $"{m.Text} ({Find(qcs[0])?.Name ?? qcs[0]})", m.Text, "place") { Role = "place", Country = qcs[0] });
                continue;
            }
            var how = m.How.ToString().ToLowerInvariant();
            if (m.How == MentionHow.Person && date is { } d && _peopleByName.ContainsKey(m.Text))
            {
                // One person may act for several actors in turn (Tusk for Poland, then the EU, then Poland): the term on the
                // date decides. Out of office on that date, a person acts for nobody ("Bolsonaro" in 2024): the phrase must say
                // what they are ("former Brazilian president") for anything to resolve.
                if (PersonCodeOn(m.Text, d) is not { } inOffice)
                {
                    var terms = _peopleByName[m.Text].Select(p => $"{p.Role ?? "office"} for {p.Code} {p.From?.ToString("yyyy-MM-dd") ?? "…"} to {p.To?.ToString("yyyy-MM-dd") ?? "…"}");
                    unresolved.Add(new UnresolvedMention(m.Text, $"person out of office on {d:yyyy-MM-dd} ({string.Join("; ", terms)})",
                        [.. _peopleByName[m.Text].Select(p => p.Code).Distinct()]));
                    continue;
                }
                if (inOffice != m.Code)
                {
                    entity = Find(inOffice);
                    m = m with { Code = inOffice, Kind = entity?.Kind ?? m.Kind };
                }
            }
            var locative = m.IsState && m.How is MentionHow.Name or MentionHow.Capital && LocativeBefore.IsMatch(phrase.AsSpan(0, m.Start));
            if (locative && qualifier is not null) consumed.Add(k + 1);
            result.Add(new ResolvedActor(m.Code, m.Kind, entity?.Name ?? m.Code, m.Text, how)
            {
                Role = locative ? "place" : "actor",
                Country = entity?.Country ?? (locative ? m.Code : null),
            });
        }
        return new Resolution(result, unresolved);
    }

    /// <summary>The actor a person named so acts for on <paramref name="date"/>: the code of the term covering it, or null when out of office (or not a person).</summary>
    public string? PersonCodeOn(string name, DateOnly date) =>
        _peopleByName.GetValueOrDefault(name)?.FirstOrDefault(p => (p.From is not { } f || date >= f) && (p.To is not { } t || date <= t))?.Code;

    private static readonly Regex StateOfBefore = new(@"\bstate\s+of\s+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>The mention right after ", " (Paris, Texas; Abuja, Nigeria), if any.</summary>
    private static ActorMention? Qualifier(string phrase, IReadOnlyList<ActorMention> mentions, int k)
    {
        if (k + 1 >= mentions.Count) return null;
        var between = phrase.AsSpan(mentions[k].End, mentions[k + 1].Start - mentions[k].End);
        return between.Trim().SequenceEqual(",") ? mentions[k + 1] : null;
    }

    private IEnumerable<string> QualifierCountries(ActorMention q)
    {
        if (q.How == MentionHow.Place) return q.Place!.AllCountries;
        // "Atlanta, Georgia": the qualifier is read as the division when one of that name exists.
        var codes = new List<string>();
        if (q.IsState) codes.Add(q.Code);
        if (_places.TryGetValue(q.Text, out var p)) codes.AddRange(p.AllCountries);
        return codes;
    }

    private static IEnumerable<string> OtherCountries(IReadOnlyList<ActorMention> mentions, int k) =>
        mentions.Where((x, i) => i != k).SelectMany(x => x.How == MentionHow.Place ? x.Place!.AllCountries.Take(x.Place.Country is null ? 0 : 1) : x.IsState ? [x.Code] : []);

    public string? ResolveContext(string? role, string? subjectState, string? lastBloc) => role switch
    {
        "subject" => subjectState,
        "lastBloc" => lastBloc,
        "colonizer" => subjectState is not null && _context.Colonizers.TryGetValue(subjectState, out var c) ? c : null,
        "lastState" => subjectState,
        _ => null,
    };
}
