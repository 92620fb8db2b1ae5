using Microsoft.AspNetCore.Http.HttpResults;
using Monitoring.Domain.Relationships;

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
        if (ClockText.TryDate(text, out var d)) return d;
        Error(parameter, $"'{text}' is not a date such as 2024-03-16 (yyyy-MM-dd)");
        return null;
    }

    /// <summary>A recorded time, ISO 8601 (a date alone is midnight UTC).</summary>
    public DateTimeOffset? Time(string parameter, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (ClockText.TryTime(text, out var t)) return t;
        Error(parameter, $"'{text}' is not a time such as 2024-03-17T12:00:00Z (ISO 8601)");
        return null;
    }

    /// <summary>The three clocks of a question (asOf, knownAt, recordedAt), each optional.</summary>
    public Clocks Clocks(string? asOf, string? knownAt, string? recordedAt) =>
        ClockText.Read(asOf, knownAt, recordedAt, ClockNames.Http, Error);

    /// <summary>Records a service's refusal for a parameter; an unknown actor is answered 404 on its own (<see cref="NotFound"/>).</summary>
    public void Refused(Refusal refusal) => Error(refusal.Parameter, refusal.Detail);

    /// <summary>404 problem details naming the input and the closest matches.</summary>
    public static ProblemHttpResult NotFound(Refusal refusal) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown actor",
            detail: refusal.Detail, extensions: new Dictionary<string, object?> { ["actor"] = refusal.Input });

    public ValidationProblem Problem() =>
        TypedResults.ValidationProblem(_errors, title: "Invalid request",
            detail: string.Join("; ", _errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
}
