using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using Monitoring.Domain;
using Monitoring.Extraction.Reading;

namespace Monitoring.Extraction.Dates;

/// <summary>
/// A date expression in a sentence. <see cref="Past"/> is its reading when it refers to the past (the default),
/// <see cref="Future"/> when a bare day or month refers to the future ("would complete by December 22").
/// A shift ("four months later") has no date of its own: it moves the date last stated in the article.
/// </summary>
public sealed record DateMention(int Start, int End, string Text, EventDate Past, EventDate? Future, string? Preposition, Shift? Shift = null, bool Attributive = false)
{
    public EventDate For(bool future) => future && Future is not null ? Future : Past;
}

public sealed record Shift(int Days, int Months, int Years, DatePrecision Precision);

/// <summary>
/// Reads dates against the publication date. Rules (documented in the README):
/// a bare day-month ("July 26") or month ("in September") takes the most recent year that puts it on or before
/// the publication date, unless the statement is about the future, then the next one on or after it;
/// a weekday ("on Wednesday", "Saturday evening") is the most recent such day on or before the publication
/// date (same-day reporting is the common case: a Wednesday article's "on Wednesday" is that day), "last Monday"
/// strictly before; "last week" is the previous Monday-to-Sunday week, dated by the month of its Thursday with
/// the week as bounds; "earlier this month" the publication month; "a year ago" the month a year back.
/// </summary>
public static partial class DateResolver
{
    private const string MonthNames = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";
    private const string Weekdays = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";
    private const string Numbers = "a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|\\d{1,2}";
    private const string Prep = @"(?:(?<prep>on|in|by|since|until|till|from|during|before|after|through|of|early|late|mid|end of|the end of|beginning of|as of)[\s-]+)?";

