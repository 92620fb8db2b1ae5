using System.Globalization;

namespace Monitoring.Domain.Relationships;

/// <summary>
/// One dimension of a relationship as of a date: its status, since when it holds, and the timeline entries
/// that establish it. <see cref="Side"/> names the actor a per-side dimension is about (the sending state
/// for troop presence, the imposing party for sanctions, the country for context). <see cref="Detail"/> is the
/// area of the establishing entry when it has one (the agreement's or the cooperation's area).
/// </summary>
public sealed record DimensionState(
    string Dimension,
    string? Side,
    string Status,
    EventDate Since,
    Modality Modality,
    int? Count,
    EventDate? CountDate,
    IReadOnlyList<string> EntryIds,
    string? Detail = null,
    IReadOnlyList<Reading>? Readings = null,
    DecidedBy Rule = DecidedBy.LatestReport,
    string? Prevailing = null)
{
    /// <summary>Identifies the dimension within a relationship, e.g. "troop_presence:USA".</summary>
    public string Key => Side is null ? Dimension : $"{Dimension}:{Side}";

    /// <summary>
    /// When reports disagree on the dimension at one date, each reading with its entries (status <see cref="Relationship.Contested"/>);
    /// empty otherwise.
    /// </summary>
    public IReadOnlyList<Reading> Readings { get; init; } = Readings ?? [];

    public bool IsContested => Readings.Count > 0;

    /// <summary>The status as a type (<see cref="Status"/> is its code, as the JSON has always written it).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public DimensionStatus Is => DimensionStatuses.Parse(Status);
}

/// <summary>One side of a contested dimension: what some reports say, since when, their entries, independent sources and confidence.</summary>
public sealed record Reading(string Status, EventDate Since, Modality Modality, IReadOnlyList<string> EntryIds, int IndependentSources, double Confidence)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public DimensionStatus Is => DimensionStatuses.Parse(Status);
}

/// <summary>The rule that decided a dimension's status.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(SnakeCaseEnumJson<DecidedBy>))]
public enum DecidedBy
{
    /// <summary>The latest entry in valid time sets the status (a transition from its date on; an observation where no transition is known).</summary>
    LatestReport,
    /// <summary>
    /// Contested: a transition corroborated by independent sources against single observations of the same or an earlier
    /// date; the transition prevails, it is not overturned.
    /// </summary>
    CorroboratedTransitionStands,
    /// <summary>Contested: reports disagree at one date; the reading with the most independent sources prevails.</summary>
    MoreIndependentSources,
    /// <summary>Contested: reports disagree at one date, with as many independent sources on each side; none prevails.</summary>
    ReportsDisagree,
}

/// <summary>
/// The state of a relationship on the three clocks the question fixed (<see cref="Clocks"/>), with the timeline entries
/// behind every dimension.
/// </summary>
public sealed record RelationshipState(
    ActorPair Pair,
    Clocks Clocks,
    IReadOnlyList<DimensionState> Dimensions,
    IReadOnlyList<TimelineEntry> Entries,
    IReadOnlyList<TimelineEntry>? Upcoming = null)
{
    /// <summary>
    /// Planned or expected entries dated after <see cref="AsOf"/> but already published by then ("withdrawal expected
    /// by 2023-12-22", read on 2023-12-14): what was announced, not part of any dimension's status yet.
    /// </summary>
    public IReadOnlyList<TimelineEntry> Upcoming { get; init; } = Upcoming ?? [];

    /// <summary>The valid date the question fixed (null: now).</summary>
    public DateOnly? AsOf => Clocks.AsOf;

    public DimensionState? Dimension(string key) => Dimensions.FirstOrDefault(d => d.Key == key);
    public TimelineEntry? Entry(string id) => Entries.FirstOrDefault(e => e.Id == id);
}

public static class Dimensions
{
    public const string SecurityCooperation = "security_cooperation";
    public const string DevelopmentAid = "development_aid";
    public const string Agreements = "agreements";
    public const string TroopPresence = "troop_presence";
    public const string Sanctions = "sanctions";
    public const string Diplomatic = "diplomatic";
    public const string Membership = "membership";
    public const string Context = "context";

    public static readonly IReadOnlyList<string> All = [Context, SecurityCooperation, DevelopmentAid, Agreements, TroopPresence, Sanctions, Diplomatic, Membership];
}

