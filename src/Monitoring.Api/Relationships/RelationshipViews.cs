using Monitoring.Domain;
using Monitoring.Domain.Relationships;

namespace Monitoring.Api.Relationships;

/// <summary>A relationship's state; <see cref="Pair"/> is its id such as "NER-USA", <see cref="A"/> the smaller code.</summary>
public sealed record RelationshipView(string Pair, string A, string B, DateOnly? AsOf, DateTimeOffset? KnownAt,
    IReadOnlyList<DimensionState> Dimensions, IReadOnlyList<TimelineEntry> Entries)
{
    public static RelationshipView Of(RelationshipState s) => new(s.Pair.Id, s.Pair.A, s.Pair.B, s.AsOf, s.KnownAt, s.Dimensions, s.Entries);
}

/// <summary>One relationship's dimensions on both clocks and what is announced for later (the CLI's <c>show --json</c>).</summary>
public sealed record StateView(string Pair, DateOnly? AsOf, DateTimeOffset? KnownAt, IReadOnlyList<DimensionState> Dimensions, IReadOnlyList<TimelineEntry> Upcoming)
{
    public static StateView Of(RelationshipState s) => new(s.Pair.Id, s.AsOf, s.KnownAt, s.Dimensions, s.Upcoming);
}

public sealed record TimelineView(string Pair, DateTimeOffset? KnownAt, IReadOnlyList<TimelineEntry> Entries);

public sealed record AuditDimension(string Key, string Dimension, string? Side, string Status, EventDate Since, Modality Modality,
    int? Count, EventDate? CountDate, string? Detail, IReadOnlyList<TimelineEntry> Entries);

/// <summary>Under every dimension the chain that establishes it: the same document over HTTP and from <c>monitor audit --json</c>.</summary>
/// <remarks><see cref="Occurrences"/> are the entries no dimension takes as status (visits): events, audited all the same.</remarks>
public sealed record AuditView(string Pair, DateOnly? AsOf, DateTimeOffset? KnownAt, IReadOnlyList<AuditDimension> Dimensions,
    IReadOnlyList<TimelineEntry> Occurrences)
{
    public static AuditView Of(RelationshipState s) => new(s.Pair.Id, s.AsOf, s.KnownAt,
        s.Dimensions.Select(d => new AuditDimension(d.Key, d.Dimension, d.Side, d.Status, d.Since, d.Modality, d.Count, d.CountDate, d.Detail,
            d.EntryIds.Select(s.Entry).OfType<TimelineEntry>().ToList())).ToList(),
        Relationship.Occurrences(s));
}
