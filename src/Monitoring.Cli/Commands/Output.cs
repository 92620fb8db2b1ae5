using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Monitoring.Store;

namespace Monitoring.Cli.Commands;

public static class Output
{
    /// <summary><see cref="MonitorJson"/>, indented and without nulls for reading in a terminal.</summary>
    public static readonly JsonSerializerOptions Json = new(MonitorJson.Options)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>One JSON value per line, for streams of answers.</summary>
    public static readonly JsonSerializerOptions JsonLine = new(Json) { WriteIndented = false };

    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));

    public static readonly Option<bool> JsonOption = new("--json") { Description = "Write JSON instead of text" };
}