/// <summary>
/// The relationship model: pure folds over recorded reports. Reports are filtered on the publication and recorded clocks,
/// grouped into timeline entries (<see cref="Corroboration"/>), filtered on the valid clock by their placed day (as of),
/// then folded per dimension in order of placed day, precision (day before month before year before unknown) and
/// store sequence. Entries without a date are placed by their bounds (Approximate); with no bounds either, at their
/// earliest article's publication (Undated). An absent dimension means nothing is known about it ("none").
/// </summary>
public static class Relationship
{
    /// <summary>
    /// The state of <paramref name="pair"/> on the three clocks: entries placed on or before <see cref="Clocks.AsOf"/>, made of
    /// the reports published by <see cref="Clocks.KnownAt"/> and recorded by <see cref="Clocks.RecordedAt"/> (and not
    /// superseded by then). Each clock left null sets no limit.
    /// </summary>
    public static RelationshipState StateOf(ActorPair pair, IEnumerable<RecordedEvent> history, IEnumerable<ExtractionSuperseded> supersessions, Clocks clocks)
    {
        var timeline = Corroboration.Group(Known(pair, history, supersessions, clocks));
        var asOf = clocks.AsOf;
        var entries = timeline.Where(e => asOf is null || e.PlacedOn <= asOf).ToList();
        var upcoming = timeline
            .Where(e => asOf is not null && e.PlacedOn > asOf && e.Modality != Modality.Asserted && e.FirstPublished <= asOf)
            .ToList();
        return new RelationshipState(pair, clocks, Fold(pair, entries), entries, upcoming);
    }

    /// <summary>The state of <paramref name="pair"/> on everything known, as the world stands now.</summary>
    public static RelationshipState StateOf(ActorPair pair, IEnumerable<RecordedEvent> history, IEnumerable<ExtractionSuperseded> supersessions) =>
        StateOf(pair, history, supersessions, Clocks.Now);

    /// <summary>Every entry of the relationship on the three clocks (placed by AsOf, when given), corroborated, in valid-time order.</summary>
    public static IReadOnlyList<TimelineEntry> Timeline(ActorPair pair, IEnumerable<RecordedEvent> history, IEnumerable<ExtractionSuperseded> supersessions,
        Clocks clocks)
    {
        var timeline = Corroboration.Group(Known(pair, history, supersessions, clocks));
        return clocks.AsOf is { } day ? timeline.Where(e => e.PlacedOn <= day).ToList() : timeline;
    }

    /// <summary>Every entry of the relationship on everything known.</summary>
    public static IReadOnlyList<TimelineEntry> Timeline(ActorPair pair, IEnumerable<RecordedEvent> history, IEnumerable<ExtractionSuperseded> supersessions) =>
        Timeline(pair, history, supersessions, Clocks.Now);

    /// <summary>
    /// The reports that count on the publication and recorded clocks: published and recorded by then, about the pair, and
    /// not superseded by <see cref="Clocks.RecordedAt"/>.
    /// </summary>
    public static IEnumerable<RecordedEvent> Known(ActorPair pair, IEnumerable<RecordedEvent> history, IEnumerable<ExtractionSuperseded> supersessions,
        Clocks clocks)
    {
        var superseded = supersessions
            .Where(clocks.InForce)
            .Select(s => (s.ArticleId, s.SupersededVersion))
            .ToHashSet();
        return history
            .Where(clocks.Knows)
            .Where(r => !superseded.Contains((r.ArticleId, r.ExtractorVersion)))
            .Where(r => Concerns(pair, r.Event))
            .DistinctBy(r => r.EventId);
    }

    /// <summary>A report concerns a pair when the pair is among its actor pairs, or it is a coup in either country.</summary>
    public static bool Concerns(ActorPair pair, ExtractedEvent e) =>
        e.Shape == ActorShape.Country ? e.Source is { } c && pair.Involves(c) : e.Pairs().Contains(pair);

    /// <summary>
    /// Folds entries, in valid-time order, into dimensions. Transitions set a status from their date on;
    /// observations (troop counts, sanctions in force) establish a status only where no transition is known (or the
    /// known one is contradicted, see <see cref="Contradicts"/>), and always update the latest count.
    /// </summary>
    public static IReadOnlyList<DimensionState> Fold(ActorPair pair, IEnumerable<TimelineEntry> entries)
    {
        var slots = new Dictionary<string, int>();
        var ordered = entries.OrderBy(e => e, Corroboration.TimelineOrder)
            .Select(e => new Step(e, EffectsOf(pair, e, slots))).ToArray();
        return FoldInOrder(ordered, slots.Count);
    }

    /// <summary>One effect of an entry on a dimension, with the dimension's key and a small number for it (its slot) computed once.</summary>
    internal readonly record struct Effect(string Dimension, string? Side, DimensionStatus Status, string Key, int Slot);

