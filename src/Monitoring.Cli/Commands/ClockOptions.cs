using System.CommandLine;
using Monitoring.Api.Hosting;
using Monitoring.Domain.Relationships;

namespace Monitoring.Cli.Commands;

/// <summary>
/// The three clocks as options, the same on every command that reads relationships or events: --as-of (valid date),
/// --known-at (publication date: what had been published by then; the one that replays an imported archive) and
/// --recorded-at (the instant: what Monitor held then, for audit).
/// </summary>
internal sealed class ClockOptions
{
    public readonly Option<string?> AsOf = new("--as-of") { Description = "Valid date (yyyy-MM-dd): the world on that date" };
    public readonly Option<string?> KnownAt = new("--known-at") { Description = "Publication date (yyyy-MM-dd): only what articles published by then said" };
    public readonly Option<string?> RecordedAt = new("--recorded-at") { Description = "Instant (ISO 8601, e.g. 2024-03-17T12:00:00Z): only what Monitor had recorded then" };

    public IEnumerable<Option> All => [AsOf, KnownAt, RecordedAt];

    /// <summary>The clocks typed; a malformed one is a usage error naming the option (and, for an instant typed as known-at, the option meant).</summary>
    public Clocks Read(ParseResult parse)
    {
        string? refused = null;
        var clocks = ClockText.Read(parse.GetValue(AsOf), parse.GetValue(KnownAt), parse.GetValue(RecordedAt), ClockNames.Cli,
            (name, message) => refused ??= $"{name} {message}");
        return refused is null ? clocks : throw new CliException(refused, 2);
    }

    /// <summary>How the clocks read in a heading: "as of 2024-03-20, from what was published by 2023-12-31".</summary>
    public static string Heading(Clocks clocks)
    {
        var parts = new List<string> { $"as of {clocks.AsOf?.ToString("yyyy-MM-dd") ?? "today"}" };
        parts.Add(clocks.KnownAt is { } k ? $"from what was published by {k:yyyy-MM-dd}" : "from everything published");
        if (clocks.RecordedAt is { } r) parts.Add($"as recorded at {r:u}");
        return string.Join(", ", parts);
    }
}
