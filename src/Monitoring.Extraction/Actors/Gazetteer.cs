using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitoring.Extraction.Actors;

/// <summary>Data/gazetteer.json: states, blocs and organisations with every name a text may use, and people with the state they act for.</summary>
public sealed record Gazetteer(string Version, IReadOnlyList<GazetteerEntity> Entities, IReadOnlyList<GazetteerPerson> People)
{
    private static readonly Lazy<Gazetteer> Embedded = new(() => Parse(ReadResource("gazetteer.json")));

    public static Gazetteer Default => Embedded.Value;

    public static Gazetteer Parse(string json)
    {
        var file = JsonSerializer.Deserialize<File>(json, Json.Options) ?? throw new InvalidDataException("empty gazetteer");
        return new Gazetteer(file.Version ?? "", file.Entities ?? [], file.People ?? []);
    }

    internal static string ReadResource(string name)
    {
        var asm = typeof(Gazetteer).Assembly;
        using var stream = asm.GetManifestResourceStream($"Monitoring.Extraction.Data.{name}")
            ?? throw new InvalidOperationException($"embedded resource Data/{name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public GazetteerEntity? Find(string code) => Entities.FirstOrDefault(e => e.Code == code);

    private sealed record File(string? Version, List<GazetteerEntity>? Entities, List<GazetteerPerson>? People);
}

public sealed record GazetteerEntity(
    string Code,
    string Kind,
    IReadOnlyList<string>? Names,
    IReadOnlyList<string>? ShortNames,
    IReadOnlyList<string>? Demonyms,
    IReadOnlyList<string>? Capitals,
    IReadOnlyList<string>? Metonyms,
    IReadOnlyList<string>? Bodies,
    IReadOnlyList<string>? Members)
{
    public string Name => Names is { Count: > 0 } n ? n[0] : Code;
    public bool IsState => Kind == "state" || Kind == "territory";
}

public sealed record GazetteerPerson(string Name, IReadOnlyList<string>? Aliases, string Code, string? Role, DateOnly? From, DateOnly? To);

/// <summary>Data/context-terms.json: phrases that name an actor only through the discourse (the junta, the regional bloc, ...).</summary>
public sealed record ContextTerms(IReadOnlyList<ContextPhrase> Phrases, IReadOnlyDictionary<string, string> Colonizers, IReadOnlyList<string> AgentNouns)
{
    private static readonly Lazy<ContextTerms> Embedded = new(() => Parse(Gazetteer.ReadResource("context-terms.json")));

    public static ContextTerms Default => Embedded.Value;

    public static ContextTerms Parse(string json)
    {
        var file = JsonSerializer.Deserialize<File>(json, Json.Options) ?? throw new InvalidDataException("empty context terms");
        return new ContextTerms(file.Phrases ?? [], file.Colonizers ?? [], file.AgentNouns ?? []);
    }

    private sealed record File(List<ContextPhrase>? Phrases, Dictionary<string, string>? Colonizers, List<string>? AgentNouns);
}

public sealed record ContextPhrase(string Text, string ResolvesTo);

internal static class Json
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };
}
