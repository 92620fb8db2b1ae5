using System.Runtime.InteropServices;

namespace Monitoring.Domain.Relationships;

/// <summary>
/// A relationship's history grouped once into timeline entries, so that a question on the three clocks is a cut of that
/// grouping rather than a regrouping and refolding of every report. It answers exactly as <see cref="Relationship.StateOf"/>
/// and <see cref="Relationship.Timeline"/> do on the same reports:
/// <see cref="Corroboration.Group"/> takes reports in reading order (by publication, then content) and each joins the
/// first group all of whose members are the same event, so the grouping of a reading-order prefix is the full grouping
/// restricted to that prefix. The reports published by a date are always such a prefix; those recorded by a time are one
/// when recording followed publication (news as it comes). Any other cut (an archive imported out of order, asked
/// mid-import) is still a cut of the grouping where reports only ever join one group ("same event" links no report to
/// another group: the group is its own component) or where the known reports of a tangled component are a prefix of it;
/// otherwise that component's reports are grouped again from its first unknown one on (before it, the grouping is the
/// full one's), and where a report id repeats the question is answered by the from-scratch fold. A supersession stops reports counting from its recorded time on:
/// each set of supersessions in force (an epoch) has its own grouping, made when a question first needs it.
/// Reports can be added as the store records them; questions and additions may come from several threads.
/// </summary>
public sealed class HistoryIndex
{
    /// <summary>Groupings kept for past sets of supersessions (a re-extraction makes one per recorded time).</summary>
    private const int EpochsKept = 4;

    private readonly object _gate = new();
    private readonly List<RecordedEvent> _history = [];
    private readonly List<ExtractionSuperseded> _supersessions = [];
    private readonly HashSet<Guid> _ids = [];
    private bool _repeatedIds;
    // The reports about the pair, in reading order (the order Corroboration.Group takes).
    private readonly List<Report> _concerned = [];
    private readonly HashSet<(string ArticleId, string Version)> _versions = [];
    // The supersessions that stop one of the pair's reports counting, by recorded time: the epochs' boundaries.
    private List<ExtractionSuperseded> _relevant = [];
    private readonly Dictionary<int, Grouping> _epochs = [];

    public HistoryIndex(ActorPair pair) => Pair = pair;

    public ActorPair Pair { get; }

    /// <summary>How many reports (the pair's and its countries') the index holds.</summary>
    public int Reports
    {
        get { lock (_gate) return _history.Count; }
    }

    public static HistoryIndex Of(ActorPair pair, IEnumerable<RecordedEvent> history, IEnumerable<ExtractionSuperseded> supersessions)
    {
        var index = new HistoryIndex(pair);
        index.Add(history, supersessions);
        return index;
    }

    /// <summary>Adds newly recorded reports and supersessions (any order; reports later in store order are cheapest).</summary>
    public void Add(IEnumerable<RecordedEvent> reports, IEnumerable<ExtractionSuperseded> supersessions)
    {
        lock (_gate)
        {
            var appended = new List<Report>();
            var reordered = false;
            foreach (var r in reports)
            {
                _history.Add(r);
                if (!_ids.Add(r.EventId)) _repeatedIds = true;
                if (!Relationship.Concerns(Pair, r.Event)) continue;
                var report = new Report(r);
                if (_concerned.Count > 0 && ReadingOrder(_concerned[^1], report) >= 0) reordered = true;
                _concerned.Add(report);
                appended.Add(report);
                _versions.Add((r.ArticleId, r.ExtractorVersion));
            }
            _supersessions.AddRange(supersessions);
            var relevant = _supersessions
                .Where(s => _versions.Contains((s.ArticleId, s.SupersededVersion)))
                .OrderBy(s => s.RecordedAt).ThenBy(s => s.Sequence)
                .ToList();
            if (reordered) _concerned.Sort(ReadingOrder);
            if (!relevant.SequenceEqual(_relevant))
            {
                // A new set of epochs: regroup when next asked.
                _relevant = relevant;
                _epochs.Clear();
                return;
            }
            if (reordered)
            {
                // Reports read before some already grouped (published earlier, or the same day and read first): each grouping
                // is cut back to where the first of them goes and the rest is grouped again from there, as a fresh grouping
                // would (news arrives near the end of reading order, so little is regrouped).
                var first = appended.Aggregate((a, b) => ReadingOrder(a, b) <= 0 ? a : b);
                var from = _concerned.IndexOf(first);
                foreach (var grouping in _epochs.Values) grouping.RegroupFrom(first, _concerned, from);
                return;
            }
            foreach (var grouping in _epochs.Values)
            foreach (var report in appended)
                if (!grouping.Superseded.Contains((report.Recorded.ArticleId, report.Recorded.ExtractorVersion)))
                    grouping.Append(report);
        }
    }

    /// <summary>The same answer as <see cref="Relationship.StateOf(ActorPair, IEnumerable{RecordedEvent}, IEnumerable{ExtractionSuperseded}, Clocks)"/> on the reports and supersessions added.</summary>
    public RelationshipState StateOf(Clocks clocks)
    {
        var asOf = clocks.AsOf;
        lock (_gate)
        {
            var cut = CutAt(clocks);
            if (cut is null) return Relationship.StateOf(Pair, _history, _supersessions, clocks);
            var (grouping, known) = cut.Value;
            if (known.Mask is null) return grouping.Folded(known.Prefix).StateOf(Pair, clocks);
            var timeline = grouping.Timeline(known);
            var placed = timeline.Count;
            if (asOf is { } day)
            {
                // The timeline is in valid-time order: the entries placed by asOf are a prefix of it.
                var (lo, hi) = (0, timeline.Count);
                while (lo < hi)
                {
                    var mid = (lo + hi) / 2;
                    if (timeline[mid].Entry.PlacedOn <= day) lo = mid + 1;
                    else hi = mid;
                }
                placed = lo;
            }
            var entries = new List<TimelineEntry>(placed);
            for (var i = 0; i < placed; i++) entries.Add(timeline[i].Entry);
            var upcoming = new List<TimelineEntry>();
            if (asOf is { } d)
                for (var i = placed; i < timeline.Count; i++)
                    if (timeline[i].Entry.Modality != Modality.Asserted && timeline[i].Published <= d) upcoming.Add(timeline[i].Entry);
            var dimensions = Relationship.FoldInOrder(CollectionsMarshal.AsSpan(timeline)[..placed], grouping.Slots.Count);
            return new RelationshipState(Pair, clocks, dimensions, entries, upcoming);
        }
    }