    [GeneratedRegex(Prep + @"(?<iso>\d{4})-(?<im>\d{2})-(?<id>\d{2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex Iso();

    [GeneratedRegex(Prep + @"(?:the\s+)?\b(?<d>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+(?<m>" + MonthNames + @")\b\.?(?:,?\s+(?<y>(?:19|20)\d{2})\b)?")]
    private static partial Regex DayMonth();

    [GeneratedRegex(Prep + @"\b(?<m>" + MonthNames + @")\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?\b(?!,?\d)(?:,?\s+(?<y>(?:19|20)\d{2})\b)?")]
    private static partial Regex MonthDay();

    [GeneratedRegex(Prep + @"\b(?<m>" + MonthNames + @")\b\.?,?\s+(?<y>(?:19|20)\d{2})\b")]
    private static partial Regex MonthYear();

    [GeneratedRegex(Prep + @"(?:(?<rel>last|this|next|earlier this|later this|early|late|mid)[\s-]+)?\b(?<m>January|February|March|April|May|June|July|August|September|October|November|December)\b(?!\s+\d)")]
    private static partial Regex MonthAlone();

    [GeneratedRegex(@"(?<prep>\b(?:in|since|by|during|until|from|through|of|early|late|mid|end of|the end of|beginning of)[\s-]+)(?<y>(?:19|20)\d{2})\b(?!\s*(?:troops|soldiers|personnel|people|million|billion|%))", RegexOptions.IgnoreCase)]
    private static partial Regex YearAlone();

    /// <summary>"the 2021 coup", "the 2018 military agreement": a year naming a thing rather than dating a statement.</summary>
    [GeneratedRegex(@"\b(?:the|a|an|its|their|his|her)\s+(?<y>(?:19|20)\d{2})\b(?=\s+[a-z])")]
    private static partial Regex AttributiveYear();

    [GeneratedRegex(@"(?:(?<prep>on|since|by|until|from|before|after)\s+)?(?:(?<rel>last|this|next|past)\s+)?\b(?<w>" + Weekdays + @")(?:’s|'s)?(?:\s+(?<part>morning|afternoon|evening|night))?\b")]
    private static partial Regex Weekday();

    [GeneratedRegex(@"\b(?<q>(?:just\s+|around\s+|about\s+|nearly\s+|almost\s+|some\s+|more than\s+)?(?<n>" + Numbers + @")\s+(?<u>day|week|month|year)s?\s+(?<dir>ago|earlier|later|before|after|on)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Offset();

    [GeneratedRegex(@"\b(?<p>(?:the\s+)?end\s+of\s+(?:the|this)\s+year|year-end|yesterday|today|tonight|earlier this (?:week|month|year)|later this (?:week|month|year)|(?:late |early )?last (?:week|month|year)|this (?:week|month|year)|next (?:week|month|year)|(?:in )?the (?:past|previous|last) (?:few )?(?:days|week))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Named();

    [GeneratedRegex(@"\b(?:the\s+)?(?<w>next|following|previous)\s+(?<u>day|week|month|year)\b|\bthe\s+(?<u>day|week|month|year)\s+(?<w>before|after)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Adjacent();

    // Prefilters: each pattern needs some literal text, and most sentences lack it, so a cheap scan decides
    // which patterns can match at all. They only skip patterns that cannot match, so the mentions are the same.
    // Month and weekday names are matched case-sensitively by the patterns; the unit words of the case-insensitive
    // patterns avoid k, s and i, the only ASCII letters with non-ASCII case equivalents ("wee" stands for week).
    private static readonly SearchValues<string> MonthPrefixes =
        SearchValues.Create(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], StringComparison.Ordinal);
    private static readonly SearchValues<string> FullMonths = SearchValues.Create(
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"], StringComparison.Ordinal);
    private static readonly SearchValues<string> Centuries = SearchValues.Create(["19", "20"], StringComparison.Ordinal);
    private static readonly SearchValues<string> Units = SearchValues.Create(["day", "wee", "month", "year"], StringComparison.OrdinalIgnoreCase);
    private static readonly SearchValues<string> NamedCues = SearchValues.Create(["day", "wee", "month", "year", "ght"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the text holds a decimal digit: <c>\d</c> is any Unicode decimal digit, not only 0-9.</summary>
    private static bool HasDigit(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAnyInRange('0', '9') >= 0) return true;
        if (!text.ContainsAnyExceptInRange('\0', '\u007F')) return false;
        foreach (var c in text)
            if (char.IsDigit(c)) return true;
        return false;
    }

    public static IReadOnlyList<DateMention> Find(string sentence, DateOnly published)
    {
        var found = new List<DateMention>();
        var span = sentence.AsSpan();
        var digit = HasDigit(span);
        var monthName = span.IndexOfAny(MonthPrefixes) >= 0;
        var century = span.IndexOfAny(Centuries) >= 0;
        var units = span.IndexOfAny(Units) >= 0;
        void Add(Match m, EventDate? past, EventDate? future, Shift? shift = null)
        {
            if (past is null) return;
            if (found.Any(f => m.Index < f.End && f.Start < m.Index + m.Length)) return;
            var prep = m.Groups["prep"].Success && m.Groups["prep"].Length > 0 ? m.Groups["prep"].Value.Trim().ToLowerInvariant() : null;
            found.Add(new DateMention(m.Index, m.Index + m.Length, m.Value, past, future, prep, shift));
        }

        foreach (Match m in MatchesIf(digit && span.Contains('-'), Iso(), sentence))
            Add(m, DateLine.TryMake(Int(m, "iso"), Int(m, "im"), Int(m, "id"), out var d) ? EventDate.Day(d) : null, null);
        foreach (var rx in new[] { DayMonth(), MonthDay() })
            foreach (Match m in MatchesIf(digit && monthName, rx, sentence))
            {
                var month = DateLine.Month(m.Groups["m"].Value);
                var day = Int(m, "d");
                if (m.Groups["y"].Success)
                {
                    Add(m, DateLine.TryMake(Int(m, "y"), month, day, out var d) ? EventDate.Day(d) : null, null);
                    continue;
                }
                var past = DayBefore(published, month, day);
                var future = DayAfter(published, month, day);
                Add(m, past is { } p ? EventDate.Day(p) : null, future is { } f ? EventDate.Day(f) : null);
            }
        foreach (Match m in MatchesIf(monthName && century, MonthYear(), sentence))
            Add(m, EventDate.Month(Int(m, "y"), DateLine.Month(m.Groups["m"].Value)), null);
        foreach (Match m in MatchesIf(monthName && span.IndexOfAny(FullMonths) >= 0, MonthAlone(), sentence))
        {
            var month = DateLine.Month(m.Groups["m"].Value);
            if (m.Groups["m"].Value == "May" && !m.Groups["prep"].Success && !m.Groups["rel"].Success) continue; // the modal verb
            var rel = m.Groups["rel"].Value.ToLowerInvariant();
            var y = published.Year;
            if (rel == "last") y = month < published.Month ? y : y - 1;
            else if (rel == "next") y = month > published.Month ? y : y + 1;
            else if (rel is "this" or "earlier this" or "later this") { }
            else
            {
                var pastY = month <= published.Month ? y : y - 1;
                var futY = month >= published.Month ? y : y + 1;
                Add(m, EventDate.Month(pastY, month), EventDate.Month(futY, month));
                continue;
            }
            Add(m, EventDate.Month(y, month), null);
        }
        foreach (Match m in MatchesIf(century, YearAlone(), sentence))
            Add(m, EventDate.Year(Int(m, "y")), null);
        foreach (Match m in MatchesIf(century, AttributiveYear(), sentence))
        {
            var y = m.Groups["y"];
            if (found.Any(f => y.Index < f.End && f.Start < y.Index + y.Length)) continue;
            found.Add(new DateMention(y.Index, y.Index + y.Length, y.Value, EventDate.Year(int.Parse(y.Value, CultureInfo.InvariantCulture)), null, null, null, Attributive: true));
        }
        foreach (Match m in MatchesIf(span.Contains("day", StringComparison.Ordinal), Weekday(), sentence))
        {
            var target = Enum.Parse<DayOfWeek>(m.Groups["w"].Value);
            var rel = m.Groups["rel"].Value.ToLowerInvariant();
            var back = ((int)published.DayOfWeek - (int)target + 7) % 7;
            if (rel is "last" or "past" && back == 0) back = 7;
            var past = published.AddDays(-back);
            var fwd = ((int)target - (int)published.DayOfWeek + 7) % 7;
            if (rel == "next" && fwd == 0) fwd = 7;
            var future = published.AddDays(fwd);
            if (rel == "next") Add(m, EventDate.Day(future), null);
            else Add(m, EventDate.Day(past), back == 0 ? null : EventDate.Day(future));
        }
        foreach (Match m in MatchesIf(span.IndexOfAny(NamedCues) >= 0, Named(), sentence))
            Add(m, NamedDate(m.Groups["p"].Value.ToLowerInvariant(), published), null);
        foreach (Match m in MatchesIf(units, Offset(), sentence))
        {
            var n = NumberOf(m.Groups["n"].Value);
            if (n is null) continue;
            var unit = m.Groups["u"].Value.ToLowerInvariant();
            var dir = m.Groups["dir"].Value.ToLowerInvariant();
            if (dir == "on") { if (unit != "year") continue; }
            var approx = m.Groups["q"].Value.StartsWith("around", StringComparison.OrdinalIgnoreCase) || m.Groups["q"].Value.StartsWith("about", StringComparison.OrdinalIgnoreCase);
            if (dir is "later" or "after" or "on")
            {
                var sign = 1;
                Add(m, EventDate.Unknown(), null, ShiftOf(unit, sign * n.Value));
                continue;
            }
            if (dir is "earlier" or "before")
            {
                Add(m, EventDate.Unknown(), null, ShiftOf(unit, -n.Value));
                continue;
            }
            Add(m, Ago(published, unit, n.Value, approx), null);
        }
        foreach (Match m in MatchesIf(units, Adjacent(), sentence))
        {
            var w = m.Groups["w"].Value.ToLowerInvariant();
            var unit = m.Groups["u"].Value.ToLowerInvariant();
            if (w == "next" && !m.Value.StartsWith("the", StringComparison.OrdinalIgnoreCase)) continue; // "next week" is relative to publication
            Add(m, EventDate.Unknown(), null, ShiftOf(unit, w is "previous" or "before" ? -1 : 1));
        }
        // "early that year", "later the same year": the year the narrative last stated.
        foreach (Match m in MatchesIf(units, ThatYear(), sentence))
            Add(m, EventDate.Unknown(), null, new Shift(0, 0, 0, DatePrecision.Year));
        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }

    [GeneratedRegex(@"\b(?:(?:early|late|later|earlier)\s+(?:in\s+)?)?(?:that|the\s+same)\s+year\b", RegexOptions.IgnoreCase)]
    private static partial Regex ThatYear();

    /// <summary>The pattern's matches; none, without running it, when its prefilter says it cannot match.</summary>
    private static IEnumerable<Match> MatchesIf(bool may, Regex pattern, string text) => may ? pattern.Matches(text) : [];

    /// <summary>Resolves one date expression ("on Wednesday", "last week", "26 July") against a publication date; null if none is found.</summary>
    public static EventDate? Resolve(string expression, DateOnly published, bool future = false) =>
        Find(expression, published).FirstOrDefault(m => m.Shift is null)?.For(future);

    /// <summary>Moves a date by a shift, keeping the coarser precision of the two.</summary>
    public static EventDate Apply(EventDate baseDate, Shift shift)
    {
        if (baseDate.Value is not { } v) return EventDate.Unknown();
        var d = v.AddYears(shift.Years).AddMonths(shift.Months).AddDays(shift.Days);
        var precision = (DatePrecision)Math.Max((int)baseDate.Precision, (int)shift.Precision);
        return precision switch
        {
            DatePrecision.Day => EventDate.Day(d),
            DatePrecision.Month => EventDate.Month(d.Year, d.Month),
            _ => EventDate.Year(d.Year),
        };
    }

    private static Shift ShiftOf(string unit, int n) => unit switch
    {
        "day" => new Shift(n, 0, 0, DatePrecision.Day),
        "week" => new Shift(7 * n, 0, 0, DatePrecision.Month),
        "month" => new Shift(0, n, 0, DatePrecision.Month),
        _ => new Shift(0, 0, n, DatePrecision.Year),
    };

    private static EventDate Ago(DateOnly published, string unit, int n, bool approx) => unit switch
    {
        "day" => approx ? Window(published.AddDays(-n - 1), published.AddDays(-n + 1)) : EventDate.Day(published.AddDays(-n)),
        "week" => Window(published.AddDays(-7 * n - 3), published.AddDays(-7 * n + 3)),
        "month" => EventDate.Month(published.AddMonths(-n).Year, published.AddMonths(-n).Month),
        _ => n == 1 ? EventDate.Month(published.Year - 1, published.Month) : EventDate.Year(published.Year - n),
    };

    private static EventDate? NamedDate(string p, DateOnly pub)
    {
        var monday = pub.AddDays(-(((int)pub.DayOfWeek + 6) % 7));
        return p switch
        {
            "end of the year" or "the end of the year" or "end of this year" or "the end of this year" or "year-end" => EventDate.Year(pub.Year),
            "yesterday" => EventDate.Day(pub.AddDays(-1)),
            "today" or "tonight" => EventDate.Day(pub),
            "last week" or "late last week" or "early last week" => Week(monday.AddDays(-7)),
            "this week" or "earlier this week" => Window(monday, pub),
            "later this week" => Window(pub, monday.AddDays(6)),
            "next week" => Week(monday.AddDays(7)),
            "earlier this month" => new EventDate(new DateOnly(pub.Year, pub.Month, 1), DatePrecision.Month, null, pub),
            "this month" or "later this month" => EventDate.Month(pub.Year, pub.Month),
            "last month" or "late last month" or "early last month" => EventDate.Month(pub.AddMonths(-1).Year, pub.AddMonths(-1).Month),
            "next month" => EventDate.Month(pub.AddMonths(1).Year, pub.AddMonths(1).Month),
            "earlier this year" => new EventDate(new DateOnly(pub.Year, 1, 1), DatePrecision.Year, null, pub),
            "this year" or "later this year" => EventDate.Year(pub.Year),
            "last year" or "late last year" or "early last year" => EventDate.Year(pub.Year - 1),
            "next year" => EventDate.Year(pub.Year + 1),
            _ when p.Contains("past") || p.Contains("previous") || p.Contains("the last") => Window(pub.AddDays(-7), pub),
            _ => null,
        };
    }

    /// <summary>A Monday-to-Sunday week: the month of its Thursday, with the week as bounds.</summary>
    private static EventDate Week(DateOnly monday)
    {
        var thursday = monday.AddDays(3);
        return new EventDate(new DateOnly(thursday.Year, thursday.Month, 1), DatePrecision.Month, monday, monday.AddDays(6));
    }

    /// <summary>A span of days: month precision with bounds when it lies within one month, else unknown with bounds.</summary>
    public static EventDate Window(DateOnly from, DateOnly to) =>
        from.Year == to.Year && from.Month == to.Month
            ? new EventDate(new DateOnly(from.Year, from.Month, 1), DatePrecision.Month, from, to)
            : EventDate.Unknown(from, to);

    private static DateOnly? DayBefore(DateOnly pub, int month, int day)
    {
        for (var y = pub.Year; y >= pub.Year - 1; y--)
            if (DateLine.TryMake(y, month, day, out var d) && d <= pub) return d;
        return DateLine.TryMake(pub.Year - 1, month, day, out var e) ? e : null;
    }

    private static DateOnly? DayAfter(DateOnly pub, int month, int day)
    {
        for (var y = pub.Year; y <= pub.Year + 1; y++)
            if (DateLine.TryMake(y, month, day, out var d) && d >= pub) return d;
        return null;
    }

    private static int? NumberOf(string s) => s.ToLowerInvariant() switch
    {
        "a" or "an" or "one" => 1, "two" => 2, "three" => 3, "four" => 4, "five" => 5, "six" => 6, "seven" => 7,
        "eight" => 8, "nine" => 9, "ten" => 10, "eleven" => 11, "twelve" => 12, "several" => null,
        var x when int.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    private static int Int(Match m, string g) => int.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
}
