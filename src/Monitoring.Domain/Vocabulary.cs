using System.Text.Json.Serialization;

namespace Monitoring.Domain;

/// <summary>The event vocabulary of ../shared/design/events.md: past-tense facts about the world.</summary>
public enum WorldEventType
{
    CoupOccurred,
    CooperationSuspended,
    CooperationResumptionAnnounced,
    CooperationResumed,
    AgreementSigned,
    AgreementDenounced,
    TiesSevered,
    WithdrawalDemanded,
    WithdrawalAnnounced,
    WithdrawalAgreed,
    WithdrawalStarted,
    WithdrawalCompleted,
    TroopsDeployed,
    TroopPresenceReported,
    SanctionsImposed,
    SanctionsLifted,
    SanctionsInForce,
    DelegationVisited,
    TalksOpened,
    ThreatOfForce,
    AmbassadorExpelled,
    AmbassadorRecalled,
    BlocExitAnnounced,
    BlocExited,
}

/// <summary>How the actors of an event type are arranged.</summary>
public enum ActorShape
{
    /// <summary>One country (a coup): context for every relationship of that country.</summary>
    Country,
    /// <summary>Source acts on target.</summary>
    Directed,
    /// <summary>Two or more parties, every pair of them related by the event.</summary>
    Parties,
}

public enum DatePrecision { Day, Month, Year, Unknown }

/// <summary>asserted: it happened; planned: announced intent; expected: stated to happen by a date.</summary>
public enum Modality { Asserted, Planned, Expected }

public static class Vocabulary
{
    public static ActorShape ShapeOf(WorldEventType type) => type switch
    {
        WorldEventType.CoupOccurred => ActorShape.Country,
        WorldEventType.AgreementSigned or WorldEventType.TalksOpened => ActorShape.Parties,
        _ => ActorShape.Directed,
    };

    /// <summary>Observations say what held at a date; every other type is a transition.</summary>
    public static bool IsObservation(WorldEventType type) =>
        type is WorldEventType.TroopPresenceReported or WorldEventType.SanctionsInForce;

    /// <summary>
    /// Events that happen and are over: a visit (an official or state visit, a delegation, a summit trip) is contact, not
    /// a state the relationship is in afterwards. It stays on the timeline and in the audit; no dimension takes it as status.
    /// </summary>
    public static bool IsOneOff(WorldEventType type) => type is WorldEventType.DelegationVisited;

    /// <summary>The type as every output writes it: snake_case, as the JSON does ("agreement_denounced").</summary>
    public static string Code(this WorldEventType type) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(type.ToString());

    /// <summary>
    /// A type as people type it, in either spelling: "agreement_denounced", "AgreementDenounced", "agreement-denounced"
    /// (any case); null for anything else, numbers included.
    /// </summary>
    public static WorldEventType? ParseType(string text) =>
        !text.Any(char.IsDigit) && Enum.TryParse<WorldEventType>(text.Replace("_", "").Replace("-", "").Trim(), ignoreCase: true, out var t) && Enum.IsDefined(t) ? t : null;

    /// <summary>Every type's code, for error messages and documentation.</summary>
    public static IEnumerable<string> TypeCodes => Enum.GetValues<WorldEventType>().Select(Code);

    public static string ToCode(this DatePrecision p) => p.ToString().ToLowerInvariant();
    public static string ToCode(this Modality m) => m.ToString().ToLowerInvariant();

    public static DatePrecision ParsePrecision(string s) => Enum.Parse<DatePrecision>(s, ignoreCase: true);
    public static Modality ParseModality(string s) => Enum.Parse<Modality>(s, ignoreCase: true);
}

/// <summary>
/// When an event happened in the world (valid time), at a <see cref="Precision"/>: a day, a month, a year, or unknown with
/// optional bounds that say what order is known (after the July coup: NotBefore = 2023-07-26). A dated event may carry
/// bounds as well ("in March, after the coup of the 10th": March 2023, NotBefore = 2023-03-10).
/// <see cref="Value"/> is the earliest day of the stated period its bounds allow: the 1st of the month for a plain month,
/// the 10th in the example, so it never falls before <see cref="NotBefore"/>. Null when the date is unknown.
/// </summary>
public sealed record EventDate(DateOnly? Value, DatePrecision Precision, DateOnly? NotBefore = null, DateOnly? NotAfter = null)
{
    // The first day of the stated period, whatever day within it was given; Value is read from it and the bounds, so a
    // bound added later (`with { NotBefore = … }`) moves Value too, and a Value read back from JSON names the same period.
    private readonly DateOnly? _start = StartOf(Value, Precision);

    public DateOnly? Value
    {
        get => Precision == DatePrecision.Unknown || _start is not { } start ? _start
            : NotBefore is { } nb && nb > start ? Min(nb, End(start, Precision)) : start;
        init => _start = StartOf(value, Precision);
    }

