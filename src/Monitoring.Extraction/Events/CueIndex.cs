using System.Runtime.CompilerServices;

namespace Monitoring.Extraction.Events;

/// <summary>
/// The cues of a whole rule book in one Aho-Corasick automaton: a single pass over a sentence finds every cue
/// literal it holds, where searching each rule's cue in turn read the sentence a hundred times. A rule may match
/// a sentence only if the sentence holds a literal of each of its cue's sets (<see cref="TriggerCue"/>).
/// Immutable once built, so one index serves every thread.
/// </summary>
public sealed class CueIndex
{
    private static readonly ConditionalWeakTable<IReadOnlyList<EventRule>, CueIndex> Cache = [];

    private readonly int[] _alphabet = new int[128];
    private readonly int _width;
    private readonly int[] _next;
    private readonly int[][] _found;
    private readonly int[][][] _rules;

    public int Literals { get; }

    public static CueIndex Of(IReadOnlyList<EventRule> rules) => Cache.GetValue(rules, r => new CueIndex(r));

    private CueIndex(IReadOnlyList<EventRule> rules)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        _rules = new int[rules.Count][][];
        for (var r = 0; r < rules.Count; r++)
            _rules[r] = [.. TriggerCue.Of(rules[r].Trigger).Sets.Select(set => set.Select(l => ids.TryGetValue(l, out var id) ? id : ids[l] = ids.Count).ToArray())];
        Literals = ids.Count;

        Array.Fill(_alphabet, -1);
        foreach (var c in ids.Keys.SelectMany(l => l).Distinct().Order())
            _alphabet[c] = _width++;

        // The trie of the literals, then failure links breadth first (states are numbered in creation order).
        var next = new List<int[]> { NewRow() };
        var found = new List<List<int>> { new() };
        foreach (var (literal, id) in ids)
        {
            var s = 0;
            foreach (var c in literal)
            {
                var a = _alphabet[c];
                if (next[s][a] < 0)
                {
                    next[s][a] = next.Count;
                    next.Add(NewRow());
                    found.Add([]);
                }
                s = next[s][a];
            }
            found[s].Add(id);
        }
        var fail = new int[next.Count];
        var queue = new Queue<int>();
        for (var a = 0; a < _width; a++)
        {
            if (next[0][a] < 0) next[0][a] = 0;
            else
            {
                fail[next[0][a]] = 0;
                queue.Enqueue(next[0][a]);
            }
        }
        while (queue.Count > 0)
        {
            var s = queue.Dequeue();
            found[s].AddRange(found[fail[s]]);
            for (var a = 0; a < _width; a++)
            {
                var t = next[s][a];
                if (t < 0) next[s][a] = next[fail[s]][a];
                else
                {
                    fail[t] = next[fail[s]][a];
                    queue.Enqueue(t);
                }
            }
        }
        _next = [.. next.SelectMany(row => row)];
        _found = [.. found.Select(f => f.Distinct().ToArray())];

        int[] NewRow()
        {
            var row = new int[_width];
            Array.Fill(row, -1);
            return row;
        }
    }

    /// <summary>Which cue literals the text holds, read case-insensitively as <see cref="TriggerCue.Fold"/> reads it.</summary>
    public bool[] Scan(string text)
    {
        var present = new bool[Literals];
        Scan(text, present);
        return present;
    }

    /// <summary>As <see cref="Scan(string)"/>, into a buffer of <see cref="Literals"/> flags that the caller reuses.</summary>
    public void Scan(string text, bool[] present)
    {
        Array.Clear(present);
        var s = 0;
        foreach (var ch in text)
        {
            var c = ch switch
            {
                >= 'A' and <= 'Z' => (char)(ch | 0x20),
                '\u212A' => 'k',
                '\u017F' => 's',
                '\u0130' or '\u0131' => 'i',
                _ => ch,
            };
            var a = c < 128 ? _alphabet[c] : -1;
            if (a < 0)
            {
                s = 0; // no literal holds this character
                continue;
            }
            s = _next[s * _width + a];
            foreach (var id in _found[s]) present[id] = true;
        }
    }

    /// <summary>Whether rule <paramref name="rule"/> (its index in the book) may match a text with these literals.</summary>
    public bool MayMatch(int rule, bool[] present)
    {
        foreach (var set in _rules[rule])
        {
            var any = false;
            foreach (var id in set)
                if (present[id]) { any = true; break; }
            if (!any) return false;
        }
        return true;
    }
}
