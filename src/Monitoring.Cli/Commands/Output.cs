using System.CommandLine;
using System.Text.Json;
using Monitoring.Store;

namespace Monitoring.Cli.Commands;

public static class Output
{
    /// <summary><see cref="MonitorJson"/>, the API's options, indented for reading in a terminal: the same document as HTTP answers.</summary>
    public static readonly JsonSerializerOptions Json = new(MonitorJson.Options) { WriteIndented = true };

    /// <summary>One JSON value per line, for streams of answers.</summary>
    public static readonly JsonSerializerOptions JsonLine = new(Json) { WriteIndented = false };

    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));

    public static readonly Option<bool> JsonOption = new("--json") { Description = "Write JSON instead of text" };
}
