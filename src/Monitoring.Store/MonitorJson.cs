using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitoring.Store;

/// <summary>
/// Monitor's one JSON form, for every face (HTTP answers, webhooks, the change stream, the CLI's --json): the web
/// defaults (camelCase) and enums as snake_case strings. Faces add only layout (the CLI indents).
/// </summary>
public static class MonitorJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Adds Monitor's conventions to options made elsewhere (ASP.NET Core's, a face's own).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        return options;
    }
}
