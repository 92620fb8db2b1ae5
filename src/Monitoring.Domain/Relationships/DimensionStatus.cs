using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitoring.Domain.Relationships;

/// <summary>
/// What a dimension of a relationship reads, in the analyst's words. Written as snake-case codes ("withdrawal_demanded",
/// "in_force_observed") wherever a status leaves the domain: <see cref="DimensionStatuses.Code"/>, and JSON whatever
/// the serializer's options. Announced and expected forms never assert the completed state.
/// </summary>
[JsonConverter(typeof(DimensionStatusJson))]
public enum DimensionStatus
{
    Coup,
    Suspended, SuspensionAnnounced, SuspensionExpected,
    ResumptionAnnounced, Resumed, ResumptionExpected,
    Signed, SigningAnnounced, SigningExpected,
    Active,
    Denounced, DenunciationAnnounced, DenunciationExpected,
    Terminated, TerminationAnnounced, TerminationExpected,
    TiesSevered, SeveranceAnnounced, SeveranceExpected,
    WithdrawalDemanded, WithdrawalAnnounced, WithdrawalAgreed, Withdrawing, WithdrawalExpected, Withdrawn,
    Deployed, DeploymentPlanned,
    Present,
    InForce, ImpositionAnnounced, ImpositionExpected, InForceObserved,
    Lifted, LiftingAnnounced,
    Visit, VisitPlanned,
    TalksOpened, TalksPlanned,
    ThreatOfForce,
    AmbassadorExpelled, AmbassadorExpulsionAnnounced, AmbassadorExpulsionExpected,
    AmbassadorRecalled, AmbassadorRecallAnnounced, AmbassadorRecallExpected,
    ExitAnnounced, Exited, ExitExpected,
    /// <summary>Reports disagree on the dimension at one date (see <see cref="DimensionState.Readings"/>).</summary>
    Contested,
}

public static class DimensionStatuses
{
    private static readonly string[] Codes = Enum.GetValues<DimensionStatus>().Select(s => JsonNamingPolicy.SnakeCaseLower.ConvertName(s.ToString())).ToArray();
    private static readonly Dictionary<string, DimensionStatus> ByCode = Enum.GetValues<DimensionStatus>().ToDictionary(s => Codes[(int)s]);

    /// <summary>The status as the API, the command line and the stored changes write it, e.g. "withdrawal_demanded".</summary>
    public static string Code(this DimensionStatus status) => Codes[(int)status];

    public static DimensionStatus Parse(string code) =>
        ByCode.TryGetValue(code, out var status) ? status : throw new FormatException($"'{code}' is not a dimension status");

    public static bool TryParse(string code, out DimensionStatus status) => ByCode.TryGetValue(code, out status);
}

/// <summary>Writes and reads a <see cref="DimensionStatus"/> as its code, so that the JSON is the same as when statuses were strings.</summary>
public sealed class DimensionStatusJson : JsonConverter<DimensionStatus>
{
    public override DimensionStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DimensionStatuses.Parse(reader.GetString() ?? "");

    public override void Write(Utf8JsonWriter writer, DimensionStatus value, JsonSerializerOptions options) => writer.WriteStringValue(value.Code());
}

/// <summary>Writes an enum of the domain as its snake-case name ("corroborated_transition_stands") whatever the serializer's options.</summary>
public sealed class SnakeCaseEnumJson<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower) where TEnum : struct, Enum;
