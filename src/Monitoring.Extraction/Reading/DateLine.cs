using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitoring.Extraction.Reading;

/// <summary>A publication date written on a line of its own ("15 Dec, 2023 12:28", "December 15, 2023", "2023-12-15", "Published: 15/12/2023").</summary>
public static partial class DateLine
{
    [GeneratedRegex(@"^\s*(?:(?:published|updated|posted|date)\s*(?:on)?\s*:?\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?<body>.+?)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Prefix();

    [GeneratedRegex(@"^(?<d>\d{1,2})(?:st|nd|rd|th)?\s+(?<m>[A-Za-z]{3,9})\.?,?\s+(?<y>\d{4})(?:[\s,|-]+\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|AM|PM)?(?:\s*[A-Z]{2,4}|\s*[+-]\d{2}:?\d{2})?)?$")]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"^(?<m>[A-Za-z]{3,9})\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>\d{4})(?:[\s,|-]+(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|AM|PM)?(?:\s*[A-Z]{2,4}|\s*[+-]\d{2}:?\d{2})?)?$")]
    private static partial Regex MonthDayYear();

    [GeneratedRegex(@"^(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$")]
    private static partial Regex Iso();

    [GeneratedRegex(@"^(?<d>\d{1,2})[/.](?<m>\d{1,2})[/.](?<y>\d{4})(?:\s+\d{1,2}:\d{2})?$")]
    private static partial Regex Numeric();

    public static bool TryParse(string line, out DateOnly date)
    {
        date = default;
        var body = Prefix().Match(line.Trim()).Groups["body"].Value;
        Match m;
        if ((m = DayMonthYear().Match(body)).Success || (m = MonthDayYear().Match(body)).Success)
        {
            var month = Month(m.Groups["m"].Value);
            return month > 0 && TryMake(int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture), month, int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture), out date);
        }
        if ((m = Iso().Match(body)).Success || (m = Numeric().Match(body)).Success)
            return TryMake(int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture), out date);
        return false;
    }

    /// <summary>A date or date-time as metadata gives it ("2023-12-15", "2023-12-15T12:28:00Z", "15 Dec, 2023 12:28").</summary>
    public static DateOnly? ParseLoose(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        if (TryParse(s, out var d)) return d;
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dto)) return DateOnly.FromDateTime(dto.UtcDateTime);
        return null;
    }

    internal static bool TryMake(int y, int m, int d, out DateOnly date)
    {
        date = default;
        if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = new DateOnly(y, m, d);
        return true;
    }

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static int Month(string name)
    {
        if (name.Length < 3) return 0;
        var i = Array.IndexOf(Months, name[..3].ToLowerInvariant());
        return i < 0 ? 0 : i + 1;
    }
}
