using Monitoring.Domain;

namespace Monitoring.Extraction.Evaluation;

public sealed record Figures(int Extracted, int Matched, int Gold, int Found, double Precision, double Recall, double F1);

/// <summary>Why a required gold event was missed, or why an extracted event matched none.</summary>
public static class Cause
{
    /// <summary>No extracted event of the article rests on the gold sentence, nor has the gold type and actors.</summary>
    public const string NoTrigger = "no_trigger";
    /// <summary>An event rests on the gold sentence with the gold actors but another type (not a modality sibling).</summary>
    public const string WrongType = "wrong_type";
    /// <summary>An event of the gold type rests on the gold sentence (or anywhere, for a false alarm) with other actors.</summary>
    public const string WrongActor = "wrong_actor";
    /// <summary>An event agrees on type and actors, not on the date.</summary>
    public const string WrongDate = "wrong_date";
    /// <summary>An event has the gold actors and the type of another modality (announced for done, done for announced).</summary>
    public const string Modality = "modality";
    /// <summary>The only event agreeing on type and actors already matched another gold event: two real events read as one.</summary>
    public const string Merged = "merged";
    /// <summary>A false alarm agreeing on type and actors with a gold event another extracted event matched: one real event read twice.</summary>
    public const string NotMerged = "not_merged";
    /// <summary>A false alarm near no gold event.</summary>
    public const string Spurious = "spurious";
}

public sealed record MissReport(string File, string Type, string Actors, string Date, string Quote, string Cause);

public sealed record FalseAlarmReport(string File, string Type, string Actors, string Date, string RuleId, string Sentence, string Cause);

public sealed record ViolationReport(string File, string? Type, string MustNotQuote, string Why, string ExtractedType, string RuleId);

/// <summary>What <see cref="Scorer.Score"/> finds: JSON-serialisable as is.</summary>
public sealed record EvalReport(
    Figures Overall,
    Figures TypeAndActors,
    IReadOnlyDictionary<string, Figures> PerType,
    double DateAccuracy,
    int DatesCompared,
    IReadOnlyList<MissReport> Misses,
    IReadOnlyList<FalseAlarmReport> FalseAlarms,
    IReadOnlyList<ViolationReport> MustNotViolations,
    IReadOnlyDictionary<string, int> MissCauses,
    IReadOnlyDictionary<string, int> FalseAlarmCauses);

