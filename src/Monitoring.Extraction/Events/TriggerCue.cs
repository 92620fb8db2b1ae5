using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Monitoring.Extraction.Events;

/// <summary>
/// Text that every match of a trigger pattern must contain, read from the pattern itself: one of "withdraw",
/// "withdrew", ... for <c>V("withdraw")</c>, and one of the force nouns after it. Most sentences lack them, and
/// looking for a few strings in a sentence is far cheaper than running the pattern, so the rule engine runs a
/// trigger only on the sentences that hold its cue. The cue never rules out a match: where the pattern has no
/// literal every match needs (or uses syntax not understood here), there is no cue and the pattern runs.
/// </summary>
public sealed class TriggerCue
{
    private const int MaxSets = 3;

    private static readonly ConditionalWeakTable<Regex, TriggerCue> Cache = [];

    private readonly SearchValues<string>[] _all;

    /// <summary>
    /// Sets of literals (lower case, ASCII): every match contains one literal of each set ("withdraw|withdrew|..."
    /// and "troops|forces|..."). Empty when nothing is known.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Sets { get; }

    private TriggerCue(IReadOnlyList<IReadOnlyList<string>> sets)
    {
        Sets = sets;
        _all = [.. sets.Select(set => SearchValues.Create([.. set], StringComparison.Ordinal))];
    }

    public static TriggerCue Of(Regex pattern) => Cache.GetValue(pattern, p => new TriggerCue(Parse(p)));

    /// <summary>Whether the pattern may match a text, given that text <see cref="Fold"/>ed.</summary>
    public bool MayMatch(ReadOnlySpan<char> folded)
    {
        foreach (var any in _all)
            if (folded.IndexOfAny(any) < 0) return false;
        return true;
    }

    /// <summary>Whether the pattern may match <paramref name="text"/>, folding it on the stack rather than into a new string.</summary>
    public bool MayMatchText(ReadOnlySpan<char> text)
    {
        if (_all.Length == 0) return true;
        Span<char> folded = text.Length <= 512 ? stackalloc char[text.Length] : new char[text.Length];
        Fold(text, folded);
        return MayMatch(folded);
    }

    /// <summary>
    /// Lower-cases ASCII letters and maps the other characters that a case-insensitive pattern equates with an
    /// ASCII letter (Kelvin sign, long s, dotted and dotless i) to that letter, so that an ordinal search of the
    /// folded text finds every case-insensitive occurrence of a literal. Other characters stay as they are.
    /// </summary>
    public static string Fold(string text) => string.Create(text.Length, text, static (dst, src) => Fold(src, dst));

    /// <summary>As <see cref="Fold(string)"/>, from <paramref name="src"/> into <paramref name="dst"/> (as long).</summary>
    public static void Fold(ReadOnlySpan<char> src, Span<char> dst)
    {
        for (var i = 0; i < src.Length; i++)
        {
            var c = src[i];
            dst[i] = c switch
            {
                >= 'A' and <= 'Z' => (char)(c | 0x20),
                '\u212A' => 'k',
                '\u017F' => 's',
                '\u0130' or '\u0131' => 'i',
                _ => c,
            };
        }
    }

    private static IReadOnlyList<IReadOnlyList<string>> Parse(Regex regex)
    {
        var allowed = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled;
        if ((regex.Options & ~allowed) != 0) return [];
        try
        {
            var parser = new Parser(regex.ToString());
            var all = parser.Alternation();
            if (!parser.AtEnd) return [];
            // A few selective sets filter almost as well as all of them, for less searching.
            return [.. all.Select(set => set.Distinct().ToArray()).OrderBy(set => set, Selectivity.Instance).Take(MaxSets)];
        }
        catch (NotSupportedException)
        {
            return [];
        }
    }

    /// <summary>More selective first: a longer shortest literal, then fewer literals.</summary>
    private sealed class Selectivity : IComparer<IReadOnlyList<string>>
    {
        public static readonly Selectivity Instance = new();

        public int Compare(IReadOnlyList<string>? a, IReadOnlyList<string>? b)
        {
            ArgumentNullException.ThrowIfNull(a);
            ArgumentNullException.ThrowIfNull(b);
            var byLength = b.Min(s => s.Length).CompareTo(a.Min(s => s.Length));
            return byLength != 0 ? byLength : a.Count.CompareTo(b.Count);
        }
    }

    /// <summary>
    /// A recursive reading of the pattern that computes, for each part, sets of literals such that every match of
    /// the part contains one literal of each set. A sequence keeps the sets of all its parts, an alternation the
    /// union of the best set of each branch (none if a branch has none), an optional part has none.
    /// </summary>
    private sealed class Parser(string p)
    {
        private int _i;

        public bool AtEnd => _i == p.Length;

        public List<List<string>> Alternation()
        {
            var branches = new List<List<List<string>>> { Sequence() };
            while (_i < p.Length && p[_i] == '|')
            {
                _i++;
                branches.Add(Sequence());
            }
            if (branches.Count == 1) return branches[0];
            var union = new List<string>();
            foreach (var b in branches)
            {
                if (b.Count == 0) return [];
                union.AddRange(b.OrderBy(set => set, Selectivity.Instance).First());
            }
            return [union];
        }

