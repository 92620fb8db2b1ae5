using Monitoring.Extraction.Reading;

namespace Monitoring.Extraction.Text;

/// <summary>
/// Splits the prose regions of a text into sentences with exact spans. A period ends a sentence only when
/// followed by space and a capital, digit or opening quote, and not after an abbreviation (U.S., Gen., Dr.,
/// Jan.), an initial, or inside a number ($1.5 billion). Closing quotes and brackets stay with their sentence.
/// </summary>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Maj", "Capt", "Cpt", "Sgt", "Cpl", "Adm", "Brig", "Cmdr", "Sen", "Rep", "Gov",
        "Pres", "Prof", "St", "Ste", "No", "Nos", "Vol", "Jr", "Sr", "Inc", "Ltd", "Co", "Corp", "Dept", "Fig", "vs", "approx", "Mt", "Ft",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Rev", "Hon", "Amb", "Gens", "Sens", "Reps",
        "e.g", "i.e", "a.m", "p.m", "U.S", "U.K", "U.N", "D.C", "U.S.A", "E.U",
    };

    /// <summary>Words that start a new sentence even after "U.S." or "U.K.".</summary>
    private static readonly HashSet<string> SentenceStarters = new(StringComparer.Ordinal)
    {
        "The", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "I", "In", "On", "But", "And", "However", "Meanwhile", "A", "An", "At", "After", "Before", "Its", "Their",
    };

    public static IReadOnlyList<Sentence> Split(string text) => Split(text, PageLayout.Regions(text));

    public static IReadOnlyList<Sentence> Split(string text, IReadOnlyList<TextRegion> regions)
    {
        var result = new List<Sentence>();
        foreach (var r in regions)
            foreach (var (s, e) in SplitRegion(text, r.Start, r.End))
                result.Add(new Sentence(result.Count, s, e, text[s..e]));
        return result;
    }

    private static IEnumerable<(int, int)> SplitRegion(string text, int start, int end)
    {
        var s = start;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c is not ('.' or '!' or '?' or '…')) continue;
            var j = i + 1;
            while (j < end && text[j] is '.' or '!' or '?') j++;
            while (j < end && text[j] is '"' or '”' or '’' or '\'' or ')' or ']' or '»') j++;
            if (j < end && !char.IsWhiteSpace(text[j])) continue;
            var k = j;
            while (k < end && char.IsWhiteSpace(text[k])) k++;
            if (k < end && !StartsSentence(text[k])) continue;
            if (c == '.' && !EndsSentenceAt(text, s, i, k < end ? NextWord(text, k, end) : "")) continue;
            if (Trim(text, s, j) is { } span) yield return span;
            s = k;
            i = k - 1;
        }
        if (Trim(text, s, end) is { } last) yield return last;
    }

    private static bool StartsSentence(char c) => char.IsUpper(c) || char.IsDigit(c) || c is '"' or '“' or '‘' or '\'' or '(' or '[' or '«' or '—' or '–';

    private static string NextWord(string text, int k, int end)
    {
        var e = k;
        while (e < end && char.IsLetter(text[e])) e++;
        return text[k..e];
    }

    private static bool EndsSentenceAt(string text, int sentenceStart, int period, string nextWord)
    {
        var b = period;
        while (b > sentenceStart && (char.IsLetter(text[b - 1]) || text[b - 1] == '.')) b--;
        var word = text[b..period];
        if (word.Length == 0) return true;
        if (word.Length == 1 && char.IsUpper(word[0])) return false; // an initial: "George W. Bush"
        if (Abbreviations.Contains(word) || Abbreviations.Contains(word.TrimEnd('.')))
            return word.Contains('.') && SentenceStarters.Contains(nextWord); // "in the U.S. The next day ..."
        if (word.Contains('.') && word.Replace(".", "").All(char.IsUpper) && word.Replace(".", "").Length <= 4)
            return SentenceStarters.Contains(nextWord);
        return true;
    }

    private static (int, int)? Trim(string text, int s, int e)
    {
        while (s < e && char.IsWhiteSpace(text[s])) s++;
        while (e > s && char.IsWhiteSpace(text[e - 1])) e--;
        return e > s && text.AsSpan(s, e - s).ContainsAnyExcept(" \t\r\n.,;:-–—\"'“”‘’") ? (s, e) : null;
    }
}
