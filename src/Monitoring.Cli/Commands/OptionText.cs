using Monitoring.Api.Hosting;

namespace Monitoring.Cli.Commands;

/// <summary>Dates and times typed as options, read as the HTTP API reads them (<see cref="ClockText"/>); a malformed one is a usage error naming the option.</summary>
internal static class OptionText
{
    public static DateOnly? Date(string? text, string option) =>
        text is null ? null
        : ClockText.TryDate(text, out var d) ? d
        : throw new CliException($"{option} '{text}' is not a date such as 2024-03-16", 2);

    public static DateTimeOffset? Time(string? text, string option) =>
        text is null ? null
        : ClockText.TryTime(text, out var t) ? t
        : throw new CliException($"{option} '{text}' is not a time such as 2024-03-17T12:00:00Z (ISO 8601)", 2);
}
