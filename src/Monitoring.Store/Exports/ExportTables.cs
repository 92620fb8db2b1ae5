using System.Text.Json;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;

namespace Monitoring.Store.Exports;

/// <summary>One real-world event of one relationship, as the timeline shows it: a row of the dyadic events table.</summary>
public sealed record EventRow(ActorPair Pair, TimelineEntry Entry, Clocks Clocks)
{
    /// <summary>The report an analyst reads first: the earliest recorded one.</summary>
    public SourceReport First => Entry.Reports.MinBy(r => r.Sequence)!;
}

/// <summary>One dimension of one relationship at the question's clocks: a row of the states table.</summary>
public sealed record StateRow(ActorPair Pair, DimensionState State, Clocks Clocks);

/// <summary>The export tables' schemas: the single source of their column names, kinds and meanings.</summary>
public static class ExportTables
{
    private static string Snake(Enum value) => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static string? Join(IEnumerable<string> values) => values.Any() ? string.Join(';', values) : null;

    public static readonly ExportTable<EventRow> Events = new("events",
        "One row per real-world event per relationship (a three-party agreement gives three rows), every report of it counted; "
        + "the flat dyadic table GDELT, ICEWS and ACLED users expect.",
        [
            new("pair", ColumnKind.Text, "The relationship, as the API names it: the two actor codes in order, joined by '-' (NER-USA).", r => r.Pair.Id),
            new("entry_id", ColumnKind.Text, "The timeline entry's id (stable for the same reports); the audit trail's key.", r => r.Entry.Id),
            new("date", ColumnKind.Date, "When it happened (valid time): the earliest day of the stated period that its bounds allow (the 1st of a month without bounds), within not_before and not_after; empty when undated.", r => r.Entry.Date.Value),
            new("precision", ColumnKind.Text, "day, month, year or unknown: how much of the date the sources state.", r => r.Entry.Date.Precision.ToCode()),
            new("earliest", ColumnKind.Date, "The earliest day it can have happened (the date, or a known bound).", r => r.Entry.Date.Earliest),
            new("latest", ColumnKind.Date, "The latest day it can have happened (end of the stated period, or a known bound).", r => r.Entry.Date.Latest),
            new("placed_on", ColumnKind.Date, "The day the timeline places it on (date, else a bound, else its first publication).", r => r.Entry.PlacedOn),
            new("type", ColumnKind.Text, "Monitor's event type, snake_case (agreement_denounced), one of the vocabulary in the README.", r => Snake(r.Entry.Type)),
            new("plover", ColumnKind.Text, "The nearest PLOVER event type (SANCTION, AGREE...), empty where none maps faithfully.", r => EventCodes.Plover(r.Entry.Type)),
            new("cameo", ColumnKind.Text, "The nearest CAMEO code (161, 057...), empty where none maps faithfully.", r => EventCodes.Cameo(r.Entry.Type)),
            new("source", ColumnKind.Text, "The actor who acts (ISO 3166-1 alpha-3, a bloc or a non-state code); the coup's country for coups; empty for parties' events.", r => r.Entry.Source),
            new("target", ColumnKind.Text, "The actor acted upon; empty for coups and parties' events.", r => r.Entry.Target),
            new("parties", ColumnKind.Text, "For agreements and talks: every party, ';'-separated.", r => Join(r.Entry.Parties)),
            new("area", ColumnKind.Text, "The field the event concerns when the sources say (security, development...).", r => r.Entry.Area),
            new("count", ColumnKind.Integer, "A number the event carries (troops withdrawn or present), when stated.", r => r.Entry.Count),
            new("modality", ColumnKind.Text, "asserted (it happened), planned (announced) or expected (stated to happen by the date).", r => r.Entry.Modality.ToCode()),
            new("confidence", ColumnKind.Number, "0 to 1: the rules' confidence, raised by independent sources.", r => r.Entry.Confidence),
            new("sources", ColumnKind.Integer, "How many articles report it.", r => r.Entry.SourceCount),
            new("independent_sources", ColumnKind.Integer, "How many of them are independent (republished wire copies count once).", r => r.Entry.IndependentSources),
            new("first_published", ColumnKind.Date, "The earliest publication among its reports: from then on it was knowable.", r => r.Entry.FirstPublished),
            new("article_id", ColumnKind.Text, "The first recorded report's article (article-...).", r => r.First.ArticleId),
            new("article_url", ColumnKind.Text, "That article's address, when it has one.", r => r.First.Url),
            new("publisher", ColumnKind.Text, "That article's publisher.", r => r.First.Publisher),
            new("quote", ColumnKind.Text, "The sentence of that article the event was read from.", r => r.First.Evidence.FirstOrDefault()?.Quote),
            new("rule", ColumnKind.Text, "The extraction rule that read it, with its version (rule@version).", r => $"{r.First.RuleId}@{r.First.RuleVersion}"),
            new("extractor_version", ColumnKind.Text, "The extractor version of that report.", r => r.First.ExtractorVersion),
            new("recorded_at", ColumnKind.Timestamp, "When the store first recorded a report of it (UTC).", r => r.First.RecordedAt),
            new("conflicts_with", ColumnKind.Text, "Entries that contradict it at the same date, ';'-separated.", r => Join(r.Entry.ConflictsWith)),
            new("clock_as_of", ColumnKind.Date, "The export's as-of date (valid time): events that happened by then; empty for all.", r => r.Clocks.AsOf),
            new("clock_known_at", ColumnKind.Date, "The export's known-at date (publication clock): from what had been published by then; empty for all.", r => r.Clocks.KnownAt),
            new("clock_recorded_at", ColumnKind.Timestamp, "The export's recorded-at instant: from what the store had recorded by then; empty for now.", r => r.Clocks.RecordedAt),
        ]);

