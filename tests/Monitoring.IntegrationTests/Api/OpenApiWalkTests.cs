using System.Text.Json;
using Monitoring.Api.Hosting;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Api;

/// <summary>Walks every operation of /openapi/v1.json: what a client generator and a reader of the reference need is there.</summary>
[Collection(PostgresCollection.Name)]
public sealed class OpenApiWalkTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch", "head"];

    private async Task<List<(string Path, string Method, JsonElement Operation)>> OperationsAsync()
    {
        using var http = host.Client();
        var document = await (await http.GetAsync("/openapi/v1.json")).JsonAsync();
        return document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)).Select(m => (p.Name, m.Name, m.Value)))
            .ToList();
    }

    [Fact]
    public async Task every_operation_has_a_unique_id_a_short_summary_and_documented_answers()
    {
        var operations = await OperationsAsync();
        Assert.True(operations.Count >= 20, $"{operations.Count} operations");
        var ids = new List<string>();
        var faults = new List<string>();
        foreach (var (path, method, operation) in operations)
        {
            var name = $"{method.ToUpperInvariant()} {path}";
            if (operation.TryGetProperty("operationId", out var id) && id.GetString() is { Length: > 0 } text) ids.Add(text);
            else faults.Add($"{name}: no operationId");
            if (!operation.TryGetProperty("summary", out var summary) || summary.GetString() is not { Length: > 0 and <= 80 })
                faults.Add($"{name}: summary missing or over 80 characters (a menu label, not a paragraph)");
            var responses = operation.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
            if (!responses.Keys.Any(k => k.StartsWith('2'))) faults.Add($"{name}: no success answer");
            foreach (var problem in new[] { "500" }.Concat(path.Contains('{') ? ["404"] : []))
                if (!responses.TryGetValue(problem, out var answer) || !answer.TryGetProperty("content", out var content) || !content.TryGetProperty("application/problem+json", out _))
                    faults.Add($"{name}: no {problem} problem answer");
            var parameters = operation.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
            if ((parameters.Count > 0 || operation.TryGetProperty("requestBody", out _)) && !responses.ContainsKey("400")) faults.Add($"{name}: takes input but documents no 400");
        }
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.True(faults.Count == 0, string.Join("\n", faults));
    }

    [Fact]
    public async Task every_parameter_is_described_with_an_example_and_closed_lists_are_enums()
    {
        var faults = new List<string>();
        foreach (var (path, method, operation) in await OperationsAsync())
        {
            if (!operation.TryGetProperty("parameters", out var parameters)) continue;
            foreach (var parameter in parameters.EnumerateArray())
            {
                var name = parameter.GetProperty("name").GetString()!;
                var where = $"{method.ToUpperInvariant()} {path} ?{name}";
                if (!parameter.TryGetProperty("description", out var d) || d.GetString() is not { Length: > 0 }) faults.Add($"{where}: no description");
                if (!parameter.TryGetProperty("example", out _)) faults.Add($"{where}: no example");
                if (name is "type" or "format" or "what"
                    && !(parameter.TryGetProperty("schema", out var schema) && schema.TryGetProperty("enum", out var values) && values.GetArrayLength() > 1))
                    faults.Add($"{where}: a closed list without its values");
            }
        }
        Assert.True(faults.Count == 0, string.Join("\n", faults));
    }

    [Fact]
    public async Task the_notifications_list_documents_its_filters()
    {
        var (_, _, list) = Assert.Single(await OperationsAsync(), o => o.Path == "/notifications" && o.Method == "get");
        var names = list.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("pair", names);
        Assert.Contains("dimension", names);
        Assert.Contains("limit", names);
    }

    [Fact]
    public async Task documented_statuses_are_the_ones_the_service_answers()
    {
        var operations = await OperationsAsync();
        Dictionary<string, JsonElement> Responses(string path, string method) =>
            Assert.Single(operations, o => o.Path == path && o.Method == method).Operation.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);

        // A subscription is created (201), deleted (204), a delivery queued again (202): not the default 200.
        var created = Responses("/subscriptions", "post");
        Assert.Contains("201", created.Keys);
        Assert.DoesNotContain("200", created.Keys);
        Assert.Equal(["204"], Responses("/subscriptions/{id}", "delete").Keys.Where(k => k.StartsWith('2')));
        Assert.Equal(["202"], Responses("/subscriptions/{id}/deliveries/{deliveryId}/resend", "post").Keys.Where(k => k.StartsWith('2')));
        Assert.True(Responses("/subscriptions/{id}", "get")["200"].TryGetProperty("content", out _), "one subscription has a schema");
        // Readiness fails as 503 when the database does not answer.
        Assert.True(Responses("/ready", "get").TryGetValue("503", out var unready) && unready.GetProperty("content").TryGetProperty("application/problem+json", out _));
        // The live stream takes the filter of /notifications, answers text/event-stream, and 400 on a bad filter.
        var (_, _, stream) = Assert.Single(operations, o => o.Path == "/notifications/stream" && o.Method == "get");
        var names = stream.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["actor", "pair", "dimension", "type", "minConfidence", "revisions", "confidenceChanges", "lastEventId"], names);
        var streamed = Responses("/notifications/stream", "get");
        Assert.True(streamed["200"].GetProperty("content").TryGetProperty("text/event-stream", out _));
        Assert.Contains("400", streamed.Keys);
    }

    [Fact]
    public void operation_ids_read_as_the_route()
    {
        Assert.Equal("getRelationshipsABTimeline", OpenApiConventions.OperationId("GET", "relationships/{a}/{b}/timeline"));
        Assert.Equal("postSubscriptionsIdDeliveriesDeliveryIdResend", OpenApiConventions.OperationId("POST", "subscriptions/{id:guid}/deliveries/{deliveryId:guid}/resend"));
    }
}