/// <summary>
/// Scores extracted events against a gold set. An extracted event matches a gold event when the type (or one of
/// also_accept), the actors (directed: source and target; parties: same set; country: source) and the date agree;
/// dates agree when equal at the gold's precision, and an unknown gold date only asks that the bounds are not
/// contradicted. Matching is one-to-one (a second copy of a matched event is a false alarm). Optional gold events
/// count neither for nor against recall, and an event matching one is no false alarm. A must-not statement is
/// violated by an event of its type (any type when none is given) whose evidence overlaps its quote, unless that
/// event matches a gold event. Date accuracy: among matches on type and actors, the share whose dates agree.
/// Beside the strict figures, the same one-to-one matching on type and actors alone (how much of the loss is dates),
/// and a cause for every miss and false alarm (<see cref="Cause"/>), tallied.
/// </summary>
public static class Scorer
{
    public static EvalReport Score(GoldSet gold, IReadOnlyDictionary<string, IReadOnlyList<ExtractedEvent>> extracted)
    {
        var perType = new Dictionary<string, (int Ext, int Match, int Gold, int Found)>();
        void Bump(WorldEventType t, int ext = 0, int match = 0, int g = 0, int found = 0)
        {
            var k = t.ToString();
            var v = perType.GetValueOrDefault(k);
            perType[k] = (v.Ext + ext, v.Match + match, v.Gold + g, v.Found + found);
        }
        int ext = 0, matched = 0, goldCount = 0, found = 0, datesCompared = 0, datesRight = 0;
        int looseExt = 0, looseMatchedCount = 0, looseGoldCount = 0, looseFound = 0;
        var misses = new List<MissReport>();
        var alarms = new List<FalseAlarmReport>();
        var violations = new List<ViolationReport>();

        foreach (var article in gold.Articles)
        {
            var events = extracted.TryGetValue(article.File, out var list) ? list : [];
            var (goldUsed, eventMatched, matchedGold) = Match(article, events, withDate: true);
            var (looseGoldUsed, looseMatched, looseGold) = Match(article, events, withDate: false);
            for (var i = 0; i < events.Count; i++)
                if (!(looseMatched[i] && article.Events[looseGold[i]].Optional)) looseExt++;
            for (var g = 0; g < article.Events.Count; g++)
                if (!article.Events[g].Optional) { looseGoldCount++; if (looseGoldUsed[g]) looseFound++; }
            for (var i = 0; i < events.Count; i++)
                if (looseMatched[i] && !article.Events[looseGold[i]].Optional) looseMatchedCount++;
            // Date accuracy: each gold event with an event agreeing on type and actors.
            for (var g = 0; g < article.Events.Count; g++)
            {
                var ge = article.Events[g];
                if (ge.Optional) continue;
                var same = events.Where(e => TypeMatches(ge, e) && ActorsMatch(ge, e)).ToList();
                if (same.Count == 0) continue;
                datesCompared++;
                if (same.Any(e => DateMatches(ge.Date, e.Date))) datesRight++;
            }
            for (var g = 0; g < article.Events.Count; g++)
            {
                var ge = article.Events[g];
                if (ge.Optional) continue;
                goldCount++;
                Bump(ge.Type, g: 1);
                if (goldUsed[g]) { found++; Bump(ge.Type, found: 1); }
                else misses.Add(new MissReport(article.File, ge.Type.ToString(), ActorsOf(ge), ge.Date.ToString(), ge.Quote, MissCause(ge, events, eventMatched)));
            }
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                if (eventMatched[i] && article.Events[matchedGold[i]].Optional) continue; // matches an optional event: neither counted nor a false alarm
                ext++;
                Bump(e.Type, ext: 1);
                if (eventMatched[i]) { matched++; Bump(e.Type, match: 1); }
                else alarms.Add(new FalseAlarmReport(article.File, e.Type.ToString(), ActorsOf(e), e.Date.ToString(), e.RuleId, e.Evidence.FirstOrDefault()?.Quote ?? "",
                    AlarmCause(e, article.Events, goldUsed)));
            }
            foreach (var mn in article.MustNot)
                for (var i = 0; i < events.Count; i++)
                {
                    var e = events[i];
                    if (eventMatched[i] || (mn.Type is { } t && e.Type != t)) continue;
                    if (e.Evidence.Any(ev => Overlaps(ev.Quote, mn.Quote)))
                        violations.Add(new ViolationReport(article.File, mn.Type?.ToString(), mn.Quote, mn.Why ?? "", e.Type.ToString(), e.RuleId));
                }
        }
        return new EvalReport(
            Figures(ext, matched, goldCount, found),
            Figures(looseExt, looseMatchedCount, looseGoldCount, looseFound),
            perType.OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key, kv => Figures(kv.Value.Ext, kv.Value.Match, kv.Value.Gold, kv.Value.Found)),
            datesCompared == 0 ? 1 : (double)datesRight / datesCompared, datesCompared, misses, alarms, violations,
            Tally(misses.Select(m => m.Cause)), Tally(alarms.Select(a => a.Cause)));
    }

    private static Dictionary<string, int> Tally(IEnumerable<string> causes) =>
        causes.GroupBy(c => c).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>One-to-one matching, preferring required gold events; strict (type, actors, date) or on type and actors alone.</summary>
    private static (bool[] GoldUsed, bool[] EventMatched, int[] MatchedGold) Match(GoldArticle article, IReadOnlyList<ExtractedEvent> events, bool withDate)
    {
        var goldUsed = new bool[article.Events.Count];
        var eventMatched = new bool[events.Count];
        var matchedGold = new int[events.Count];
        foreach (var pass in new[] { false, true })
            for (var i = 0; i < events.Count; i++)
            {
                if (eventMatched[i]) continue;
                for (var g = 0; g < article.Events.Count; g++)
                {
                    if (goldUsed[g] || article.Events[g].Optional != pass) continue;
                    if (!TypeMatches(article.Events[g], events[i]) || !ActorsMatch(article.Events[g], events[i])) continue;
                    if (withDate && !DateMatches(article.Events[g].Date, events[i].Date)) continue;
                    goldUsed[g] = true;
                    eventMatched[i] = true;
                    matchedGold[i] = g;
                    break;
                }
            }
        return (goldUsed, eventMatched, matchedGold);
    }

    /// <summary>Types that say the same thing at another modality: an announcement and its being done.</summary>
    private static readonly WorldEventType[][] ModalitySiblings =
    [
        [WorldEventType.CooperationResumptionAnnounced, WorldEventType.CooperationResumed],
        [WorldEventType.BlocExitAnnounced, WorldEventType.BlocExited],
        [WorldEventType.WithdrawalAnnounced, WorldEventType.WithdrawalCompleted, WorldEventType.WithdrawalStarted, WorldEventType.WithdrawalAgreed],
        [WorldEventType.SanctionsImposed, WorldEventType.SanctionsInForce],
    ];

    private static bool Siblings(WorldEventType a, WorldEventType b) => a != b && ModalitySiblings.Any(set => set.Contains(a) && set.Contains(b));

    private static bool Rests(ExtractedEvent e, string quote) => e.Evidence.Any(ev => Overlaps(ev.Quote, quote));

    private static string MissCause(GoldEvent g, IReadOnlyList<ExtractedEvent> events, bool[] matched)
    {
        var same = Enumerable.Range(0, events.Count).Where(i => TypeMatches(g, events[i]) && ActorsMatch(g, events[i])).ToList();
        if (same.Any(i => !matched[i])) return Cause.WrongDate;
        if (same.Count > 0) return Cause.Merged;
        if (events.Any(e => Siblings(g.Type, e.Type) && ActorsMatch(g, e))) return Cause.Modality;
        var here = events.Where(e => Rests(e, g.Quote)).ToList();
        if (here.Any(e => TypeMatches(g, e))) return Cause.WrongActor;
        if (here.Any(e => Siblings(g.Type, e.Type))) return Cause.Modality;
        if (here.Count > 0) return Cause.WrongType;
        return Cause.NoTrigger;
    }

    private static string AlarmCause(ExtractedEvent e, IReadOnlyList<GoldEvent> gold, bool[] goldUsed)
    {
        var same = Enumerable.Range(0, gold.Count).Where(g => TypeMatches(gold[g], e) && ActorsMatch(gold[g], e)).ToList();
        if (same.Any(g => !goldUsed[g])) return Cause.WrongDate;
        if (same.Count > 0) return Cause.NotMerged;
        if (gold.Any(g => Siblings(g.Type, e.Type) && ActorsMatch(g, e))) return Cause.Modality;
        var here = gold.Where(g => Rests(e, g.Quote)).ToList();
        if (here.Any(g => TypeMatches(g, e))) return Cause.WrongActor;
        if (here.Any(g => Siblings(g.Type, e.Type))) return Cause.Modality;
        if (here.Count > 0) return Cause.WrongType;
        return gold.Any(g => TypeMatches(g, e)) ? Cause.WrongActor : Cause.Spurious;
    }

    private static Figures Figures(int ext, int matched, int gold, int found)
    {
        var p = ext == 0 ? 1 : (double)matched / ext;
        var r = gold == 0 ? 1 : (double)found / gold;
        var f = p + r == 0 ? 0 : 2 * p * r / (p + r);
        return new Figures(ext, matched, gold, found, Math.Round(p, 4), Math.Round(r, 4), Math.Round(f, 4));
    }

    public static bool TypeMatches(GoldEvent g, ExtractedEvent e) => g.Type == e.Type || g.AlsoAccept.Contains(e.Type);

    public static bool ActorsMatch(GoldEvent g, ExtractedEvent e) => Vocabulary.ShapeOf(g.Type) switch
    {
        ActorShape.Country => g.Source == e.Source,
        ActorShape.Parties => g.Parties.OrderBy(x => x, StringComparer.Ordinal).SequenceEqual(e.Parties.OrderBy(x => x, StringComparer.Ordinal))
                              || (e.Source is not null && e.Target is not null && g.Parties.Count == 2 && g.Parties.Contains(e.Source) && g.Parties.Contains(e.Target)),
        _ => g.Source == e.Source && g.Target == e.Target
             || (Vocabulary.ShapeOf(e.Type) == ActorShape.Parties && g.Source is not null && g.Target is not null && e.Parties.Count == 2 && e.Parties.Contains(g.Source) && e.Parties.Contains(g.Target)),
    };

    /// <summary>Equal at the gold's precision; for an unknown gold date, the extracted date or bounds must not contradict the gold bounds.</summary>
    public static bool DateMatches(EventDate gold, EventDate got)
    {
        if (gold.Precision == DatePrecision.Unknown)
        {
            var lo = got.Earliest;
            var hi = got.Latest ?? got.NotAfter;
            if (gold.NotBefore is { } nb && hi is { } h && h < nb) return false;
            if (gold.NotAfter is { } na && lo is { } l && l > na) return false;
            return true;
        }
        if (got.Value is not { } v || got.Precision == DatePrecision.Unknown) return false;
        if ((int)got.Precision > (int)gold.Precision) return false;
        var g = gold.Value!.Value;
        return gold.Precision switch
        {
            DatePrecision.Day => v == g,
            DatePrecision.Month => v.Year == g.Year && v.Month == g.Month,
            _ => v.Year == g.Year,
        };
    }

    private static bool Overlaps(string a, string b)
    {
        string N(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var x = N(a);
        var y = N(b);
        if (x.Length == 0 || y.Length == 0) return false;
        if (x.Contains(y) || y.Contains(x)) return true;
        var k = Math.Min(40, Math.Min(x.Length, y.Length));
        for (var i = 0; i + k <= x.Length; i += 10)
            if (y.Contains(x.Substring(i, k))) return true;
        return false;
    }

    private static string ActorsOf(GoldEvent g) => Vocabulary.ShapeOf(g.Type) == ActorShape.Parties ? string.Join("+", g.Parties) : $"{g.Source}->{g.Target}";
    private static string ActorsOf(ExtractedEvent e) => e.Shape == ActorShape.Parties ? string.Join("+", e.Parties) : $"{e.Source}->{e.Target}";
}