    public static readonly ExportTable<StateRow> States = new("states",
        "One row per dimension of each relationship (security cooperation, troop presence of one side...) at the export's clocks.",
        [
            new("pair", ColumnKind.Text, "The relationship (NER-USA).", r => r.Pair.Id),
            new("dimension", ColumnKind.Text, "security_cooperation, development_aid, agreements, troop_presence, sanctions, diplomatic, membership or context.", r => r.State.Dimension),
            new("side", ColumnKind.Text, "For one-sided dimensions (whose troops, whose sanctions): that actor's code.", r => r.State.Side),
            new("status", ColumnKind.Text, "The dimension's status (suspended, withdrawn, present, contested...).", r => r.State.Status),
            new("since", ColumnKind.Date, "The date the status holds from (the earliest day of its period within its bounds).", r => r.State.Since.Value),
            new("since_precision", ColumnKind.Text, "day, month, year or unknown.", r => r.State.Since.Precision.ToCode()),
            new("modality", ColumnKind.Text, "asserted, planned or expected.", r => r.State.Modality.ToCode()),
            new("count", ColumnKind.Integer, "A count that holds (troops present), when known.", r => r.State.Count),
            new("count_date", ColumnKind.Date, "The date the count was stated for.", r => r.State.CountDate?.Value),
            new("decided_by", ColumnKind.Text, "The rule that decided the status (latest_report, corroborated_transition_stands, reports_disagree...).", r => Snake(r.State.Rule)),
            new("prevailing", ColumnKind.Text, "When contested, the reading that prevails, if one does.", r => r.State.Prevailing),
            new("readings", ColumnKind.Integer, "When contested, how many readings the reports give.", r => r.State.Readings is { Count: > 0 } readings ? readings.Count : null),
            new("detail", ColumnKind.Text, "A short explanation where the status needs one.", r => r.State.Detail),
            new("entry_ids", ColumnKind.Text, "The timeline entries behind the status, ';'-separated (join with the events table's entry_id).", r => Join(r.State.EntryIds)),
            new("clock_as_of", ColumnKind.Date, "The export's as-of date (valid time); empty for today's state.", r => r.Clocks.AsOf),
            new("clock_known_at", ColumnKind.Date, "The export's known-at date (publication clock); empty for all.", r => r.Clocks.KnownAt),
            new("clock_recorded_at", ColumnKind.Timestamp, "The export's recorded-at instant; empty for now.", r => r.Clocks.RecordedAt),
        ]);
}