    /// <summary>An entry as the fold takes it, with its effects (and, for the upcoming entries, its earliest publication).</summary>
    internal readonly record struct Step(TimelineEntry Entry, Effect[] Effects, DateOnly Published = default);

    /// <summary>The effects of an entry, numbering the dimensions in <paramref name="slots"/> as they first appear.</summary>
    internal static Effect[] EffectsOf(ActorPair pair, TimelineEntry entry, Dictionary<string, int> slots) =>
        StatusEffects(pair, entry).Select(x =>
        {
            var key = x.Side is null ? x.Dimension : $"{x.Dimension}:{x.Side}";
            if (!slots.TryGetValue(key, out var slot)) slots[key] = slot = slots.Count;
            return new Effect(x.Dimension, x.Side, x.Status, key, slot);
        }).ToArray();

    /// <summary>What the fold keeps per dimension while it runs; a <see cref="DimensionState"/> is made once, at the end.</summary>
    private sealed class Folding(string dimension, string? side)
    {
        public readonly string Dimension = dimension;
        public readonly string? Side = side;
        public DimensionStatus Status;
        public EventDate Since = null!;
        public Modality Modality;
        public int? Count;
        public EventDate? CountDate;
        public string? Detail;
        public EntryIds StatusEntries = null!;
        public string? CountEntry;
        public (string EntryId, string Detail)? Rupture;
        // The support of the current status: the most independent sources and the best confidence among its entries, and
        // whether they are all observations.
        public int Independent;
        public double Confidence;
        public bool Observed;
        // The readings while the dimension is contested (null otherwise).
        public List<ReadingSoFar>? Contest;

        /// <summary>A copy that the fold can go on from without touching this one (entry ids are shared: they only grow by a new head).</summary>
        public Folding Copy()
        {
            var copy = (Folding)MemberwiseClone();
            copy.Contest = Contest?.Select(r => r.Copy()).ToList();
            return copy;
        }
    }

    /// <summary>
    /// The entry ids of a status in the order they were added, as a persistent list (newest first, each node sharing the
    /// ones before it): a copy of the fold, which <see cref="HistoryIndex"/> keeps at intervals, costs nothing per id.
    /// </summary>
    private sealed class EntryIds
    {
        private readonly string _id;
        private readonly EntryIds? _earlier;
        public readonly string First;

        private EntryIds(string id, EntryIds? earlier)
        {
            (_id, _earlier) = (id, earlier);
            First = earlier?.First ?? id;
        }

        public static EntryIds Of(string id) => new(id, null);

        public EntryIds Add(string id) => new(id, this);

        public List<string> ToList()
        {
            var ids = new List<string>();
            for (var n = this; n is not null; n = n._earlier) ids.Add(n._id);
            ids.Reverse();
            return ids;
        }
    }

    private sealed class ReadingSoFar(DimensionStatus status, EventDate since, Modality modality, string entry, int independent, double confidence, bool observed)
    {
        public readonly DimensionStatus Status = status;
        public readonly EventDate Since = since;
        public readonly Modality Modality = modality;
        public List<string> Entries = [entry];
        public int Independent = independent;
        public double Confidence = confidence;
        public bool Observed = observed;

        public void Add(TimelineEntry e)
        {
            if (!Entries.Contains(e.Id)) Entries.Add(e.Id);
            Independent = Math.Max(Independent, e.IndependentSources);
            Confidence = Math.Max(Confidence, e.Confidence);
            Observed &= Vocabulary.IsObservation(e.Type);
        }

        public ReadingSoFar Copy()
        {
            var copy = (ReadingSoFar)MemberwiseClone();
            copy.Entries = [.. Entries];
            return copy;
        }

        public Reading ToReading() => new(Status.Code(), Since, Modality, [.. Entries], Independent, Confidence);
    }

    /// <summary>The status of a dimension on which reports disagree at one date (see <see cref="DimensionState.Readings"/>).</summary>
    public static readonly string Contested = DimensionStatus.Contested.Code();

    /// <summary>
    /// The fold of <see cref="Fold"/> over entries already in valid-time order, each with its effects. Only the last
    /// state of a dimension is returned, so its entry ids are assembled once at the end rather than at every step.
    /// </summary>
    internal static IReadOnlyList<DimensionState> FoldInOrder(ReadOnlySpan<Step> entries, int slots)
    {
        var folder = new Folder(slots);
        folder.Apply(entries);
        return folder.Result();
    }

