using System.Globalization;
using Monitoring.Domain.Relationships;

namespace Monitoring.Api.Hosting;

/// <summary>What the three clocks are called on a face: the HTTP parameters or the CLI options.</summary>
public sealed record ClockNames(string AsOf, string KnownAt, string RecordedAt)
{
    public static readonly ClockNames Http = new("asOf", "knownAt", "recordedAt");
    public static readonly ClockNames Cli = new("--as-of", "--known-at", "--recorded-at");
}

/// <summary>
/// How both faces read the clocks from text: as of and known at are dates (yyyy-MM-dd: a valid date, a publication date),
/// recorded at is an instant (ISO 8601, a date alone is midnight UTC).
/// </summary>
public static class ClockText
{
    public static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    /// <summary>
    /// The clocks a question typed, each optional; every malformed one is reported to <paramref name="error"/> with its name.
    /// A known-at typed as an instant is refused with the way to what was probably meant: known at used to be the recorded
    /// instant, and a publication date has no time of day.
    /// </summary>
    public static Clocks Read(string? asOf, string? knownAt, string? recordedAt, ClockNames names, Action<string, string> error)
    {
        DateOnly? valid = null, published = null;
        DateTimeOffset? recorded = null;
        if (!string.IsNullOrWhiteSpace(asOf))
        {
            if (TryDate(asOf, out var d)) valid = d;
            else error(names.AsOf, $"'{asOf}' is not a date such as 2024-03-16 (yyyy-MM-dd)");
        }
        if (!string.IsNullOrWhiteSpace(knownAt))
        {
            if (TryDate(knownAt, out var d)) published = d;
            else if (TryTime(knownAt, out _))
                error(names.KnownAt, $"'{knownAt}' is an instant; {names.KnownAt} is a publication date such as 2023-12-31 (what articles published by then said). "
                                     + $"For what Monitor had recorded at an instant, use {names.RecordedAt}");
            else error(names.KnownAt, $"'{knownAt}' is not a publication date such as 2023-12-31 (yyyy-MM-dd)");
        }
        if (!string.IsNullOrWhiteSpace(recordedAt))
        {
            if (TryTime(recordedAt, out var t)) recorded = t;
            else error(names.RecordedAt, $"'{recordedAt}' is not an instant such as 2024-03-17T12:00:00Z (ISO 8601)");
        }
        return new Clocks(valid, published, recorded);
    }
}
