using Microsoft.AspNetCore.Http.HttpResults;
using Monitoring.Api.Hosting;
using Monitoring.Api.Relationships;
using Monitoring.Domain;
using Monitoring.Store.Exports;

namespace Monitoring.Api.Exports;

/// <summary>HTTP: the events, states and changes tables as CSV, JSON Lines or Parquet, streamed (docs/data-dictionary.md).</summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/export/{what}", ExportAsync).WithTags("Export").WithName("export")
            .WithSummary("A flat table for analysis: events, states or changes")
            .WithDescription("format: csv (default), jsonl or parquet. Clocks: asOf (yyyy-MM-dd, valid time), knownAt (yyyy-MM-dd, what had been "
                             + "published by then), recordedAt (ISO 8601, what the store had recorded by then). Filters: actor (code or name), "
                             + "from/to (yyyy-MM-dd; events and changes), type (events). Columns: docs/data-dictionary.md.")
            .Produces(200, contentType: "text/csv").Produces(200, contentType: "application/jsonl").Produces(200, contentType: "application/vnd.apache.parquet")
            .ProducesValidationProblem().ProducesProblem(404);
        return app;
    }

    private static async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> ExportAsync(
        string what, string? format, string? asOf, string? knownAt, string? recordedAt, string? actor, string? from, string? to, string? type,
        HttpContext http, ExportService exports, RelationshipService relationships, CancellationToken ct)
    {
        var input = new HttpInput();
        var table = ExportService.Table(what);
        if (table is null) input.Error("what", $"'{what}' is not a table; one of: {string.Join(", ", ExportService.Tables)}");
        var parsedFormat = format is { Length: > 0 } ? ExportFormats.Parse(format) : ExportFormat.Csv;
        if (parsedFormat is null) input.Error("format", $"'{format}' is not a format; one of: csv, jsonl, parquet");
        var clocks = input.Clocks(asOf, knownAt, recordedAt);
        var (fromDate, toDate) = (input.Date("from", from), input.Date("to", to));
        if (fromDate > toDate) input.Error("to", $"'{to}' is before from '{from}'");
        WorldEventType? eventType = null;
        if (type is { Length: > 0 })
        {
            eventType = Vocabulary.ParseType(type);
            if (eventType is null) input.Error("type", $"'{type}' is not an event type of the vocabulary; one of: {string.Join(", ", Vocabulary.TypeCodes)}");
        }
        if (!input.Valid) return input.Problem();

        var resolved = await relationships.OptionalActorAsync(actor, ct);
        if (resolved.Refusal is { } unknown) return HttpInput.NotFound(unknown);
        var code = resolved.Value;

        var request = new ExportRequest(parsedFormat!.Value, clocks, code, fromDate, toDate, eventType);
        if (ExportService.Misfit(table!, request) is { } misfit)
        {
            input.Error("what", misfit);
            return input.Problem();
        }
        http.Response.ContentType = request.Format.MediaType();
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"monitor-{table}.{request.Format.Extension()}\"";
        await exports.WriteAsync(table!, request, http.Response.Body, ct: ct);
        return TypedResults.Empty;
    }
}