    /// <summary>
    /// The fold as it runs: entries applied in valid-time order, the dimensions read at any point. A copy goes on from
    /// where it was made, so that a long timeline can be folded once and questions resume from the nearest copy.
    /// </summary>
    internal sealed class Folder
    {
        private readonly Folding?[] _states;

        public Folder(int slots) => _states = new Folding?[slots];

        private Folder(Folding?[] states) => _states = states;

        public Folder Copy() => new(_states.Select(f => f?.Copy()).ToArray());

        public void Apply(ReadOnlySpan<Step> entries)
        {
            var states = _states;
            foreach (var (entry, effects, _) in entries)
            foreach (var (dimension, side, status, _, slot) in effects)
            {
                var current = states[slot];
                var known = current is not null;
                if (!known) states[slot] = current = new Folding(dimension, side);
                if (known && Disagrees(current!, entry, status))
                {
                    Contest(current!, entry, status);
                    continue;
                }
                var count = entry.Count ?? current!.Count;
                var countDate = entry.Count is null ? current!.CountDate : entry.Date;
                if (entry.Count is not null) current!.CountEntry = entry.Id;
                var observationUnderTransition = known && Vocabulary.IsObservation(entry.Type) && !IsObservedStatus(current!.Status)
                    && !Contradicts(entry, current.Status);
                if (observationUnderTransition || (known && current!.Status == status && !IsOccurrence(status)))
                {
                    // An observation where a transition is known adds its count (or, without one, supports the status);
                    // the same state again is reaffirmed. Either way the status still holds since it was first established.
                    if (!(observationUnderTransition && entry.Count is not null)) current!.StatusEntries = current.StatusEntries.Add(entry.Id);
                    if (!observationUnderTransition)
                    {
                        current!.Independent = Math.Max(current.Independent, entry.IndependentSources);
                        current.Confidence = Math.Max(current.Confidence, entry.Confidence);
                        current.Observed &= Vocabulary.IsObservation(entry.Type);
                    }
                    current!.Count = count;
                    current.CountDate = countDate;
                    continue;
                }
                // A new status, or a new occurrence (a later coup, a later visit): established by this entry (and by the
                // one that reported the count it carries over).
                current!.StatusEntries = EntryIds.Of(entry.Id);
                current.Contest = null;
                (current.Independent, current.Confidence, current.Observed) = (entry.IndependentSources, entry.Confidence, Vocabulary.IsObservation(entry.Type));
                var detail = entry.Area;
                if (dimension == Dimensions.Diplomatic && IsRupture(status)) current.Rupture = (entry.Id, $"{status.Code()} since {entry.Date}");
                else if (dimension == Dimensions.Diplomatic && current.Rupture is { } r)
                {
                    // A visit or talks after a rupture do not undo it: the rupture stays visible, with its source.
                    detail = $"after {r.Detail}";
                    current.StatusEntries = current.StatusEntries.Add(r.EntryId);
                }
                (current.Status, current.Since, current.Modality, current.Count, current.CountDate, current.Detail) =
                    (status, entry.Date, entry.Modality, count, countDate, detail);
            }
        }

        public IReadOnlyList<DimensionState> Result() =>
            _states.OfType<Folding>()
                .Select(f =>
                {
                    if (f.Contest is not null) return ContestedState(f);
                    var ids = f.StatusEntries.ToList();
                    if (f.CountEntry is { } c && !ids.Contains(c)) ids.Add(c);
                    return new DimensionState(f.Dimension, f.Side, f.Status.Code(), f.Since, f.Modality, f.Count, f.CountDate, ids, f.Detail);
                })
                .OrderBy(d => IndexOf(d.Dimension)).ThenBy(d => d.Side, StringComparer.Ordinal)
                .ToList();
    }

    /// <summary>
    /// Whether an entry disagrees with the dimension rather than moving it on: both dated, on compatible dates (one date at
    /// the coarser precision), with statuses that cannot both hold (<see cref="Opposed"/>); or an observation that
    /// contradicts a transition corroborated by independent sources while dated no later than it (undated observations
    /// included: they say nothing later). A dimension already contested takes any entry of its date that names one of its
    /// readings or opposes one. Anything later moves the dimension on as before.
    /// </summary>
    private static bool Disagrees(Folding current, TimelineEntry entry, DimensionStatus status)
    {
        var dated = entry.Date.Precision != DatePrecision.Unknown;
        var sameDate = dated && current.Since.Precision != DatePrecision.Unknown && Corroboration.DatesCompatible(current.Since, entry.Date);
        if (current.Contest is { } readings)
            return sameDate && readings.Any(r => r.Status == status || Opposed(r.Status, status));
        if (sameDate && Opposed(current.Status, status)) return true;
        var datedLater = dated && current.Since.Latest is { } last && entry.Date.Earliest > last;
        return Vocabulary.IsObservation(entry.Type) && Contradicts(entry, current.Status) && !current.Observed
            && current.Independent >= 2 && entry.IndependentSources == 1 && !datedLater;
    }