    /// <summary>The same answer as <see cref="Relationship.Timeline(ActorPair, IEnumerable{RecordedEvent}, IEnumerable{ExtractionSuperseded}, Clocks)"/> on the reports and supersessions added.</summary>
    public IReadOnlyList<TimelineEntry> Timeline(Clocks clocks)
    {
        lock (_gate)
        {
            var cut = CutAt(clocks);
            if (cut is null) return Relationship.Timeline(Pair, _history, _supersessions, clocks);
            var (grouping, known) = cut.Value;
            if (known.Mask is null) return grouping.Folded(known.Prefix).Placed(clocks.AsOf);
            var timeline = grouping.Timeline(known);
            var entries = new List<TimelineEntry>(timeline.Count);
            foreach (var step in timeline)
                if (clocks.AsOf is not { } day || step.Entry.PlacedOn <= day) entries.Add(step.Entry);
            return entries;
        }
    }

    /// <summary>
    /// The grouping of the epoch in force at the recorded clock and how many of its reports are known on the publication
    /// and recorded clocks, or null when those reports are not a prefix of it (then only the from-scratch fold is exact).
    /// </summary>
    private (Grouping Grouping, Cut Known)? CutAt(Clocks clocks)
    {
        if (_repeatedIds) return null;
        var recordedAt = clocks.RecordedAt;
        var epoch = recordedAt is null ? _relevant.Count : _relevant.Count(s => s.RecordedAt <= recordedAt);
        if (!_epochs.TryGetValue(epoch, out var grouping))
        {
            if (_epochs.Count >= EpochsKept) _epochs.Remove(_epochs.Keys.First(e => e != _relevant.Count));
            var superseded = _relevant.Take(epoch).Select(s => (s.ArticleId, s.SupersededVersion)).ToHashSet();
            grouping = new Grouping(Pair, superseded);
            foreach (var report in _concerned)
                if (!superseded.Contains((report.Recorded.ArticleId, report.Recorded.ExtractorVersion)))
                    grouping.Append(report);
            _epochs[epoch] = grouping;
        }
        return (grouping, grouping.KnownAt(clocks.KnownAt, recordedAt));
    }

    private static int MonthOf(DateOnly day) => day.Year * 12 + day.Month;

    private static int ReadingOrder(Report a, Report b) => Corroboration.ReadingOrder(a.Recorded, a.Content, b.Recorded, b.Content);

    /// <summary>One report with what grouping compares, computed once.</summary>
    private sealed class Report
    {
        public readonly RecordedEvent Recorded;
        public readonly string Key;
        /// <summary>What it says (<see cref="Corroboration.ContentKey"/>): its place in reading order and the id of the entry it starts.</summary>
        public readonly string Content;
        public readonly DateOnly Published;
        public readonly string[] Parties;
        public readonly HashSet<string> Families;
        /// <summary>The year of a dated report: reports of one event that are dated share their year.</summary>
        public readonly int? Year;
        /// <summary>
        /// The month (year × 12 + month) of a report dated to the day or the month: two such reports of one event share it
        /// (<see cref="Corroboration.DatesCompatible"/> compares them at the coarser precision); null when dated to the year only.
        /// </summary>
        public readonly int? Month;
        /// <summary>The first and last day of a dated report's period (day numbers).</summary>
        public readonly int Earliest, Latest;

        public Report(RecordedEvent recorded)
        {
            Recorded = recorded;
            Content = Corroboration.ContentKey(recorded);
            Published = recorded.PublishedOn;
            var e = recorded.Event;
            Parties = e.Parties.Order(StringComparer.Ordinal).ToArray();
            Key = $"{e.Type}|{e.Source}|{e.Target}|{string.Join(",", Parties)}";
            Families = Corroboration.AreaFamilies(e.Area);
            if (e.Date.Precision != DatePrecision.Unknown)
            {
                Year = e.Date.Value!.Value.Year;
                if (e.Date.Precision is DatePrecision.Day or DatePrecision.Month) Month = MonthOf(e.Date.Value.Value);
                (Earliest, Latest) = (e.Date.Earliest!.Value.DayNumber, e.Date.Latest!.Value.DayNumber);
            }
        }

        /// <summary><see cref="Corroboration.SameEvent"/>, with the parties sorted and the area families read once.</summary>
        public bool SameEvent(Report other)
        {
            var (a, b) = (Recorded.Event, other.Recorded.Event);
            return Corroboration.DatesCompatible(a.Date, b.Date)
                && a.Type == b.Type && a.Source == b.Source && a.Target == b.Target
                && Parties.AsSpan().SequenceEqual(other.Parties)
                && (a.Area is null || b.Area is null || Families.Overlaps(other.Families))
                && (a.Count is null || b.Count is null || a.Count == b.Count);
        }
    }

    /// <summary>A timeline entry built from a group's first reports, with what the fold and the cut need of it.</summary>
    private sealed class Version(TimelineEntry entry, Relationship.Effect[] effects, DateOnly published)
    {
        public readonly TimelineEntry Entry = entry;
        public readonly Relationship.Effect[] Effects = effects;
        /// <summary>The earliest publication among its reports: an announced entry is upcoming from then on.</summary>
        public readonly DateOnly Published = published;
        public Dictionary<Version, bool>? Conflicts;
        /// <summary>The entry naming given conflicting groups, made once per set of them (usually one or two sets).</summary>
        public List<(int[] Groups, TimelineEntry Entry)>? Named;

