namespace Monitoring.Api;

/// <summary>
/// Why an application service gave no answer, in terms both faces turn into their own form: HTTP into problem details
/// (404 for an unknown actor, 400 naming the parameter), the CLI into one line on stderr with its exit code.
/// </summary>
public sealed record Refusal(RefusalKind Kind, string Parameter, string Input, string Detail);

public enum RefusalKind
{
    /// <summary>The input names no actor the gazetteer or the store knows.</summary>
    UnknownActor,

    /// <summary>The input is malformed or breaks a rule (a relationship of one actor with itself).</summary>
    Invalid,

    /// <summary>The id names no followed feed.</summary>
    UnknownFeed,

    /// <summary>The input names no reported event (by key or event id) or no correction.</summary>
    UnknownEvent,
}

/// <summary>A value or the refusal that stands in its place.</summary>
public readonly record struct Answer<T>(T? Value, Refusal? Refusal)
{
    public static implicit operator Answer<T>(T value) => new(value, null);

    public static implicit operator Answer<T>(Refusal refusal) => new(default, refusal);
}