    private static void Contest(Folding current, TimelineEntry entry, DimensionStatus status)
    {
        if (current.Contest is null)
        {
            var held = new ReadingSoFar(current.Status, current.Since, current.Modality, current.StatusEntries.First, current.Independent, current.Confidence, current.Observed);
            held.Entries.AddRange(current.StatusEntries.ToList().Skip(1));
            current.Contest = [held];
            (current.Status, current.Modality) = (DimensionStatus.Contested, Modality.Asserted);
        }
        var reading = current.Contest.FirstOrDefault(r => r.Status == status);
        if (reading is null)
            current.Contest.Add(new ReadingSoFar(status, entry.Date, entry.Modality, entry.Id, entry.IndependentSources, entry.Confidence, Vocabulary.IsObservation(entry.Type)));
        else reading.Add(entry);
    }

    /// <summary>
    /// A contested dimension: its readings, most independent sources first, and the rule that decided. The reading with the
    /// most independent sources prevails (a corroborated transition against single observations: it stands); a tie decides
    /// nothing. Its entries are every reading's, the prevailing one's first.
    /// </summary>
    private static DimensionState ContestedState(Folding f)
    {
        var readings = f.Contest!.OrderByDescending(r => r.Independent).ThenByDescending(r => r.Confidence).ThenBy(r => r.Status.Code(), StringComparer.Ordinal).ToList();
        var decided = readings.Count(r => r.Independent == readings[0].Independent) == 1;
        var rule = !decided ? DecidedBy.ReportsDisagree
            : !readings[0].Observed && readings[0].Independent >= 2 && readings.Skip(1).All(r => r.Observed && r.Independent == 1) ? DecidedBy.CorroboratedTransitionStands
            : DecidedBy.MoreIndependentSources;
        var entries = readings.SelectMany(r => r.Entries).Distinct().ToList();
        if (f.CountEntry is { } c && !entries.Contains(c)) entries.Add(c);
        return new DimensionState(f.Dimension, f.Side, Contested, f.Since, Modality.Asserted, f.Count, f.CountDate, entries, f.Detail,
            readings.Select(r => r.ToReading()).ToList(), rule, decided ? readings[0].Status.Code() : null);
    }

    /// <summary>Statuses that cannot hold together on one date: something ended (suspended, withdrawn, lifted) against it going on.</summary>
    public static bool Opposed(string a, string b) => Opposed(DimensionStatuses.Parse(a), DimensionStatuses.Parse(b));

    public static bool Opposed(DimensionStatus a, DimensionStatus b) => (Ended(a) && Holds(b)) || (Ended(b) && Holds(a));

    private static bool Ended(DimensionStatus status) =>
        status is DimensionStatus.Suspended or DimensionStatus.Terminated or DimensionStatus.Withdrawn or DimensionStatus.Lifted;

    private static bool Holds(DimensionStatus status) => status is DimensionStatus.Resumed or DimensionStatus.Active or DimensionStatus.Present
        or DimensionStatus.Deployed or DimensionStatus.InForce or DimensionStatus.InForceObserved;

    private static int IndexOf(string dimension)
    {
        for (var i = 0; i < Dimensions.All.Count; i++) if (Dimensions.All[i] == dimension) return i;
        return Dimensions.All.Count;
    }

    private static bool IsObservedStatus(DimensionStatus status) => status is DimensionStatus.Present or DimensionStatus.InForceObserved;

    /// <summary>
    /// An observation contradicts a known transition that says the observed thing ended (troops seen after their
    /// withdrawal, sanctions in force after their lifting): then the observation, being later, establishes the state.
    /// </summary>
    public static bool Contradicts(TimelineEntry observation, DimensionStatus status) => observation.Type switch
    {
        WorldEventType.TroopPresenceReported => status == DimensionStatus.Withdrawn && observation.Count is not 0,
        WorldEventType.SanctionsInForce => status == DimensionStatus.Lifted,
        _ => false,
    };

    public static bool Contradicts(TimelineEntry observation, string status) => Contradicts(observation, DimensionStatuses.Parse(status));

    /// <summary>Diplomatic statuses that break relations; later contacts are shown after them, not instead of them.</summary>
    public static bool IsRupture(DimensionStatus status) => status is DimensionStatus.TiesSevered or DimensionStatus.AmbassadorExpelled or DimensionStatus.AmbassadorRecalled;

