using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Monitoring.Domain;

namespace Monitoring.Api.Hosting;

/// <summary>
/// What every operation of the OpenAPI document carries, applied in one place rather than endpoint by endpoint: an
/// operation id, a short summary (a long one moves to the description), each query and route parameter described with an
/// example (and its values where they are a closed list), and every problem answer the service can give. A parameter
/// name missing from <see cref="Parameters"/> is caught by the OpenAPI walk test.
/// </summary>
public static class OpenApiConventions
{
    /// <summary>What a parameter means and an example, by its name: the same name means the same thing on every operation.</summary>
    public static readonly IReadOnlyDictionary<string, (string Meaning, string Example)> Parameters = new Dictionary<string, (string, string)>
    {
        ["a"] = ("One actor of the relationship: a code (NER), an alpha-2 code (NE) or a name (Niger).", "USA"),
        ["b"] = ("The other actor of the relationship, as for a.", "NER"),
        ["asOf"] = ("Valid date (yyyy-MM-dd): the state as it stood on that day, from the events dated on or before it.", "2024-01-01"),
        ["knownAt"] = ("Publication date (yyyy-MM-dd): only what articles published on or before that day said (an article without a publication date counts as published when recorded). The clock that replays history on an imported archive.", "2023-12-31"),
        ["recordedAt"] = ("Recorded instant (ISO 8601): only what Monitor had recorded by then, for audit (what did an alert see).", "2024-03-17T12:00:00Z"),
        ["actor"] = ("Only what involves this actor: a code or a name.", "Niger"),
        ["from"] = ("Events that may have happened on or after this date (yyyy-MM-dd); on articles, published on or after it.", "2023-07-01"),
        ["to"] = ("Events that may have happened on or before this date (yyyy-MM-dd); on articles, published on or before it.", "2024-06-30"),
        ["type"] = ("An event type, as the JSON writes it (agreement_denounced); AgreementDenounced is accepted too.", "agreement_denounced"),
        ["article"] = ("An article's id (article-...).", "article-52d0b98fd2c55cc84833febdb9f6abac"),
        ["id"] = ("The resource's id, as a list or a creation gave it.", "article-52d0b98fd2c55cc84833febdb9f6abac"),
        ["deliveryId"] = ("A delivery's id, from the subscription's deliveries.", "0b8a9d6e-7f1c-4c1e-9a55-3d2f1e0c9b7a"),
        ["skip"] = ("How many items to leave out before the page (offset paging, kept for existing clients).", "0"),
        ["take"] = ("How many items the page holds.", "50"),
        ["limit"] = ($"How many items the page holds, 1 to {Paging.MaxLimit} (default {Paging.DefaultLimit}).", "100"),
        ["cursor"] = ("Where the page starts: copy it from the previous page's next link.", "YzE6TkVS"),
        ["after"] = ("Only changes after this feed position (a change id; the next link carries it).", "0"),
        ["pair"] = ("A relationship: two actor codes joined by '-'.", "NER-USA"),
        ["dimension"] = ("A dimension of a relationship (security_cooperation, troop_presence...).", "agreements"),
        ["format"] = ("The file format: csv (default), jsonl or parquet.", "csv"),
        ["what"] = ("The table: events, states or changes.", "events"),
        ["kind"] = ("An actor kind: state, territory, bloc, organisation, group...", "state"),
        ["search"] = ("On actors, part of a code or a name, any case; on articles, a full-text search of title and text (words, \"a phrase\", -not, or).", "burkina"),
        ["stored"] = ("true: only actors the store holds relationships for.", "true"),
        ["published"] = ("The article's publication date (yyyy-MM-dd).", "2024-03-17"),
        ["publisher"] = ("Who published the article.", "Reuters"),
        ["url"] = ("Where the article was published.", "https://example.org/news/niger"),
        ["title"] = ("The article's title.", "Niger ends military accord with US"),
        ["revisions"] = ("false: leave out changes that revise the past (default true).", "true"),
        ["confidenceChanges"] = ("true: also changes of confidence alone (default false).", "false"),
        ["minConfidence"] = ("Only changes whose new confidence is at least this (0 to 1).", "0.7"),
        ["analyst"] = ("Only this analyst's corrections (the name of the key that made them).", "alice"),
        ["lastEventId"] = ("Resume after this change id (as the Last-Event-ID header does); without either the stream starts now.", "42"),
    };