        public bool ConflictsWith(Version other)
        {
            Conflicts ??= new Dictionary<Version, bool>(ReferenceEqualityComparer.Instance);
            if (!Conflicts.TryGetValue(other, out var conflicting)) Conflicts[other] = conflicting = Corroboration.Conflicting(Entry, other.Entry);
            return conflicting;
        }
    }

    /// <summary>
    /// One group of reports of the same event. Its members never change once added, so the entry made from its first
    /// n reports (the entry as known while only those were recorded) is made once and kept.
    /// </summary>
    private sealed class Group(int index, string key)
    {
        public readonly int Index = index;
        public readonly string Key = key;
        public readonly List<int> Members = [];
        public int? Year;
        /// <summary>The month its reports dated to the day or the month share (all its reports are the same event), if any.</summary>
        public int? Month;
        // The days any of its dated reports covers: whatever reports are known, a dated entry's period lies within.
        public int Earliest = int.MaxValue, Latest = int.MinValue;
        public bool Dated => Earliest <= Latest;
        // The groups it may conflict with, by group index (the order entries name them in).
        public Group[] Rivals = [];
        private readonly List<Version?> _versions = [];

        public int First => Members[0];

        /// <summary>The id of its entry however many of its reports are known: that of its first report.</summary>
        public string Id = "";
        public int Last => Members[^1];

        public void Add(int report, Report r)
        {
            Members.Add(report);
            if (r.Year is null) return;
            Year = r.Year;
            Month = r.Month ?? Month;
            Earliest = Math.Min(Earliest, r.Earliest);
            Latest = Math.Max(Latest, r.Latest);
        }

        /// <summary>How many of its reports are among the first <paramref name="known"/> of the grouping.</summary>
        public int KnownOf(int known)
        {
            if (Last < known) return Members.Count;
            var found = Members.BinarySearch(known);
            return found >= 0 ? found : ~found;
        }

        private Dictionary<ulong, Version>? _byMask;

        /// <summary>Drops its members from report <paramref name="from"/> on; its entries made of the first ones stay valid.</summary>
        public void CutBack(int from, List<Report> reports)
        {
            var keep = Members.FindIndex(m => m >= from);
            if (keep >= 0) Members.RemoveRange(keep, Members.Count - keep);
            (Year, Month, Earliest, Latest) = (null, null, int.MaxValue, int.MinValue);
            foreach (var m in Members)
            {
                var r = reports[m];
                if (r.Year is null) continue;
                Year = r.Year;
                Month = r.Month ?? Month;
                Earliest = Math.Min(Earliest, r.Earliest);
                Latest = Math.Max(Latest, r.Latest);
            }
            if (_versions.Count > Members.Count + 1) _versions.RemoveRange(Members.Count + 1, _versions.Count - Members.Count - 1);
            _byMask = null;
            ForgetNames();
        }

        /// <summary>
        /// Drops the entries made naming conflicting groups: they name groups by index, and a regrouping gives the indexes
        /// again to groups made anew (with other ids), also the rivals of groups it left whole.
        /// </summary>
        public void ForgetNames()
        {
            foreach (var v in _versions) if (v is not null) v.Named = null;
            if (_byMask is not null) foreach (var v in _byMask.Values) v.Named = null;
        }

        /// <summary>The entry as known when only the members whose bits are set in <paramref name="known"/> are (at most 64 members).</summary>
        public Version Of(ulong known, int count, Grouping owner)
        {
            if (count == Members.Count || known == (1UL << count) - 1) return At(count, owner);
            _byMask ??= [];
            if (_byMask.TryGetValue(known, out var made)) return made;
            var reports = new List<RecordedEvent>(count);
            string? id = null;
            for (var i = 0; i < Members.Count; i++)
                if ((known & (1UL << i)) != 0)
                {
                    id ??= Corroboration.EntryIdOf(owner.Reports[Members[i]].Content);
                    reports.Add(owner.Reports[Members[i]].Recorded);
                }
            var entry = Corroboration.ToEntry(reports, id);
            if (_byMask.Count >= 64) _byMask.Clear();
            return _byMask[known] = new Version(entry, Relationship.EffectsOf(owner.Pair, entry, owner.Slots), entry.FirstPublished);
        }

        /// <summary>The entry as known when only its members set in <paramref name="mask"/> are, for a group too large for a bit key (not kept).</summary>
        public Version Of(bool[] mask, Grouping owner)
        {
            var reports = new List<RecordedEvent>();
            string? id = null;
            foreach (var m in Members)
                if (mask[m])
                {
                    id ??= Corroboration.EntryIdOf(owner.Reports[m].Content);
                    reports.Add(owner.Reports[m].Recorded);
                }
            var entry = Corroboration.ToEntry(reports, id);
            return new Version(entry, Relationship.EffectsOf(owner.Pair, entry, owner.Slots), entry.FirstPublished);
        }

        public Version At(int count, Grouping owner)
        {
            while (_versions.Count <= count) _versions.Add(null);
            if (_versions[count] is { } made) return made;
            var reports = new List<RecordedEvent>(count);
            for (var i = 0; i < count; i++) reports.Add(owner.Reports[Members[i]].Recorded);
            var entry = Corroboration.ToEntry(reports, Id);
            var published = entry.FirstPublished;
            return _versions[count] = new Version(entry, Relationship.EffectsOf(owner.Pair, entry, owner.Slots), published);
        }
    }