    public static bool IsRupture(string status) => IsRupture(DimensionStatuses.Parse(status));

    /// <summary>
    /// Statuses that name a one-off occurrence rather than a lasting state: a later one dates the dimension anew (the
    /// latest coup, the latest visit, the most recent agreement signed or denounced, with its area).
    /// </summary>
    public static bool IsOccurrence(DimensionStatus status) =>
        status is DimensionStatus.Coup or DimensionStatus.Visit or DimensionStatus.VisitPlanned or DimensionStatus.TalksOpened or DimensionStatus.TalksPlanned
            or DimensionStatus.ThreatOfForce or DimensionStatus.Signed or DimensionStatus.Denounced;

    public static bool IsOccurrence(string status) => IsOccurrence(DimensionStatuses.Parse(status));

    /// <summary>
    /// The status of a transition that is announced (planned) or stated for a date (expected) rather than asserted:
    /// it never asserts the completed state ("suspension_announced", not "suspended").
    /// </summary>
    private static DimensionStatus Pending(DimensionStatus announced, DimensionStatus expected, Modality m) => m == Modality.Expected ? expected : announced;

    /// <summary>What one entry does to the dimensions of the pair: (dimension, side, status) for each, the status as its code.</summary>
    public static IEnumerable<(string Dimension, string? Side, string Status)> Effects(ActorPair pair, TimelineEntry e) =>
        StatusEffects(pair, e).Select(x => (x.Dimension, x.Side, x.Status.Code()));

    /// <summary>
    /// The entries of a state that set no dimension's status (visits, see <see cref="Vocabulary.IsOneOff"/>): events on the
    /// timeline and in the audit, not states.
    /// </summary>
    public static IReadOnlyList<TimelineEntry> Occurrences(RelationshipState state) =>
        state.Entries.Where(e => !StatusEffects(state.Pair, e).Any()).ToList();

    /// <summary>What one entry does to the dimensions of the pair: (dimension, side, status) for each.</summary>
    public static IEnumerable<(string Dimension, string? Side, DimensionStatus Status)> StatusEffects(ActorPair pair, TimelineEntry e) => e.Type switch
    {
        _ when Vocabulary.IsOneOff(e.Type) => [],
        WorldEventType.CoupOccurred or WorldEventType.CooperationSuspended or WorldEventType.CooperationResumptionAnnounced or WorldEventType.CooperationResumed
            or WorldEventType.AgreementSigned or WorldEventType.AgreementDenounced or WorldEventType.TiesSevered => CooperationEffects(e),
        WorldEventType.WithdrawalDemanded or WorldEventType.WithdrawalAnnounced or WorldEventType.WithdrawalAgreed or WorldEventType.WithdrawalStarted
            or WorldEventType.WithdrawalCompleted or WorldEventType.TroopsDeployed or WorldEventType.TroopPresenceReported => TroopEffects(e),
        _ => DiplomaticEffects(e),
    };

    /// <summary>Coups, cooperation, agreements and ruptures: the entry's area says which kind of cooperation it touches.</summary>
    private static IEnumerable<(string Dimension, string? Side, DimensionStatus Status)> CooperationEffects(TimelineEntry e)
    {
        var families = Corroboration.AreaFamilies(e.Area);
        // Unstated or unknown areas read as security cooperation, the common case in this domain.
        var security = families.Contains("security") || !families.Contains("development");
        var development = families.Contains("development");
        var asserted = e.Modality == Modality.Asserted;
        switch (e.Type)
        {
            case WorldEventType.CoupOccurred:
                yield return (Dimensions.Context, e.Source, DimensionStatus.Coup);
                break;
            case WorldEventType.CooperationSuspended or WorldEventType.CooperationResumptionAnnounced or WorldEventType.CooperationResumed:
                var status = e.Type switch
                {
                    WorldEventType.CooperationSuspended => asserted ? DimensionStatus.Suspended : Pending(DimensionStatus.SuspensionAnnounced, DimensionStatus.SuspensionExpected, e.Modality),
                    WorldEventType.CooperationResumptionAnnounced => DimensionStatus.ResumptionAnnounced,
                    _ => asserted ? DimensionStatus.Resumed : Pending(DimensionStatus.ResumptionAnnounced, DimensionStatus.ResumptionExpected, e.Modality),
                };
                if (security) yield return (Dimensions.SecurityCooperation, null, status);
                if (development) yield return (Dimensions.DevelopmentAid, null, status);
                break;
            case WorldEventType.AgreementSigned:
                yield return (Dimensions.Agreements, null, asserted ? DimensionStatus.Signed : Pending(DimensionStatus.SigningAnnounced, DimensionStatus.SigningExpected, e.Modality));
                if (asserted && families.Contains("security")) yield return (Dimensions.SecurityCooperation, null, DimensionStatus.Active);
                break;
            case WorldEventType.AgreementDenounced:
                yield return (Dimensions.Agreements, null, asserted ? DimensionStatus.Denounced : Pending(DimensionStatus.DenunciationAnnounced, DimensionStatus.DenunciationExpected, e.Modality));
                if (families.Count == 0 || families.Contains("security"))
                    yield return (Dimensions.SecurityCooperation, null, asserted ? DimensionStatus.Terminated : Pending(DimensionStatus.TerminationAnnounced, DimensionStatus.TerminationExpected, e.Modality));
                break;
            case WorldEventType.TiesSevered:
                if (families.Contains("security"))
                    yield return (Dimensions.SecurityCooperation, null, asserted ? DimensionStatus.Terminated : Pending(DimensionStatus.TerminationAnnounced, DimensionStatus.TerminationExpected, e.Modality));
                if (!families.Contains("security") || families.Contains("diplomatic"))
                    yield return (Dimensions.Diplomatic, null, asserted ? DimensionStatus.TiesSevered : Pending(DimensionStatus.SeveranceAnnounced, DimensionStatus.SeveranceExpected, e.Modality));
                break;
        }
    }

