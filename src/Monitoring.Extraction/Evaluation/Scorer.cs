using Monitoring.Domain;

namespace Monitoring.Extraction.Evaluation;

public sealed record Figures(int Extracted, int Matched, int Gold, int Found, double Precision, double Recall, double F1);

public sealed record MissReport(string File, string Type, string Actors, string Date, string Quote);

public sealed record FalseAlarmReport(string File, string Type, string Actors, string Date, string RuleId, string Sentence);

public sealed record ViolationReport(string File, string? Type, string MustNotQuote, string Why, string ExtractedType, string RuleId);

/// <summary>What <see cref="Scorer.Score"/> finds: JSON-serialisable as is.</summary>
public sealed record EvalReport(
    Figures Overall,
    IReadOnlyDictionary<string, Figures> PerType,
    double DateAccuracy,
    int DatesCompared,
    IReadOnlyList<MissReport> Misses,
    IReadOnlyList<FalseAlarmReport> FalseAlarms,
    IReadOnlyList<ViolationReport> MustNotViolations);

/// <summary>
/// Scores extracted events against a gold set. An extracted event matches a gold event when the type (or one of
/// also_accept), the actors (directed: source and target; parties: same set; country: source) and the date agree;
/// dates agree when equal at the gold's precision, and an unknown gold date only asks that the bounds are not
/// contradicted. Matching is one-to-one (a second copy of a matched event is a false alarm). Optional gold events
/// count neither for nor against recall, and an event matching one is no false alarm. A must-not statement is
/// violated by an event of its type (any type when none is given) whose evidence overlaps its quote, unless that
/// event matches a gold event. Date accuracy: among matches on type and actors, the share whose dates agree.
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
        var misses = new List<MissReport>();
        var alarms = new List<FalseAlarmReport>();
        var violations = new List<ViolationReport>();

        foreach (var article in gold.Articles)
        {
            var events = extracted.TryGetValue(article.File, out var list) ? list : [];
            var goldUsed = new bool[article.Events.Count];
            var eventMatched = new bool[events.Count];
            var matchedGold = new int[events.Count];
            // Exact matches first (type, actors, date), preferring required gold events.
            foreach (var pass in new[] { false, true })
                for (var i = 0; i < events.Count; i++)
                {
                    if (eventMatched[i]) continue;
                    for (var g = 0; g < article.Events.Count; g++)
                    {
                        if (goldUsed[g] || article.Events[g].Optional != pass) continue;
                        if (!TypeMatches(article.Events[g], events[i]) || !ActorsMatch(article.Events[g], events[i]) || !DateMatches(article.Events[g].Date, events[i].Date)) continue;
                        goldUsed[g] = true;
                        eventMatched[i] = true;
                        matchedGold[i] = g;
                        break;
                    }
                }
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
                else misses.Add(new MissReport(article.File, ge.Type.ToString(), ActorsOf(ge), ge.Date.ToString(), ge.Quote));
            }
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                if (eventMatched[i] && article.Events[matchedGold[i]].Optional) continue; // matches an optional event: neither counted nor a false alarm
                ext++;
                Bump(e.Type, ext: 1);
                if (eventMatched[i]) { matched++; Bump(e.Type, match: 1); }
                else alarms.Add(new FalseAlarmReport(article.File, e.Type.ToString(), ActorsOf(e), e.Date.ToString(), e.RuleId, e.Evidence.FirstOrDefault()?.Quote ?? ""));
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
            perType.OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key, kv => Figures(kv.Value.Ext, kv.Value.Match, kv.Value.Gold, kv.Value.Found)),
            datesCompared == 0 ? 1 : (double)datesRight / datesCompared, datesCompared, misses, alarms, violations);
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