    /// <summary>
    /// The groups of one identity (type and actors), and the same indexed by year and by month: a dated report can only join
    /// a group whose dated reports are of its year (dates of one event agree at least on the year), or one with none dated;
    /// one dated to the day or the month, only a group whose reports so dated are of its month, or one with none so dated.
    /// So a report is compared with the few groups it could join, not with every group of its identity and year.
    /// </summary>
    private sealed class Identity
    {
        public readonly List<Group> All = [];
        private readonly Dictionary<int, List<Group>> _byYear = [];
        // Groups with a report dated to the day or the month, by that month; dated groups without one, by year.
        private readonly Dictionary<int, List<Group>> _byMonth = [];
        private readonly Dictionary<int, List<Group>> _yearOnly = [];
        private readonly List<Group> _undated = [];

        /// <summary>Holds <paramref name="groups"/> (in the order they were made) and nothing else.</summary>
        public void Reset(IEnumerable<Group> groups)
        {
            All.Clear();
            _byYear.Clear();
            _byMonth.Clear();
            _yearOnly.Clear();
            _undated.Clear();
            foreach (var g in groups)
            {
                All.Add(g);
                if (g.Year is not { } year) _undated.Add(g);
                else
                {
                    ListOf(_byYear, year).Add(g);
                    if (g.Month is { } month) ListOf(_byMonth, month).Add(g);
                    else ListOf(_yearOnly, year).Add(g);
                }
            }
        }

        private static List<Group> ListOf(Dictionary<int, List<Group>> lists, int key)
        {
            if (!lists.TryGetValue(key, out var list)) lists[key] = list = [];
            return list;
        }

        private static readonly List<Group> None = [];

        /// <summary>Corroboration.Group's rule: the first group (in the order groups were made) all of whose reports are the same event.</summary>
        public Group? Home(Report r, List<Report> reports)
        {
            if (r.Year is not { } year)
            {
                foreach (var g in All) if (Joins(g, r, reports)) return g;
                return null;
            }
            // The candidates, each list in the order groups were made, walked merged in that order.
            var (a, b) = r.Month is { } month
                ? (_byMonth.GetValueOrDefault(month, None), _yearOnly.GetValueOrDefault(year, None))
                : (_byYear.GetValueOrDefault(year, None), None);
            var (i, j, k) = (0, 0, 0);
            while (i < a.Count || j < b.Count || k < _undated.Count)
            {
                var g = (i < a.Count ? a[i] : null, j < b.Count ? b[j] : null, k < _undated.Count ? _undated[k] : null) switch
                {
                    var (x, y, z) when x is not null && (y is null || x.Index < y.Index) && (z is null || x.Index < z.Index) => a[i++],
                    var (_, y, z) when y is not null && (z is null || y.Index < z.Index) => b[j++],
                    _ => _undated[k++],
                };
                if (Joins(g, r, reports)) return g;
            }
            return null;
        }

        public void Add(Group g, int report, Report r)
        {
            var (wasDated, hadMonth) = (g.Year is not null, g.Month is not null);
            if (g.Members.Count == 0)
            {
                All.Add(g);
                if (r.Year is null) _undated.Add(g);
            }
            else if (!wasDated && r.Year is not null) _undated.Remove(g);
            g.Add(report, r);
            if (g.Year is not { } year) return;
            if (!wasDated) InsertInOrder(ListOf(_byYear, year), g);
            if (g.Month is { } month)
            {
                if (hadMonth) return;
                if (wasDated) _yearOnly[year].Remove(g);
                InsertInOrder(ListOf(_byMonth, month), g);
            }
            else if (!wasDated) InsertInOrder(ListOf(_yearOnly, year), g);
        }

        private static void InsertInOrder(List<Group> list, Group g) => list.Insert(list.FindLastIndex(x => x.Index < g.Index) + 1, g);

        private static bool Joins(Group g, Report r, List<Report> reports)
        {
            foreach (var m in g.Members)
                if (!reports[m].SameEvent(r)) return false;
            return true;
        }
    }

    /// <summary>
    /// The timeline of a cut on the publication clock (everything known, or what was published by a day), with the fold kept
    /// every <see cref="Interval"/> entries: the questions on that cut (the state now, or as of any date) fold only the
    /// entries after the nearest copy, so their cost does not grow with the pair's history. Made when first asked after a
    /// change, then only read (questions on one index take turns, so it needs no lock of its own).
    /// </summary>
    private sealed class FoldedTimeline
    {
        private const int Interval = 256;
        private readonly Relationship.Step[] _steps;
        private readonly TimelineEntry[] _entries;
        private readonly DateOnly[] _placed;
        // The fold after the first k × Interval entries.
        private readonly Relationship.Folder[] _folds;
        // The entries that are not asserted (announced, planned...): only they can be upcoming.
        private readonly int[] _announced;

        public FoldedTimeline(List<Relationship.Step> timeline, int slots)
        {
            _steps = [.. timeline];
            _entries = _steps.Select(s => s.Entry).ToArray();
            _placed = _entries.Select(e => e.PlacedOn).ToArray();
            _announced = Enumerable.Range(0, _steps.Length).Where(i => _entries[i].Modality != Modality.Asserted).ToArray();
            _folds = new Relationship.Folder[_steps.Length / Interval + 1];
            var folder = new Relationship.Folder(slots);
            _folds[0] = folder.Copy();
            for (var k = 1; k < _folds.Length; k++)
            {
                folder.Apply(_steps.AsSpan((k - 1) * Interval, Interval));
                _folds[k] = folder.Copy();
            }
        }

        /// <summary>How many entries are placed by <paramref name="asOf"/> (the timeline is in valid-time order).</summary>
        private int PlacedBy(DateOnly? asOf)
        {
            if (asOf is not { } day) return _steps.Length;
            var (lo, hi) = (0, _placed.Length);
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (_placed[mid] <= day) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }

        public IReadOnlyList<TimelineEntry> Placed(DateOnly? asOf) => new ArraySegment<TimelineEntry>(_entries, 0, PlacedBy(asOf));