    /// <summary>Troops: each side's presence, from a demand to leave to the last soldier gone.</summary>
    private static IEnumerable<(string Dimension, string? Side, DimensionStatus Status)> TroopEffects(TimelineEntry e)
    {
        var asserted = e.Modality == Modality.Asserted;
        switch (e.Type)
        {
            case WorldEventType.WithdrawalDemanded:
                yield return (Dimensions.TroopPresence, e.Target, DimensionStatus.WithdrawalDemanded);
                break;
            case WorldEventType.WithdrawalAnnounced:
                yield return (Dimensions.TroopPresence, e.Source, DimensionStatus.WithdrawalAnnounced);
                break;
            case WorldEventType.WithdrawalAgreed:
                yield return (Dimensions.TroopPresence, e.Source, DimensionStatus.WithdrawalAgreed);
                break;
            case WorldEventType.WithdrawalStarted:
                yield return (Dimensions.TroopPresence, e.Source, asserted ? DimensionStatus.Withdrawing : Pending(DimensionStatus.WithdrawalAnnounced, DimensionStatus.WithdrawalExpected, e.Modality));
                break;
            case WorldEventType.WithdrawalCompleted:
                yield return (Dimensions.TroopPresence, e.Source, e.Modality == Modality.Asserted ? DimensionStatus.Withdrawn : DimensionStatus.WithdrawalExpected);
                break;
            case WorldEventType.TroopsDeployed:
                yield return (Dimensions.TroopPresence, e.Source, e.Modality == Modality.Asserted ? DimensionStatus.Deployed : DimensionStatus.DeploymentPlanned);
                break;
            case WorldEventType.TroopPresenceReported:
                yield return (Dimensions.TroopPresence, e.Source, DimensionStatus.Present);
                break;
        }
    }

    /// <summary>Sanctions, talks, threats, envoys and membership (a visit sets no status: <see cref="Vocabulary.IsOneOff"/>).</summary>
    private static IEnumerable<(string Dimension, string? Side, DimensionStatus Status)> DiplomaticEffects(TimelineEntry e)
    {
        var asserted = e.Modality == Modality.Asserted;
        switch (e.Type)
        {
            case WorldEventType.SanctionsImposed:
                yield return (Dimensions.Sanctions, e.Source, asserted ? DimensionStatus.InForce : Pending(DimensionStatus.ImpositionAnnounced, DimensionStatus.ImpositionExpected, e.Modality));
                break;
            case WorldEventType.SanctionsInForce:
                yield return (Dimensions.Sanctions, e.Source, DimensionStatus.InForceObserved);
                break;
            case WorldEventType.SanctionsLifted:
                yield return (Dimensions.Sanctions, e.Source, e.Modality == Modality.Asserted ? DimensionStatus.Lifted : DimensionStatus.LiftingAnnounced);
                break;
            case WorldEventType.TalksOpened:
                yield return (Dimensions.Diplomatic, null, e.Modality == Modality.Asserted ? DimensionStatus.TalksOpened : DimensionStatus.TalksPlanned);
                break;
            case WorldEventType.ThreatOfForce:
                yield return (Dimensions.Diplomatic, null, DimensionStatus.ThreatOfForce);
                break;
            case WorldEventType.AmbassadorExpelled:
                yield return (Dimensions.Diplomatic, null, asserted ? DimensionStatus.AmbassadorExpelled : Pending(DimensionStatus.AmbassadorExpulsionAnnounced, DimensionStatus.AmbassadorExpulsionExpected, e.Modality));
                break;
            case WorldEventType.AmbassadorRecalled:
                yield return (Dimensions.Diplomatic, null, asserted ? DimensionStatus.AmbassadorRecalled : Pending(DimensionStatus.AmbassadorRecallAnnounced, DimensionStatus.AmbassadorRecallExpected, e.Modality));
                break;
            case WorldEventType.BlocExitAnnounced:
                yield return (Dimensions.Membership, e.Source, DimensionStatus.ExitAnnounced);
                break;
            case WorldEventType.BlocExited:
                yield return (Dimensions.Membership, e.Source, e.Modality == Modality.Asserted ? DimensionStatus.Exited : DimensionStatus.ExitExpected);
                break;
        }
    }

