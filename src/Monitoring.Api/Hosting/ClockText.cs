using System.Globalization;

namespace Monitoring.Api.Hosting;

/// <summary>How both faces read the two clocks from text: a valid date (yyyy-MM-dd) and a recorded time (ISO 8601, a date alone is midnight UTC).</summary>
public static class ClockText
{
    public static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