        public RelationshipState StateOf(ActorPair pair, Clocks clocks)
        {
            var placed = PlacedBy(clocks.AsOf);
            var nearest = placed / Interval;
            var folder = _folds[nearest].Copy();
            folder.Apply(_steps.AsSpan(nearest * Interval, placed - nearest * Interval));
            var upcoming = new List<TimelineEntry>();
            if (clocks.AsOf is { } d)
            {
                var from = Array.BinarySearch(_announced, placed);
                for (var i = from >= 0 ? from : ~from; i < _announced.Length; i++)
                    if (_steps[_announced[i]].Published <= d) upcoming.Add(_entries[_announced[i]]);
            }
            return new RelationshipState(pair, clocks, folder.Result(), new ArraySegment<TimelineEntry>(_entries, 0, placed), upcoming);
        }
    }

    /// <summary>The reports known at a question: the first <see cref="Prefix"/> in reading order, or those set in <see cref="Mask"/>.</summary>
    private readonly record struct Cut(int Prefix, bool[]? Mask);

    /// <summary>The reports that count in one epoch, grouped in reading order, and the cuts of that grouping.</summary>
    private sealed class Grouping(ActorPair pair, HashSet<(string ArticleId, string Version)> superseded)
    {
        public readonly ActorPair Pair = pair;
        public readonly HashSet<(string ArticleId, string Version)> Superseded = superseded;
        public readonly List<Report> Reports = [];
        /// <summary>The dimensions' numbers, shared by every entry's effects.</summary>
        public readonly Dictionary<string, int> Slots = [];
        private readonly List<Group> _groups = [];
        private readonly Dictionary<string, Identity> _byKey = [];
        // The latest recorded time among the first i + 1 reports.
        private readonly List<DateTimeOffset> _latestRecorded = [];
        // The groups in timeline order of their complete entries, and the keys whose rivals must be found again.
        private Placed[]? _order;
        private readonly HashSet<string> _changedKeys = [];
        private readonly List<(int At, Version Version)> _versions = [], _partial = [], _merged = [];
        private readonly List<Relationship.Step> _timeline = [];
        private readonly List<int> _named = [];

        /// <summary>How many cuts are kept folded: everything known, and the publication days last asked (an analyst moving the
        /// as-of date at a fixed known-at date asks one cut again and again).</summary>
        private const int CutsKept = 4;

        private readonly List<(int Prefix, FoldedTimeline Timeline)> _folded = [];

        /// <summary>The timeline of the first <paramref name="prefix"/> reports in reading order, folded once (kept while nothing is added).</summary>
        public FoldedTimeline Folded(int prefix)
        {
            var at = _folded.FindIndex(f => f.Prefix == prefix);
            if (at >= 0) return _folded[at].Timeline;
            var made = new FoldedTimeline(Timeline(new Cut(prefix, null)), Slots.Count);
            // Everything known stays; the others go oldest first.
            if (_folded.Count >= CutsKept) _folded.RemoveAt(_folded.FindIndex(f => f.Prefix != Reports.Count));
            _folded.Add((prefix, made));
            return made;
        }

        /// <summary>
        /// Cuts the grouping back to the reports read before <paramref name="first"/> and groups again every report of
        /// <paramref name="concerned"/> from <paramref name="from"/> on (where <paramref name="first"/> is) that counts in this epoch.
        /// </summary>
        public void RegroupFrom(Report first, List<Report> concerned, int from)
        {
            var (lo, hi) = (0, Reports.Count);
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (ReadingOrder(Reports[mid], first) < 0) lo = mid + 1;
                else hi = mid;
            }
            var cut = lo;
            var keys = new HashSet<string>();
            for (var i = cut; i < Reports.Count; i++) keys.Add(Reports[i].Key);
            Reports.RemoveRange(cut, Reports.Count - cut);
            _latestRecorded.RemoveRange(cut, _latestRecorded.Count - cut);
            var made = _groups.FindIndex(g => g.First >= cut);
            if (made >= 0) _groups.RemoveRange(made, _groups.Count - made);
            foreach (var g in _groups)
                if (g.Last >= cut) g.CutBack(cut, Reports);
                else g.ForgetNames();
            foreach (var key in keys)
            {
                var remaining = _groups.Where(g => g.Key == key).ToList();
                if (remaining.Count == 0) _byKey.Remove(key);
                else _byKey[key].Reset(remaining);
            }
            (_order, _components) = (null, null);
            _folded.Clear();
            _changedKeys.UnionWith(keys);
            for (var i = from; i < concerned.Count; i++)
                if (!Superseded.Contains((concerned[i].Recorded.ArticleId, concerned[i].Recorded.ExtractorVersion)))
                    Append(concerned[i]);
        }

        public void Append(Report r)
        {
            var i = Reports.Count;
            Reports.Add(r);
            var recorded = r.Recorded.RecordedAt;
            _latestRecorded.Add(i == 0 || recorded > _latestRecorded[^1] ? recorded : _latestRecorded[^1]);
            _order = null;
            _components = null;
            _folded.Clear();
            _changedKeys.Add(r.Key);
            if (!_byKey.TryGetValue(r.Key, out var identity)) _byKey[r.Key] = identity = new Identity();
            var home = identity.Home(r, Reports);
            if (home is null)
            {
                home = new Group(_groups.Count, r.Key) { Id = Corroboration.EntryIdOf(r.Content) };
                _groups.Add(home);
            }
            identity.Add(home, i, r);
        }