        private List<List<string>> Sequence()
        {
            var all = new List<List<string>>();
            var run = new System.Text.StringBuilder();
            void EndRun()
            {
                if (run.Length > 0) all.Add([run.ToString()]);
                run.Clear();
            }
            while (_i < p.Length && p[_i] is not ('|' or ')'))
            {
                var (sets, literal, width) = Atom();
                var (min, quantified) = Quantifier();
                if (literal is { } c && !quantified)
                {
                    run.Append(c);
                    continue;
                }
                EndRun();
                if (width && min > 0)
                {
                    if (literal is { } l) all.Add([l.ToString()]);
                    else if (sets is not null) all.AddRange(sets);
                }
            }
            EndRun();
            return all;
        }

        /// <summary>An atom: its literal set, or the one ASCII character it stands for, and whether it consumes text.</summary>
        private (List<List<string>>? Sets, char? Literal, bool Width) Atom()
        {
            var c = p[_i++];
            switch (c)
            {
                case '\\':
                {
                    if (_i >= p.Length) throw new NotSupportedException();
                    var e = p[_i++];
                    if (e is 'b' or 'B' or 'A' or 'z' or 'Z' or 'G') return (null, null, false);
                    if (e is 'p' or 'P')
                    {
                        var close = p.IndexOf('}', _i);
                        if (close < 0) throw new NotSupportedException();
                        _i = close + 1;
                        return (null, null, true);
                    }
                    if (char.IsAsciiLetterOrDigit(e)) return (null, null, true); // \s \w \d \n \t \u...: a class
                    return (null, Ascii(e), true);
                }
                case '[':
                {
                    if (_i < p.Length && p[_i] == '^') _i++;
                    if (_i < p.Length && p[_i] == ']') _i++;
                    while (_i < p.Length && p[_i] != ']')
                    {
                        if (p[_i] == '[') throw new NotSupportedException(); // subtraction
                        if (p[_i] == '\\') _i++;
                        _i++;
                    }
                    if (_i >= p.Length) throw new NotSupportedException();
                    _i++;
                    return (null, null, true);
                }
                case '(':
                {
                    var lookaround = false;
                    if (_i < p.Length && p[_i] == '?')
                    {
                        _i++;
                        if (p[_i] == ':') _i++;
                        else if (p[_i] is '=' or '!') { _i++; lookaround = true; }
                        else if (p[_i] == '<' && p[_i + 1] is '=' or '!') { _i += 2; lookaround = true; }
                        else if (p[_i] == '<' || p[_i] == '\'')
                        {
                            var close = p.IndexOf(p[_i] == '<' ? '>' : '\'', _i + 1);
                            if (close < 0) throw new NotSupportedException();
                            _i = close + 1;
                        }
                        else if (InlineOptionsGroup() is { } colon) _i = colon + 1; // "(?-i:...)": a group; its literals are still in the folded text
                        else throw new NotSupportedException(); // inline options for the rest, conditionals, atomic groups
                    }
                    var inner = Alternation();
                    if (_i >= p.Length || p[_i] != ')') throw new NotSupportedException();
                    _i++;
                    return lookaround ? (null, null, false) : (inner, null, true);
                }
                case '^' or '$':
                    return (null, null, false);
                case '.':
                    return (null, null, true);
                case '*' or '+' or '?' or '{':
                    throw new NotSupportedException();
                default:
                    return (null, Ascii(c), true);
            }
        }

        /// <summary>The colon closing "(?imnsx-imnsx:" at the cursor, or null.</summary>
        private int? InlineOptionsGroup()
        {
            var k = _i;
            while (k < p.Length && p[k] is 'i' or 'm' or 'n' or 's' or 'x' or '-') k++;
            return k > _i && k < p.Length && p[k] == ':' ? k : null;
        }

        /// <summary>A literal character, or null for one outside ASCII (its case equivalents are not worth reasoning about).</summary>
        private static char? Ascii(char c) => char.IsAscii(c) ? char.ToLowerInvariant(c) : null;

        private (int Min, bool Quantified) Quantifier()
        {
            if (_i >= p.Length) return (1, false);
            int min;
            switch (p[_i])
            {
                case '?' or '*':
                    min = 0;
                    _i++;
                    break;
                case '+':
                    min = 1;
                    _i++;
                    break;
                case '{':
                {
                    var close = p.IndexOf('}', _i);
                    if (close < 0) throw new NotSupportedException();
                    var body = p[(_i + 1)..close];
                    var comma = body.IndexOf(',');
                    if (!int.TryParse(comma < 0 ? body : body[..comma], out min)) throw new NotSupportedException();
                    _i = close + 1;
                    break;
                }
                default:
                    return (1, false);
            }
            if (_i < p.Length && p[_i] == '?') _i++; // lazy
            return (min, true);
        }
    }
}
