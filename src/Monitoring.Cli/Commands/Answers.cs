using Monitoring.Api;

namespace Monitoring.Cli.Commands;

internal static class Answers
{
    /// <summary>The value, or the refusal told in one line: an unknown actor or feed exits 1 (as an error), invalid input 2 (as a usage error).</summary>
    public static T OrExit<T>(this Answer<T> answer) =>
        answer.Refusal is { } refusal ? throw new CliException(refusal.Detail, refusal.Kind is RefusalKind.UnknownActor or RefusalKind.UnknownFeed or RefusalKind.UnknownEvent ? 1 : 2) : answer.Value!;
}