        /// <summary>
        /// How many reports are known on the publication clock (<paramref name="knownAt"/>) and the recorded clock
        /// (<paramref name="recordedAt"/>), or null when the known ones are not a prefix. Reading order is by publication,
        /// so the reports published by a date are always a prefix; those also recorded by a time must be a prefix of it.
        /// </summary>
        public Cut KnownAt(DateOnly? knownAt, DateTimeOffset? recordedAt)
        {
            var published = Reports.Count;
            if (knownAt is { } day)
            {
                var (lo, hi) = (0, Reports.Count);
                while (lo < hi)
                {
                    var mid = (lo + hi) / 2;
                    if (Reports[mid].Published <= day) lo = mid + 1;
                    else hi = mid;
                }
                published = lo;
            }
            if (recordedAt is not { } t) return new Cut(published, null);
            var (from, to) = (0, published);
            while (from < to)
            {
                var mid = (from + to) / 2;
                if (_latestRecorded[mid] <= t) from = mid + 1;
                else to = mid;
            }
            // The first `from` are all recorded by t; when the rest of the published prefix was recorded later, a prefix.
            var prefix = true;
            for (var i = from; i < published && prefix; i++)
                if (Reports[i].Recorded.RecordedAt <= t) prefix = false;
            if (prefix) return new Cut(from, null);
            var mask = new bool[Reports.Count];
            for (var i = 0; i < published; i++) mask[i] = i < from || Reports[i].Recorded.RecordedAt <= t;
            return new Cut(published, mask);
        }

        /// <summary>
        /// The timeline of the reports inside the cut: what Corroboration.Group makes of them. The list is
        /// the grouping's own, valid until the next question.
        /// </summary>
        public List<Relationship.Step> Timeline(Cut cut)
        {
            var order = Order();
            if (cut.Mask is { } mask) return Timeline(order, mask);
            var known = cut.Prefix;
            // Walked as a flat array: a question touches a group's objects only when it is known, or may conflict.
            // The lists are reused from question to question (questions on one index take turns): a timeline of
            // thousands of entries would otherwise be a large allocation per question.
            var versions = _versions;
            versions.Clear();
            _partial.Clear();
            for (var at = 0; at < order.Length; at++)
            {
                ref readonly var p = ref order[at];
                if (p.First >= known) continue;
                if (p.Last >= known) _partial.Add((at, p.Group.At(p.Group.KnownOf(known), this)));
                else versions.Add((at, p.Complete));
            }
            if (_partial.Count > 0)
            {
                // Groups only partly known sit where their entry as then known sorts, merged into the rest.
                _partial.Sort((x, y) => TimelineOrder(order[x.At].Group, x.Version, order[y.At].Group, y.Version));
                _merged.Clear();
                var (i, j) = (0, 0);
                while (i < versions.Count || j < _partial.Count)
                    _merged.Add(j == _partial.Count || (i < versions.Count && TimelineOrder(order[versions[i].At].Group, versions[i].Version, order[_partial[j].At].Group, _partial[j].Version) < 0)
                        ? versions[i++] : _partial[j++]);
                versions = _merged;
            }
            var timeline = _timeline;
            timeline.Clear();
            var named = _named;
            foreach (var (at, v) in versions)
            {
                ref readonly var p = ref order[at];
                named.Clear();
                var complete = p.Last < known;
                foreach (ref readonly var rival in p.Rivals.AsSpan())
                {
                    if (rival.First >= known) continue;
                    // Two complete entries conflict or not once and for all; an entry partly known is compared as it stands.
                    var conflicting = complete && rival.Last < known
                        ? rival.CompleteConflict
                        : v.ConflictsWith(_groups[rival.Index].At(_groups[rival.Index].KnownOf(known), this));
                    if (conflicting) named.Add(rival.Index);
                }
                timeline.Add(new Relationship.Step(named.Count == 0 ? v.Entry : Naming(v, named), v.Effects, v.Published));
            }
            return timeline;
        }

        /// <summary>
        /// The timeline of the reports set in <paramref name="mask"/>. Groups linked to no other are cut as they stand (any
        /// of their reports known make one entry); a tangled component known as a prefix of it is cut as well; one known
        /// otherwise is grouped again on its own, as Corroboration.Group would (grouping never crosses components), and the
        /// entries of its identity are compared for conflicting dates afresh.
        /// </summary>
        private List<Relationship.Step> Timeline(Placed[] order, bool[] mask)
        {
            var regrouped = new List<Component>();
            foreach (var component in Components())
            {
                var gap = false;
                foreach (var i in component.Members)
                {
                    if (!mask[i]) gap = true;
                    else if (gap) { regrouped.Add(component); break; }
                }
            }
            var loose = regrouped.Count == 0 ? null : regrouped.SelectMany(c => c.Groups).ToHashSet();
            var redated = regrouped.Count == 0 ? null : regrouped.Select(c => c.Groups[0].Key).ToHashSet();
            var bits = _bits.Length >= _groups.Count ? _bits : _bits = new ulong[_groups.Count];
            var counts = _counts.Length >= _groups.Count ? _counts : _counts = new int[_groups.Count];
            var scattereds = _scattered.Length >= _groups.Count ? _scattered : _scattered = new bool[_groups.Count];
            foreach (var g in _groups)
            {
                var (b, n, gap, scattered) = (0UL, 0, false, false);
                var regroupedHere = loose?.Contains(g) == true;
                for (var i = 0; i < g.Members.Count; i++)
                {
                    if (!mask[g.Members[i]]) { gap = true; continue; }
                    scattered |= gap;
                    if (i < 64) b |= 1UL << i;
                    n++;
                }
                (bits[g.Index], counts[g.Index], scattereds[g.Index]) = (b, regroupedHere ? 0 : n, scattered);
            }
            // A group too large for a bit key: its entry as known is cached only when its known members are its first ones.
            Version VersionOf(Group g) => counts[g.Index] == g.Members.Count ? Complete(g)
                : g.Members.Count <= 64 ? g.Of(bits[g.Index], counts[g.Index], this)
                : scattereds[g.Index] ? g.Of(mask, this) : g.At(counts[g.Index], this);
            var versions = _versions;
            versions.Clear();
            _partial.Clear();
            for (var at = 0; at < order.Length; at++)
            {
                var g = order[at].Group;
                if (counts[g.Index] == 0) continue;
                if (counts[g.Index] < g.Members.Count) _partial.Add((at, VersionOf(g)));
                else versions.Add((at, order[at].Complete));
            }
            // The regrouped components' entries, placed among the others as partly known groups are (at -1: no group).
            var made = Regrouped(regrouped, mask);
            if (_partial.Count > 0 || made.Count > 0)
            {
                foreach (var v in made) _partial.Add((-1, v));
                _partial.Sort((x, y) => Order(order, x, y));
                _merged.Clear();
                var (i, j) = (0, 0);
                while (i < versions.Count || j < _partial.Count)
                    _merged.Add(j == _partial.Count || (i < versions.Count && Order(order, versions[i], _partial[j]) < 0) ? versions[i++] : _partial[j++]);
                versions = _merged;
            }
            // Conflicting dates within the identities regrouped: compared afresh among the entries as now known.
            var names = redated is null ? null : ConflictsAmong(redated, versions, order);
            var timeline = _timeline;
            timeline.Clear();
            var named = _namedIds;
            foreach (var (at, v) in versions)
            {
                named.Clear();
                if (names is not null && names.TryGetValue(v.Entry, out var found)) named.AddRange(found);
                else if (at >= 0 && redated?.Contains(order[at].Group.Key) != true)
                {
                    ref readonly var p = ref order[at];
                    var complete = counts[p.Group.Index] == p.Group.Members.Count;
                    foreach (ref readonly var rival in p.Rivals.AsSpan())
                    {
                        var other = _groups[rival.Index];
                        if (counts[other.Index] == 0) continue;
                        var otherComplete = counts[other.Index] == other.Members.Count;
                        var version = VersionOf(other);
                        if (complete && otherComplete ? rival.CompleteConflict : v.ConflictsWith(version)) named.Add(version.Entry.Id);
                    }
                }
                timeline.Add(new Relationship.Step(named.Count == 0 ? v.Entry : v.Entry with { ConflictsWith = named.Order(StringComparer.Ordinal).ToList() },
                    v.Effects, v.Published));
            }
            return timeline;
        }

