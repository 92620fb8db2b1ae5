using System.Buffers;
using System.Text.RegularExpressions;
using Monitoring.Extraction.Events;

namespace Monitoring.Extraction.Reading;

/// <summary>A stretch of article text that holds prose: one paragraph, or several lines joined when a line was broken mid-sentence.</summary>
public sealed record TextRegion(int Start, int End, bool IsTitle);

/// <summary>
/// Finds the prose of a page and leaves out the junk around it: icon lists, "Powered by", comment prompts,
/// separators, date lines, author bios, photo captions and credits, repeated headlines.
/// Offsets always index the text given, so evidence quotes stay exact.
/// </summary>
public static partial class PageLayout
{
    private sealed record Line(int Start, int End, string Text)
    {
        public string Trimmed => Text.Trim();
    }

    [GeneratedRegex(@"^(powered by\b|leave a (reply|comment)|your email address will not be published|required fields are marked|you need to be a member|become a member|sign (in|up)\b|subscribe\b|share this|follow us|read more\b|related( articles| stories)?:|advertisement$|click here|source site$|comments?$|cookie|all rights reserved|copyright\b|©)", RegexOptions.IgnoreCase)]
    private static partial Regex Boilerplate();

    [GeneratedRegex(@"^[\s=\-_*~#•·.+]{3,}$")]
    private static partial Regex Separator();

