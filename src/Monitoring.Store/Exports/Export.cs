using Marten;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.Store.Relationships;

namespace Monitoring.Store.Exports;

/// <summary>What to export: which table, in which format, at which clocks, for which actor and dates.</summary>
/// <param name="From">Events that may have happened on or after this day (their latest possible day is not before it).</param>
/// <param name="To">Events that may have happened on or before this day.</param>
public sealed record ExportRequest(
    ExportFormat Format,
    Clocks Clocks,
    string? Actor = null,
    DateOnly? From = null,
    DateOnly? To = null,
    WorldEventType? Type = null);

/// <summary>
/// The events and states tables, written straight to a stream one relationship at a time (memory stays that of the
/// largest relationship, whatever the store holds), the same for <c>monitor export</c> and <c>GET /export/...</c>.
/// </summary>
public static class Export
{
    public static Task<long> EventsAsync(IQuerySession session, RelationshipAnswers answers, ExportRequest request, Stream output, IProgress<int>? pairsDone = null,
        CancellationToken ct = default) =>
        WriteAsync(session, answers, request, ExportTables.Events, output, pairsDone, ct, (pair, state) =>
            state.Entries.Where(e => Matches(e, request)).OrderBy(e => e.PlacedOn).ThenBy(e => e.Id, StringComparer.Ordinal)
                .Select(entry => new EventRow(pair, entry, request.Clocks)));

    public static Task<long> StatesAsync(IQuerySession session, RelationshipAnswers answers, ExportRequest request, Stream output, IProgress<int>? pairsDone = null,
        CancellationToken ct = default) =>
        WriteAsync(session, answers, request, ExportTables.States, output, pairsDone, ct, (pair, state) =>
            state.Dimensions.Select(dimension => new StateRow(pair, dimension, request.Clocks)));

    /// <summary>Each relationship of the request's actor, its state at the request's clocks, and the rows it gives.</summary>
    private static async Task<long> WriteAsync<TRow>(IQuerySession session, RelationshipAnswers answers, ExportRequest request, ExportTable<TRow> table, Stream output,
        IProgress<int>? pairsDone, CancellationToken ct, Func<ActorPair, RelationshipState, IEnumerable<TRow>> rowsOf)
    {
        await using var writer = TableWriter<TRow>.Create(request.Format, table, output);
        var done = 0;
        foreach (var pair in await RelationshipQueries.PairsAsync(session, request.Actor, ct))
        {
            var state = await answers.StateAsync(session, pair, request.Clocks, ct);
            foreach (var row in rowsOf(pair, state)) await writer.WriteAsync(row, ct);
            pairsDone?.Report(++done);
        }
        await writer.CompleteAsync(ct);
        return writer.Rows;
    }

    /// <summary>The same range rule as <c>GET /events</c>: an event counts when its possible dates meet [From, To].</summary>
    public static bool Matches(TimelineEntry e, ExportRequest request) =>
        (request.Type is null || e.Type == request.Type)
        && (request.From is null || (e.Date.Latest ?? e.PlacedOn) >= request.From)
        && (request.To is null || (e.Date.Earliest ?? e.PlacedOn) <= request.To);
}
