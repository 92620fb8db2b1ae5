using Marten;
using Monitoring.Notifications.Feed;
using Monitoring.Store.Exports;
using Monitoring.Store.Relationships;

namespace Monitoring.Api.Exports;

/// <summary>The export tables for both faces: <c>monitor export</c> and <c>GET /export/{what}</c> write the same bytes.</summary>
public sealed class ExportService(IDocumentStore store, RelationshipAnswers answers)
{
    public static readonly IReadOnlyList<string> Tables = ["events", "states", "changes"];

    /// <summary>The table's canonical name, or null when <paramref name="what"/> names none.</summary>
    public static string? Table(string what) => Tables.FirstOrDefault(t => t == what.Trim().ToLowerInvariant());

    /// <summary>Why the request does not fit the table, or null. Filters that a table ignores are refused rather than dropped silently.</summary>
    public static string? Misfit(string table, ExportRequest request) =>
        table == "states" && (request.From ?? request.To) is not null ? "states are taken at the clocks (as of); from/to filter events and changes"
        : table != "events" && request.Type is not null ? "only the events table is filtered by type"
        : table == "changes" && (request.Clocks.AsOf ?? request.Clocks.KnownAt) is not null ? "changes are cut by recorded-at only; as-of and known-at apply to events and states"
        : null;

    /// <summary>Writes the table; returns the number of rows. <paramref name="pairsDone"/> counts relationships for progress.</summary>
    public async Task<long> WriteAsync(string table, ExportRequest request, Stream output, IProgress<int>? pairsDone = null, CancellationToken ct = default)
    {
        await using var session = store.QuerySession();
        return table switch
        {
            "events" => await Export.EventsAsync(session, answers, request, output, pairsDone, ct),
            "states" => await Export.StatesAsync(session, answers, request, output, pairsDone, ct),
            "changes" => await ChangeExport.WriteAsync(session, request, output, ct),
            _ => throw new ArgumentException($"'{table}' is not an export table; one of: {string.Join(", ", Tables)}", nameof(table)),
        };
    }
}