    [GeneratedRegex(@"\b(photo|image|picture|credit|photograph)s?\s*(:|credit\b|by\b)|\((photo|image|file photo)\b|getty images|^\W*/\s*(AFP|Reuters|AP|EPA|Anadolu)\b|^[\W\s]*(AFP|Reuters|AP)\s*$|/\s*(AFP|Reuters|AP)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Caption();

    [GeneratedRegex(@"^(author|by|written by|reporting by|editing by|writer)\s*:?\s+\p{Lu}[\p{L}.'’-]+(\s+\p{Lu}[\p{L}.'’-]+){0,3}\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex AuthorLine();

    [GeneratedRegex(@"^\p{Lu}[\p{L}.'’-]+(\s+\p{Lu}[\p{L}.'’-]+){0,3}\s+is\s+(a|an|the)\s+[^.]{0,80}\b(editor|journalist|reporter|correspondent|writer|contributor|columnist|analyst|author)\b")]
    private static partial Regex AuthorBio();

    [GeneratedRegex(@"\bicon\b|icon\s", RegexOptions.IgnoreCase)]
    private static partial Regex Icon();

    [GeneratedRegex(@"\blogo$", RegexOptions.IgnoreCase)]
    private static partial Regex Logo();

    [GeneratedRegex(@"[.!?:;""”’)\]…]$")]
    private static partial Regex TerminalPunctuation();

    [GeneratedRegex(@"\b(the|a|an|of|in|on|at|to|for|with|by|from|and|or|but|that|which|who|whom|was|were|is|are|be|been|our|their|its|his|her|as|than|into|about|over|under|after|before|since|while|has|have|had|this|these|those)$", RegexOptions.IgnoreCase)]
    private static partial Regex DanglingWord();

    /// <summary>The prose regions of <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<TextRegion> Regions(string text)
    {
        var lines = SplitLines(text);
        var kinds = new bool[lines.Count]; // true = prose
        var seen = new HashSet<string>(ParagraphComparer.Instance);
        for (var i = 0; i < lines.Count; i++)
        {
            var t = lines[i].Trimmed;
            if (t.Length == 0 || IsJunk(t)) continue;
            var key = Normalise(t);
            if (!seen.Add(key)) continue; // repeated headline or paragraph
            kinds[i] = true;
        }
        // A caption line directly followed by a credit line ("– / AFP") is a caption too.
        for (var i = 0; i + 1 < lines.Count; i++)
            if (kinds[i] && !kinds[i + 1] && lines[i + 1].Trimmed.Length > 0 && Caption().IsMatch(lines[i + 1].Trimmed) && lines[i].Trimmed.Length < 200)
                kinds[i] = false;

        var regions = new List<TextRegion>();
        var firstProse = true;
        for (var i = 0; i < lines.Count; i++)
        {
            if (!kinds[i]) continue;
            var start = lines[i].Start + (lines[i].Text.Length - lines[i].Text.TrimStart().Length);
            var endLine = i;
            while (true)
            {
                var next = NextNonBlank(lines, endLine);
                if (next < 0 || !kinds[next] || !Continues(lines[endLine].Trimmed, lines[next].Trimmed)) break;
                endLine = next;
            }
            var end = lines[endLine].Start + lines[endLine].Text.TrimEnd().Length;
            var isTitle = firstProse && endLine == i && !TerminalPunctuation().IsMatch(lines[i].Trimmed) && lines[i].Trimmed.Length < 160;
            firstProse = false;
            if (end > start) regions.Add(new TextRegion(start, end, isTitle));
            i = endLine;
        }
        return regions;
    }

    /// <summary>
    /// Equality ignoring case, as <see cref="StringComparer.OrdinalIgnoreCase"/>, hashed on the length and the first
    /// 64 characters only: paragraphs are long, and texts equal ignoring case share both, so the set finds the same
    /// repeats for a fraction of the hashing.
    /// </summary>
    private sealed class ParagraphComparer : IEqualityComparer<string>
    {
        public static readonly ParagraphComparer Instance = new();

        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode(string s)
        {
            var n = Math.Min(64, s.Length);
            if (n < s.Length && char.IsHighSurrogate(s[n - 1])) n--; // never split a character
            return HashCode.Combine(s.Length, string.GetHashCode(s.AsSpan(0, n), StringComparison.OrdinalIgnoreCase));
        }
    }

    private static int NextNonBlank(List<Line> lines, int i)
    {
        for (var j = i + 1; j < lines.Count; j++)
            if (lines[j].Trimmed.Length > 0) return j;
        return -1;
    }

    /// <summary>A line broken mid-sentence: no closing punctuation, and the next line starts in lower case or this one ends on a word that cannot end a sentence.</summary>
    private static bool Continues(string line, string next)
    {
        if (TerminalPunctuation().IsMatch(line) || line.Length < 30) return false;
        if (next.Length == 0) return false;
        return char.IsLower(next[0]) || DanglingWord().IsMatch(line);
    }

    public static bool IsJunk(string t)
    {
        if (!HasLetter(t)) return true;
        if (Separator().IsMatch(t) || Boilerplate().IsMatch(t) || AuthorLine().IsMatch(t) || AuthorBio().IsMatch(t)) return true;
        if (Icon().Count(t) >= 3) return true;
        if (Logo().IsMatch(t) && t.Length < 60) return true;
        if (MayBeCaption(t) && Caption().IsMatch(t)) return true;
        if (t.Length < 60 && DateLine.TryParse(t, out _)) return true;
        return false;
    }

    /// <summary>Every run of whitespace made one space, none at the ends (what splitting on whitespace and joining with spaces gives, without the pieces).</summary>
    private static bool HasLetter(string t)
    {
        foreach (var c in t)
            if (char.IsLetter(c)) return true;
        return false;
    }

    private static readonly SearchValues<string> CaptionWords = SearchValues.Create(["photo", "image", "picture", "credit", "(", "getty", "/"], StringComparison.Ordinal);
    private static readonly string[] CaptionEnds = ["afp", "reuters", "ap"];

    /// <summary>
    /// What every match of <see cref="Caption"/> needs: one of its words, a bracket or a slash, or a line ending in an
    /// agency name. Searched in folded text (<see cref="TriggerCue.Fold"/>) so that no case variant is missed.
    /// Most prose lines have none of them and skip the pattern.
    /// </summary>
    private static bool MayBeCaption(string t)
    {
        Span<char> folded = t.Length <= 512 ? stackalloc char[t.Length] : new char[t.Length];
        TriggerCue.Fold(t, folded);
        if (folded.IndexOfAny(CaptionWords) >= 0) return true;
        var trimmed = ((ReadOnlySpan<char>)folded).TrimEnd();
        foreach (var end in CaptionEnds)
            if (trimmed.EndsWith(end, StringComparison.Ordinal)) return true;
        return false;
    }

    internal static string Normalise(string s)
    {
        var span = s.AsSpan();
        var start = 0;
        while (start < span.Length && char.IsWhiteSpace(span[start])) start++;
        var end = span.Length;
        while (end > start && char.IsWhiteSpace(span[end - 1])) end--;
        var body = span[start..end];
        if (IsNormal(body)) return body.Length == s.Length ? s : body.ToString();
        var sb = new System.Text.StringBuilder(body.Length);
        var space = false;
        foreach (var c in body)
        {
            if (char.IsWhiteSpace(c)) { space = true; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Whether whitespace in a trimmed text is only single spaces already.</summary>
    private static bool IsNormal(ReadOnlySpan<char> body)
    {
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == ' ') { if (body[i + 1] == ' ') return false; }
            else if (char.IsWhiteSpace(c)) return false;
        }
        return true;
    }

    private static List<Line> SplitLines(string text)
    {
        var lines = new List<Line>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '\n')
            {
                var end = i;
                if (end > start && text[end - 1] == '\r') end--;
                lines.Add(new Line(start, end, text[start..end]));
                start = i + 1;
            }
        }
        return lines;
    }
}