    /// <summary>Parameters whose values are a closed list, with that list.</summary>
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Closed = new Dictionary<string, IReadOnlyList<string>>
    {
        ["type"] = Vocabulary.TypeCodes.ToList(),
        ["format"] = ["csv", "jsonl", "parquet"],
        ["what"] = ["events", "states", "changes"],
    };

    public static OpenApiOptions AddMonitorConventions(this OpenApiOptions options)
    {
        options.AddOperationTransformer((operation, context, _) =>
        {
            var description = context.Description;
            operation.OperationId ??= OperationId(description.HttpMethod ?? "GET", description.RelativePath ?? "");
            Summarise(operation);
            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>()) Describe(parameter);
            var scoped = description.ActionDescriptor.EndpointMetadata.OfType<Keys.ApiKeyAuthentication.RequiredScope>().FirstOrDefault();
            AddProblems(operation, context.Document, description.RelativePath ?? "", operation.Security is { Count: > 0 }, scoped?.Scope);
            return Task.CompletedTask;
        });
        return options;
    }

    /// <summary>GET relationships/{a}/{b}/timeline → getRelationshipsABTimeline: stable, unique, readable in generated clients.</summary>
    public static string OperationId(string method, string route)
    {
        var words = route.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Trim('{', '}').Split(':')[0])
            .SelectMany(s => s.Split('-', '_', '.'))
            .Where(s => s.Length > 0)
            .Select(s => char.ToUpperInvariant(s[0]) + s[1..]);
        return method.ToLowerInvariant() + string.Concat(words);
    }

    private static void Summarise(OpenApiOperation operation)
    {
        if (operation.Summary is not { Length: > 80 } summary) return;
        operation.Description = operation.Description is { Length: > 0 } d ? $"{summary}\n\n{d}" : summary;
        var cut = summary.IndexOfAny(['.', ':', ';', '(']);
        operation.Summary = cut is > 0 and <= 80 ? summary[..cut].Trim() : summary[..77].TrimEnd() + "...";
    }

    /// <summary>A query parameter of <see cref="Parameters"/>, for operations that read their query themselves.</summary>
    public static OpenApiParameter QueryParameter(string name)
    {
        var parameter = new OpenApiParameter { Name = name, In = ParameterLocation.Query, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        Describe(parameter);
        return parameter;
    }

    private static void Describe(OpenApiParameter parameter)
    {
        if (parameter.Name is null || !Parameters.TryGetValue(parameter.Name, out var known)) return;
        parameter.Description ??= known.Meaning;
        parameter.Example ??= JsonValue.Create(known.Example);
        if (Closed.TryGetValue(parameter.Name, out var values) && parameter.Schema is OpenApiSchema schema && schema.Enum is not { Count: > 0 })
            schema.Enum = values.Select(v => (JsonNode)JsonValue.Create(v)!).ToList();
    }

    private static void AddProblems(OpenApiOperation operation, OpenApiDocument? document, string route, bool secured, Keys.ApiKeyScope? scope)
    {
        operation.Responses ??= [];
        var hasInput = operation.Parameters is { Count: > 0 } || operation.RequestBody is not null;
        var problems = new List<(string Status, string Meaning)> { ("500", "The service failed to answer; the error is in its log.") };
        if (hasInput) problems.Add(("400", "A parameter or the body is not valid: the problem's errors name each one."));
        if (route.Contains('{')) problems.Add(("404", "Nothing has that id, or an actor is unknown (the problem names the closest matches)."));
        if (secured) problems.Add(("401", "No API key, or one the service does not know."));
        if (secured && scope is { } needed) problems.Add(("403", $"The API key lacks the '{Keys.ApiKeyScopes.Code(needed)}' scope (the problem names it)."));
        foreach (var (status, meaning) in problems)
        {
            if (operation.Responses.ContainsKey(status)) continue;
            operation.Responses[status] = new OpenApiResponse
            {
                Description = meaning,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = document?.Components?.Schemas?.ContainsKey("ProblemDetails") == true
                        ? new OpenApiSchemaReference("ProblemDetails", document) : new OpenApiSchema { Type = JsonSchemaType.Object } },
                },
            };
        }
    }
}