    /// <summary>
    /// One line per dimension, e.g. "security_cooperation: resumption_announced since 2023-12-13 (planned) — 2 sources".
    /// Expected statuses read "by" their date; undated ones say when they were first reported.
    /// </summary>
    public static IEnumerable<string> Describe(RelationshipState state)
    {
        foreach (var d in state.Dimensions)
        {
            var entries = d.EntryIds.Select(state.Entry).OfType<TimelineEntry>().ToList();
            var reports = entries.SelectMany(e => e.Reports).ToList();
            var sources = reports.Select(r => r.ArticleId).Distinct().Count();
            var establishing = state.Entry(d.EntryIds[0]);
            var when = establishing is { Undated: true } ? $"undated, reported by {establishing.PlacedOn:yyyy-MM-dd}"
                : (d.Modality == Modality.Expected ? "by " : "since ") + d.Since;
            var modality = d.Modality == Modality.Asserted ? "" : $" ({d.Modality.ToCode()})";
            var count = d.Count is { } c ? $", {c.ToString("N0", CultureInfo.InvariantCulture)} troops ({d.CountDate})" : "";
            var conflict = entries.Any(e => e.ConflictsWith.Count > 0) ? ", conflicting dates reported" : "";
            var detail = d.Detail is { } x && d.Dimension is Dimensions.Agreements or Dimensions.Diplomatic ? $" [{x}]" : "";
            if (d.IsContested)
            {
                var sides = string.Join(" vs ", d.Readings.Select(r =>
                    $"{r.Status} since {r.Since} ({r.IndependentSources} independent source{(r.IndependentSources == 1 ? "" : "s")}, confidence {r.Confidence.ToString("0.##", CultureInfo.InvariantCulture)})"));
                var decided = d.Prevailing is { } p ? $"{p} prevails ({RuleName(d.Rule)})" : $"undecided ({RuleName(d.Rule)})";
                yield return $"{d.Key}: {Contested} on {d.Since}: {sides}; {decided}{count} — {sources} source{(sources == 1 ? "" : "s")}";
                continue;
            }
            yield return $"{d.Key}: {d.Status} {when}{modality}{detail}{count}{conflict} — {sources} source{(sources == 1 ? "" : "s")}";
        }
        foreach (var e in state.Upcoming.Where(e => Vocabulary.IsOneOff(e.Type)))
        {
            var sources = e.Reports.Select(r => r.ArticleId).Distinct().Count();
            yield return $"upcoming {e.Type.Code()} {(e.Modality == Modality.Expected ? "by" : "on")} {e.Date} ({e.Modality.ToCode()}) — {sources} source{(sources == 1 ? "" : "s")}";
        }
        foreach (var e in state.Upcoming)
        foreach (var (dimension, side, status) in Effects(state.Pair, e))
        {
            var sources = e.Reports.Select(r => r.ArticleId).Distinct().Count();
            yield return $"upcoming {(side is null ? dimension : $"{dimension}:{side}")}: {status} {(e.Modality == Modality.Expected ? "by" : "on")} {e.Date} ({e.Modality.ToCode()}) — {sources} source{(sources == 1 ? "" : "s")}";
        }
    }

    /// <summary>The rule's name as the JSON and the command line write it, e.g. "corroborated_transition_stands".</summary>
    public static string RuleName(DecidedBy rule) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(rule.ToString());

    public static string Words(string status) => status.Replace("_observed", "").Replace('_', ' ');
}
