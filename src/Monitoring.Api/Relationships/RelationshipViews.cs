using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.Domain.Review;
using Monitoring.Store.Relationships;

namespace Monitoring.Api.Relationships;

/// <summary>
/// A relationship's state; <see cref="Pair"/> is its id such as "NER-USA", <see cref="A"/> the smaller code. The clocks the
/// question fixed: <see cref="AsOf"/> (valid date), <see cref="KnownAt"/> (publication date), <see cref="RecordedAt"/>
/// (recorded instant); null is "now".
/// </summary>
public sealed record RelationshipView(string Pair, string A, string B, DateOnly? AsOf, DateOnly? KnownAt, DateTimeOffset? RecordedAt,
    IReadOnlyList<DimensionState> Dimensions, IReadOnlyList<TimelineEntry> Entries)
{
    public static RelationshipView Of(RelationshipState s) =>
        new(s.Pair.Id, s.Pair.A, s.Pair.B, s.Clocks.AsOf, s.Clocks.KnownAt, s.Clocks.RecordedAt, s.Dimensions, s.Entries);
}

/// <summary>One relationship's dimensions on the three clocks and what is announced for later (the CLI's <c>show --json</c>).</summary>
public sealed record StateView(string Pair, DateOnly? AsOf, DateOnly? KnownAt, DateTimeOffset? RecordedAt, IReadOnlyList<DimensionState> Dimensions,
    IReadOnlyList<TimelineEntry> Upcoming)
{
    public static StateView Of(RelationshipState s) => new(s.Pair.Id, s.Clocks.AsOf, s.Clocks.KnownAt, s.Clocks.RecordedAt, s.Dimensions, s.Upcoming);
}

public sealed record TimelineView(string Pair, DateOnly? AsOf, DateOnly? KnownAt, DateTimeOffset? RecordedAt, IReadOnlyList<TimelineEntry> Entries)
{
    public static TimelineView Of(ActorPair pair, Clocks clocks, IReadOnlyList<TimelineEntry> entries) =>
        new(pair.Id, clocks.AsOf, clocks.KnownAt, clocks.RecordedAt, entries);
}

/// <summary>One side of a contested dimension in the audit: what its reports say and the chain under it.</summary>
public sealed record AuditReading(string Status, EventDate Since, Modality Modality, int IndependentSources, double Confidence, bool Prevails,
    IReadOnlyList<TimelineEntry> Entries);

/// <summary>
/// A dimension and the chain that establishes it. Contested, <see cref="Readings"/> holds each side with its own chain and
/// <see cref="Rule"/> names what decided (<see cref="Prevailing"/> is the reading that prevails, if one does).
/// </summary>
public sealed record AuditDimension(string Key, string Dimension, string? Side, string Status, EventDate Since, Modality Modality,
    int? Count, EventDate? CountDate, string? Detail, IReadOnlyList<TimelineEntry> Entries, DecidedBy Rule = DecidedBy.LatestReport,
    string? Prevailing = null, IReadOnlyList<AuditReading>? Readings = null)
{
    public IReadOnlyList<AuditReading> Readings { get; init; } = Readings ?? [];

    public static AuditDimension Of(RelationshipState s, DimensionState d) =>
        new(d.Key, d.Dimension, d.Side, d.Status, d.Since, d.Modality, d.Count, d.CountDate, d.Detail, EntriesOf(s, d.EntryIds), d.Rule, d.Prevailing,
            d.Readings.Select(r => new AuditReading(r.Status, r.Since, r.Modality, r.IndependentSources, r.Confidence, r.Status == d.Prevailing,
                EntriesOf(s, r.EntryIds))).ToList());

    private static List<TimelineEntry> EntriesOf(RelationshipState s, IEnumerable<string> ids) => ids.Select(s.Entry).OfType<TimelineEntry>().ToList();
}

/// <summary>
/// An analyst's correction of the relationship's history as the audit shows it: what, who, when, why (<see cref="Description"/>:
/// "retracted by ANALYST on DATE: reason", "corrected from … to …"), whether it is in force on the question's recorded clock,
/// and the extraction's reports it takes out, listed although they no longer count.
/// </summary>
public sealed record AuditCorrection(Guid Id, CorrectionKind Kind, string Analyst, string Reason, DateTimeOffset RecordedAt, string? Key, Guid? Undoes,
    bool InForce, string Description, IReadOnlyList<SourceReport> TakenOut);

/// <summary>Under every dimension the chain that establishes it: the same document over HTTP and from <c>monitor audit --json</c>.</summary>
/// <remarks><see cref="Occurrences"/> are the entries no dimension takes as status (visits): events, audited all the same.</remarks>
public sealed record AuditView(string Pair, DateOnly? AsOf, DateOnly? KnownAt, DateTimeOffset? RecordedAt, IReadOnlyList<AuditDimension> Dimensions,
    IReadOnlyList<TimelineEntry> Occurrences, IReadOnlyList<AuditCorrection>? Corrections = null)
{
    public IReadOnlyList<AuditCorrection> Corrections { get; init; } = Corrections ?? [];

    public static AuditView Of(RelationshipState s) =>
        new(s.Pair.Id, s.Clocks.AsOf, s.Clocks.KnownAt, s.Clocks.RecordedAt, s.Dimensions.Select(d => AuditDimension.Of(s, d)).ToList(),
            Relationship.Occurrences(s));

    public static AuditView Of(RelationshipAnswers.Audited a)
    {
        var inForce = a.InForce.Select(c => c.Id).ToHashSet();
        return Of(a.State) with
        {
            Corrections = a.Corrections.Select(c => new AuditCorrection(c.Id, c.Kind, c.Analyst, c.Reason, c.RecordedAt, c.Key?.ToString(), c.Undoes,
                inForce.Contains(c.Id), Monitoring.Domain.Review.Corrections.Describe(c),
                inForce.Contains(c.Id) && c.Kind is CorrectionKind.Retracted or CorrectionKind.Corrected
                    ? a.TakenOut.Where(r => ReportedEventKey.Of(r) == c.Key).Select(SourceReport.Of).ToList()
                    : [])).ToList(),
        };
    }
}

/// <summary>
/// A replay: the clocks it was cut at, the articles that count there (in publication order on the publication clock, in
/// recorded order on the recorded one) and every relationship as it read then.
/// </summary>
public sealed record ReplayView(DateOnly? AsOf, DateOnly? KnownAt, DateTimeOffset? RecordedAt,
    IReadOnlyList<RelationshipAnswers.ArticleAsKnown> Articles, IReadOnlyList<RelationshipView> Relationships)
{
    public static ReplayView Of(RelationshipAnswers.Replay r) =>
        new(r.Clocks.AsOf, r.Clocks.KnownAt, r.Clocks.RecordedAt, r.Articles, r.Relationships.Select(RelationshipView.Of).ToList());
}
