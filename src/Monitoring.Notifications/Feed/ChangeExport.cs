using System.Text.Json;
using Marten;
using Monitoring.Domain.Relationships;
using Monitoring.Notifications.Detection;
using Monitoring.Store.Exports;

namespace Monitoring.Notifications.Feed;

/// <summary>The changes table: every stored relationship change, in feed order, as <c>GET /notifications</c> lists them.</summary>
public static class ChangeExport
{
    public static readonly ExportTable<RelationshipChanged> Table = new("changes",
        "One row per change of one dimension of one relationship, in the order the store recorded them (the order webhooks are sent in).",
        [
            new("change_id", ColumnKind.Integer, "The change's position in the feed (SSE's event id; strictly increasing).", c => c.Id),
            new("pair", ColumnKind.Text, "The relationship (NER-USA).", c => c.Pair),
            new("dimension", ColumnKind.Text, "The dimension that changed.", c => c.Dimension),
            new("side", ColumnKind.Text, "For one-sided dimensions: that actor's code.", c => c.Side),
            new("kind", ColumnKind.Text, "status (a new status or since-date), detail (a new count) or confidence (only the sources changed).",
                c => JsonNamingPolicy.SnakeCaseLower.ConvertName(c.Kind.ToString())),
            new("before", ColumnKind.Text, "The status before, empty when the dimension is new.", c => c.Before),
            new("after", ColumnKind.Text, "The status after.", c => c.After),
            new("valid_from", ColumnKind.Date, "The date from which the new status holds (the earliest day of its period within its bounds).", c => c.ValidFrom.Value),
            new("valid_from_precision", ColumnKind.Text, "day, month, year or unknown.", c => c.ValidFrom.Precision.ToString().ToLowerInvariant()),
            new("revision", ColumnKind.Boolean, "The change revises the past: it holds from before what the store already knew of the dimension.", c => c.Revision),
            new("revises_published", ColumnKind.Boolean, "The change revises what had been published: it holds from before what earlier-published articles had given.", c => c.RevisesPublished),
            new("contest", ColumnKind.Text, "The dimension became contested (began) or ceased to be (ended); empty otherwise.", c => c.Contest == ContestChange.None ? null : c.Contest.ToString().ToLowerInvariant()),
            new("count_before", ColumnKind.Integer, "The count before (troops present), when one was known.", c => c.CountBefore),
            new("count_after", ColumnKind.Integer, "The count after.", c => c.CountAfter),
            new("confidence_before", ColumnKind.Number, "The confidence before.", c => c.ConfidenceBefore),
            new("confidence_after", ColumnKind.Number, "The confidence after.", c => c.ConfidenceAfter),
            new("recorded_at", ColumnKind.Timestamp, "When the last report causing it was recorded (UTC).", c => c.RecordedAt),
            new("cause_event_ids", ColumnKind.Text, "The stored reports that caused it, ';'-separated.", c => string.Join(';', c.Causes.Select(x => x.EventId))),
            new("cause_article_ids", ColumnKind.Text, "Their articles, ';'-separated.", c => string.Join(';', c.Causes.Select(x => x.ArticleId).Distinct())),
            new("cause_urls", ColumnKind.Text, "Their articles' addresses, ';'-separated.", c => string.Join(';', c.Causes.Select(x => x.Url).OfType<string>().Distinct())),
            new("correction_id", ColumnKind.Text, "The analyst's correction that made the change (retracted, corrected, asserted, undone); empty when new reports did.", c => c.Correction?.CorrectionId.ToString()),
            new("correction_kind", ColumnKind.Text, "What the correction did: retracted, corrected, asserted or undone.", c => c.Correction is { } x ? JsonNamingPolicy.SnakeCaseLower.ConvertName(x.Kind.ToString()) : null),
            new("correction_analyst", ColumnKind.Text, "Who made the correction.", c => c.Correction?.Analyst),
            new("correction_reason", ColumnKind.Text, "Why, in the analyst's words.", c => c.Correction?.Reason),
        ]);

    /// <summary>
    /// Changes recorded by <see cref="ExportRequest.Clocks"/>' recorded-at (all when unset), of pairs involving the actor,
    /// whose new status holds from a day in [From, To]; read in pages so memory stays flat.
    /// </summary>
    public static async Task<long> WriteAsync(IQuerySession session, ExportRequest request, Stream output, CancellationToken ct = default)
    {
        await using var writer = TableWriter<RelationshipChanged>.Create(request.Format, Table, output);
        long cursor = 0;
        while (true)
        {
            var page = await ChangeFeed.AfterAsync(session, cursor, 1000, ct);
            if (page.Count == 0) break;
            foreach (var change in page)
                if (Matches(change, request)) await writer.WriteAsync(change, ct);
            cursor = page[^1].Id;
        }
        await writer.CompleteAsync(ct);
        return writer.Rows;
    }

    public static bool Matches(RelationshipChanged c, ExportRequest request) =>
        (request.Clocks.RecordedAt is not { } t || c.RecordedAt <= t)
        && (request.Actor is not { } a || c.Pair.Split('-').Contains(a))
        && (request.From is null || (c.ValidFrom.Latest ?? c.ValidFrom.PlacedOn) is not { } late || late >= request.From)
        && (request.To is null || (c.ValidFrom.Earliest ?? c.ValidFrom.PlacedOn) is not { } early || early <= request.To);
}