        /// <summary>
        /// The entries of components whose known reports are no longer a prefix: grouped afresh from what the mask knows.
        /// Up to the component's first unknown report the known ones are a reading-order prefix, grouped as the full grouping
        /// groups them; from there each known report joins the first group (in the order groups were made) all of whose
        /// known reports are the same event, found among the candidates of its month and year as in the full grouping.
        /// A group that gains no report after that point keeps its entry as then known.
        /// </summary>
        private List<Version> Regrouped(List<Component> regrouped, bool[] mask)
        {
            var made = new List<Version>();
            foreach (var component in regrouped)
            {
                var gap = component.Members.First(i => !mask[i]);
                var identity = new Identity();
                var groups = new List<(Group Local, Group? Full)>();
                foreach (var g in component.Groups)
                {
                    if (g.First >= gap) continue;
                    var local = new Group(groups.Count, g.Key) { Id = g.Id };
                    foreach (var m in g.Members)
                    {
                        if (m >= gap) break;
                        local.Add(m, Reports[m]);
                    }
                    groups.Add((local, g));
                }
                identity.Reset(groups.Select(x => x.Local));
                var grown = new HashSet<Group>(ReferenceEqualityComparer.Instance);
                foreach (var i in component.Members)
                {
                    if (i <= gap || !mask[i]) continue;
                    var r = Reports[i];
                    var home = identity.Home(r, Reports);
                    if (home is null)
                    {
                        home = new Group(groups.Count, r.Key) { Id = Corroboration.EntryIdOf(r.Content) };
                        groups.Add((home, null));
                    }
                    identity.Add(home, i, r);
                    grown.Add(home);
                }
                foreach (var (local, full) in groups)
                {
                    if (full is not null && !grown.Contains(local))
                    {
                        made.Add(full.At(local.Members.Count, this));
                        continue;
                    }
                    var entry = Corroboration.ToEntry(local.Members.Select(m => Reports[m].Recorded).ToList(), local.Id);
                    made.Add(new Version(entry, Relationship.EffectsOf(Pair, entry, Slots), entry.FirstPublished));
                }
            }
            return made;
        }

        /// <summary>For the identities regrouped, which dated entries conflict with which, as the entries are now known.</summary>
        private static Dictionary<TimelineEntry, List<string>> ConflictsAmong(HashSet<string> redated, List<(int At, Version Version)> versions, Placed[] order)
        {
            var names = new Dictionary<TimelineEntry, List<string>>(ReferenceEqualityComparer.Instance);
            // The dated entries of each identity regrouped, in one pass over the cut's entries.
            var ofKey = new Dictionary<string, List<TimelineEntry>>();
            foreach (var (at, version) in versions)
            {
                if (version.Entry.Date.Value is null) continue;
                var key = at < 0 ? Key(version.Entry) : order[at].Group.Key;
                if (!redated.Contains(key)) continue;
                if (!ofKey.TryGetValue(key, out var list)) ofKey[key] = list = [];
                list.Add(version.Entry);
            }
            foreach (var entries in ofKey.Values)
            {
                var dated = entries.OrderBy(e => e.Date.Earliest!.Value).ToList();
                foreach (var e in dated) names[e] = [];
                for (var x = 0; x < dated.Count; x++)
                for (var y = x + 1; y < dated.Count; y++)
                {
                    if (dated[y].Date.Earliest!.Value.DayNumber - dated[x].Date.Latest!.Value.DayNumber >= Corroboration.ConflictWindowDays) break;
                    if (!Corroboration.Conflicting(dated[x], dated[y])) continue;
                    names[dated[x]].Add(dated[y].Id);
                    names[dated[y]].Add(dated[x].Id);
                }
            }
            return names;
        }

        private static string Key(TimelineEntry e) => $"{e.Type}|{e.Source}|{e.Target}|{string.Join(",", e.Parties)}";