    public static EventDate Unknown(DateOnly? notBefore = null, DateOnly? notAfter = null) =>
        new(null, DatePrecision.Unknown, notBefore, notAfter);

    public static EventDate Day(DateOnly d) => new(d, DatePrecision.Day);
    public static EventDate Month(int year, int month) => new(new DateOnly(year, month, 1), DatePrecision.Month);
    public static EventDate Year(int year) => new(new DateOnly(year, 1, 1), DatePrecision.Year);

    /// <summary>The earliest day the event can have happened, if anything is known.</summary>
    [JsonIgnore]
    public DateOnly? Earliest => Value ?? NotBefore;

    /// <summary>The latest day the event can have happened, if anything is known: the end of its period, else its bound.</summary>
    [JsonIgnore]
    public DateOnly? Latest => Precision == DatePrecision.Unknown || _start is not { } start ? NotAfter : End(start, Precision);

    private static DateOnly? StartOf(DateOnly? day, DatePrecision precision) => day is not { } d ? null : precision switch
    {
        DatePrecision.Month => new DateOnly(d.Year, d.Month, 1),
        DatePrecision.Year => new DateOnly(d.Year, 1, 1),
        _ => d,
    };

    private static DateOnly End(DateOnly start, DatePrecision precision) => precision switch
    {
        DatePrecision.Month => start.AddMonths(1).AddDays(-1),
        DatePrecision.Year => start.AddYears(1).AddDays(-1),
        _ => start,
    };

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>The day a timeline places the event on: its date, else its earliest bound, else its latest.</summary>
    [JsonIgnore]
    public DateOnly? PlacedOn => Value ?? NotBefore ?? NotAfter;

    /// <summary>Whether the event is known to have happened on or before <paramref name="day"/>.</summary>
    public bool HappenedBy(DateOnly day) => PlacedOn is { } p && p <= day;

    public override string ToString() => Precision switch
    {
        DatePrecision.Day => _start!.Value.ToString("yyyy-MM-dd"),
        DatePrecision.Month => _start!.Value.ToString("yyyy-MM"),
        DatePrecision.Year => _start!.Value.ToString("yyyy"),
        _ => (NotBefore, NotAfter) switch
        {
            (null, null) => "unknown",
            ({ } a, null) => $"unknown (after {a:yyyy-MM-dd})",
            (null, { } b) => $"unknown (by {b:yyyy-MM-dd})",
            ({ } a, { } b) => $"unknown ({a:yyyy-MM-dd} to {b:yyyy-MM-dd})",
        },
    };
}

/// <summary>One sentence of an article that supports an event: its index and exact character span in the original text.</summary>
public sealed record Evidence(int SentenceIndex, int Start, int End, string Quote);

/// <summary>
/// One event read out of one article. Actors are codes (ISO 3166-1 alpha-3, or upper-case bloc names).
/// Directed types use Source → Target; Country types use Source alone; Parties types use Parties
/// (sorted, two or more) and leave Source and Target null.
/// </summary>
public sealed record ExtractedEvent(
    WorldEventType Type,
    string? Source,
    string? Target,
    IReadOnlyList<string> Parties,
    string? Area,
    int? Count,
    EventDate Date,
    Modality Modality,
    double Confidence,
    string RuleId,
    string RuleVersion,
    IReadOnlyList<Evidence> Evidence,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool ActorsInferred = false)
{
    [JsonIgnore]
    public ActorShape Shape => Vocabulary.ShapeOf(Type);

    /// <summary>Every actor the event names.</summary>
    [JsonIgnore]
    public IEnumerable<string> Actors => Shape switch
    {
        ActorShape.Parties => Parties,
        ActorShape.Country => Source is null ? [] : [Source],
        _ => new[] { Source, Target }.OfType<string>(),
    };

    /// <summary>The relationships the event is about; a coup concerns none directly (it is context).</summary>
    public IEnumerable<ActorPair> Pairs()
    {
        if (Shape == ActorShape.Country) yield break;
        var actors = Actors.Distinct().ToArray();
        for (var i = 0; i < actors.Length; i++)
            for (var j = i + 1; j < actors.Length; j++)
                yield return ActorPair.Of(actors[i], actors[j]);
    }
}

/// <summary>An unordered pair of actors: the key of a relationship. A is the smaller code.</summary>
public readonly record struct ActorPair(string A, string B)
{
    public static ActorPair Of(string x, string y) =>
        string.CompareOrdinal(x, y) <= 0 ? new ActorPair(x, y) : new ActorPair(y, x);

    /// <summary>Stable id such as "NER-USA".</summary>
    [JsonIgnore]
    public string Id => $"{A}-{B}";

    public static ActorPair Parse(string id)
    {
        var parts = id.Split('-', 2);
        if (parts.Length != 2) throw new FormatException($"'{id}' is not a relationship id such as NER-USA");
        return Of(parts[0], parts[1]);
    }

    public bool Involves(string actor) => A == actor || B == actor;

    public override string ToString() => Id;
}
