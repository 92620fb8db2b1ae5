using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Monitoring.Api.Hosting;

/// <summary>Query-string parsing that names the parameter in every error (400 problem details).</summary>
public sealed class HttpInput
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool Valid => _errors.Count == 0;

    public void Error(string parameter, string message) => _errors[parameter] = [message];

    /// <summary>A valid date, yyyy-MM-dd.</summary>
    public DateOnly? Date(string parameter, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        Error(parameter, $"'{text}' is not a date such as 2024-03-16 (yyyy-MM-dd)");
        return null;
    }

    /// <summary>A recorded time, ISO 8601 (a date alone is midnight UTC).</summary>
    public DateTimeOffset? Time(string parameter, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)) return t;
        Error(parameter, $"'{text}' is not a time such as 2024-03-17T12:00:00Z (ISO 8601)");
        return null;
    }

    public ValidationProblem Problem() =>
        TypedResults.ValidationProblem(_errors, title: "Invalid request",
            detail: string.Join("; ", _errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
}