        /// <summary>Timeline order of two entries of a cut; entries of regrouped components (at −1) come after groups' on a tie.</summary>
        private static int Order(Placed[] order, (int At, Version Version) x, (int At, Version Version) y)
        {
            var c = Corroboration.TimelineOrder.Compare(x.Version.Entry, y.Version.Entry);
            if (c != 0) return c;
            var (a, b) = (x.At < 0 ? int.MaxValue : order[x.At].Group.Index, y.At < 0 ? int.MaxValue : order[y.At].Group.Index);
            return a.CompareTo(b);
        }

        /// <summary>A tangled component: its groups (in the order they were made) and its reports in reading order.</summary>
        private sealed record Component(List<Group> Groups, List<int> Members);

        private ulong[] _bits = [];
        private int[] _counts = [];
        private bool[] _scattered = [];
        private readonly List<string> _namedIds = [];
        private List<Component>? _components;

        /// <summary>
        /// The tangled components of the grouping: groups linked because a report of one is the same event as a report of
        /// another (a month-dated report and two day-dated groups within it), each as its reports in reading order. A
        /// group linked to no other is not listed: any of its reports known make one entry whatever else is known.
        /// </summary>
        private List<Component> Components()
        {
            if (_components is not null) return _components;
            var parent = Enumerable.Range(0, _groups.Count).ToArray();
            int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
            var groupOf = new int[Reports.Count];
            foreach (var g in _groups) foreach (var m in g.Members) groupOf[m] = g.Index;
            foreach (var identity in _byKey.Values)
            {
                var members = identity.All.SelectMany(g => g.Members).ToList();
                void Link(int a, int b)
                {
                    if (groupOf[a] != groupOf[b] && Find(groupOf[a]) != Find(groupOf[b]) && Reports[a].SameEvent(Reports[b]))
                        parent[Find(groupOf[a])] = Find(groupOf[b]);
                }
                // Dated reports of one event share their year, and those dated to the day or the month their month: undated
                // reports are compared with all, reports dated to the year with their year's, the others within their month.
                var undated = members.Where(m => Reports[m].Year is null).ToList();
                foreach (var a in undated)
                foreach (var b in members)
                    Link(a, b);
                foreach (var year in members.Where(m => Reports[m].Year is not null).GroupBy(m => Reports[m].Year))
                {
                    var list = year.ToList();
                    foreach (var a in list.Where(m => Reports[m].Month is null))
                    foreach (var b in list)
                        Link(a, b);
                    foreach (var month in list.Where(m => Reports[m].Month is not null).GroupBy(m => Reports[m].Month))
                    foreach (var a in month)
                    foreach (var b in month)
                        Link(a, b);
                }
            }
            var tangled = _groups.GroupBy(g => Find(g.Index)).Where(c => c.Count() > 1)
                .Select(c => new Component(c.OrderBy(g => g.Index).ToList(), c.SelectMany(g => g.Members).Order().ToList())).ToList();
            return _components = tangled;
        }

        /// <summary>One group as the timeline walks it: where its reports are, its complete entry, the groups it may conflict with.</summary>
        private readonly record struct Placed(Group Group, int First, int Last, Version Complete, Rival[] Rivals);

        /// <summary>A group that may conflict with another, and whether their complete entries do.</summary>
        private readonly record struct Rival(int Index, int First, int Last, bool CompleteConflict);

        private Placed[] Order()
        {
            if (_order is not null) return _order;
            FindRivals();
            var sorted = _groups.OrderBy(g => g, Comparer<Group>.Create((a, b) => TimelineOrder(a, Complete(a), b, Complete(b)))).ToArray();
            return _order = sorted.Select(g => new Placed(g, g.First, g.Last, Complete(g),
                g.Rivals.Select(h => new Rival(h.Index, h.First, h.Last, Complete(g).ConflictsWith(Complete(h)))).ToArray())).ToArray();
        }

        private Version Complete(Group g) => g.At(g.Members.Count, this);

        /// <summary>Corroboration.Group's order (<see cref="Corroboration.TimelineOrder"/>), then the order groups were made in.</summary>
        private static int TimelineOrder(Group a, Version x, Group b, Version y)
        {
            var c = Corroboration.TimelineOrder.Compare(x.Entry, y.Entry);
            return c != 0 ? c : a.Index.CompareTo(b.Index);
        }

        private TimelineEntry Naming(Version v, List<int> groups)
        {
            v.Named ??= [];
            foreach (var (known, entry) in v.Named)
                if (known.AsSpan().SequenceEqual(CollectionsMarshal.AsSpan(groups))) return entry;
            var made = v.Entry with { ConflictsWith = groups.Select(g => _groups[g].Id).Order(StringComparer.Ordinal).ToList() };
            if (v.Named.Count >= 8) v.Named.RemoveAt(0);
            v.Named.Add((groups.ToArray(), made));
            return made;
        }

        /// <summary>
        /// For each group of a changed identity, the groups it may ever conflict with: same identity, both with dated reports,
        /// and periods less than <see cref="Corroboration.ConflictWindowDays"/> apart (a sweep by earliest day, as in
        /// Corroboration.ConflictsAmong). Whether they do conflict at a cut is decided by <see cref="Corroboration.Conflicting"/>.
        /// </summary>
        private void FindRivals()
        {
            foreach (var key in _changedKeys)
            {
                var dated = _byKey[key].All.Where(g => g.Dated).OrderBy(g => g.Earliest).ToList();
                var rivals = dated.ToDictionary(g => g, _ => new List<Group>());
                for (var x = 0; x < dated.Count; x++)
                for (var y = x + 1; y < dated.Count; y++)
                {
                    if (dated[y].Earliest - dated[x].Latest >= Corroboration.ConflictWindowDays) break;
                    rivals[dated[x]].Add(dated[y]);
                    rivals[dated[y]].Add(dated[x]);
                }
                foreach (var (g, r) in rivals) g.Rivals = r.OrderBy(h => h.Index).ToArray();
            }
            _changedKeys.Clear();
        }
    }
}
