using System.Globalization;
using System.Text.RegularExpressions;
using Monitoring.Domain;
using Monitoring.Extraction.Actors;
using Monitoring.Extraction.Dates;

namespace Monitoring.Extraction.Events;

/// <summary>How an event's date relates to a coup the article dates elsewhere.</summary>
public enum CoupLink { None, After, When, PostCoupContext }

/// <summary>An event as found in one sentence, before the article-level pass (neighbour dates, anchors, merging).</summary>
public sealed class Candidate
{
    public required WorldEventType Type { get; set; }
    public string? Source { get; set; }
    public string? Target { get; set; }
    public List<string> Parties { get; set; } = [];
    public string? Area { get; set; }
    public int? Count { get; set; }
    public required EventDate Date { get; set; }
    public bool DateStated { get; set; }
    public required Modality Modality { get; set; }
    public required double Confidence { get; set; }
    public required string RuleId { get; set; }
    public required string RuleVersion { get; set; }
    public required List<Monitoring.Domain.Evidence> Evidence { get; set; }
    public required int SentenceIndex { get; set; }
    public int TriggerStart { get; set; }
    public SpanKind Clause { get; set; }
    public CoupLink CoupLink { get; set; }
    /// <summary>Only corroborates an event found elsewhere ("since the July coup"): never an event on its own.</summary>
    public bool SupportOnly { get; set; }
    /// <summary>An actor was read from context (a context phrase, a counterpart, an earlier sentence), not named where the event is.</summary>
    public bool ActorsInferred { get; set; }

    public ExtractedEvent ToEvent() => new(Type, Source, Target, Parties.OrderBy(p => p, StringComparer.Ordinal).ToArray(), Area, Count, Date, Modality,
        Math.Round(Math.Clamp(Confidence, 0.05, 0.99), 2), RuleId, RuleVersion, Evidence.OrderBy(e => e.SentenceIndex).ToArray(), ActorsInferred);
}

/// <summary>Runs the rule book over each sentence: triggers, negation and modality, actor slots, dates.</summary>
public static partial class RuleEngine
{
    [GeneratedRegex(@"\b(?:not|never|no|neither|nor|without|refus\w*|declin\w*|den(?:y|ied|ies|ying)|cannot|failed\s+to|yet\s+to|ruled\s+out|dismiss\w*|reject\w*\s+(?:calls?|demands?|requests?|the\s+idea|proposals?|plans?)|rebuff\w*)\b|n[’']t\b", RegexOptions.IgnoreCase)]
    private static partial Regex Negation();

    [GeneratedRegex(@"\b(?:den(?:y|ied|ies|ying)|rejected\s+(?:claims|reports|allegations)|dismissed\s+(?:claims|reports))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Denial();

    [GeneratedRegex(@"^\W*(?:(?:is|was|are|were|would\s+be|will\s+be)\s+(?:not|no\s+longer|never)\b|not\s+an\s+option|(?:was|were|is|has\s+been)\s+ruled\s+out)", RegexOptions.IgnoreCase)]
    private static partial Regex NegationAfter();

    [GeneratedRegex(@"\b(?:if|unless|whether|could|might|may|should|urg\w+|call(?:s|ed|ing)?\s+on|pav\w+\s+the\s+way|aim\w*|seek\w*|sought|wants?|wanted|hop\w+|push\w*|precondition|conditions?|ready|willing|open\s+to|possib\w+|potential|consider\w*|mull\w*|propos\w+|offer\w*|any|fears?|feared|risk\w*|threat\w*|warn\w*|demand\w*|ask\w*|likely|would\s+like|try|trying|tried|attempt\w*|efforts?|appeal\w*|lobby\w*|press\w*\s+for|in\s+exchange|prospect\w*|recommend\w*|reconsider\w*|request\w*|work(?:s|ed|ing)?\s+(?:to|towards?))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Hypothetical();

    [GeneratedRegex(@"\b(?:plans?|planned|planning|will|intends?|intended|intending|intent(?:ion)?|is\s+to|are\s+to|set\s+to|going\s+to|tasked\s+with|expects?|expected|would|shall|vow\w*|pledg\w*|promis\w*|prepar\w*|agree[sd]?\s+to|scheduled|(?:is|are|was|were)\s+due\s+to|next)\b|['’]ll\b", RegexOptions.IgnoreCase)]
    private static partial Regex Planned();

    [GeneratedRegex(@"(?:[,;:—()\[\]]|\bthat\b|\bbut\b|\bwhile\b|\bwhereas\b|\bdespite\b|\band\s+(?=\w+\s+(?:has|had|have|is|was|were|are)\b))", RegexOptions.IgnoreCase)]
    private static partial Regex WindowBoundary();

    [GeneratedRegex(@"\b(?:in|into|to|from|at|with|against|on|for|toward|towards|across|within|over|between|among|about|like|than|including|inside|throughout|near|around|beyond|via|of\s+the\s+former)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex LocativeBefore();

    [GeneratedRegex(@"\b(?:along|together)\s+with\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex AlongWith();

    [GeneratedRegex(@"^\s*(?:,\s*)?(?:and|or|,|along\s+with|together\s+with|as\s+well\s+as|&)(?:\s*,)?\s*(?:the\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Coordination();

    [GeneratedRegex(@"^[’']s\b", RegexOptions.IgnoreCase)]
    private static partial Regex Possessive();

    [GeneratedRegex(@"^[’']s\s+(?<np>[^,;()]{1,40})(?:,\s*[^,;()]{1,30})?,?\s+and\s+(?:the\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex PossessiveThenAnd();

    /// <summary>"A's president, X, and B ...": the first doer is a person named by title and apposition, then coordinated.</summary>
    private static bool TitledCoordination(ArticleAnalysis a, string between) =>
        PossessiveThenAnd().Match(between) is { Success: true } c && Word().Matches(c.Groups["np"].Value).Any(w => a.Resolver.IsAgentNoun(w.Value));

    [GeneratedRegex(@"\b(?:in|from|into|to|out\s+of|inside|within|left|leave|leaving|departed|depart|quit)\s+(?:the\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex HostPreposition();

    [GeneratedRegex(@"\bthere\b", RegexOptions.IgnoreCase)]
    private static partial Regex There();

    [GeneratedRegex(@"\b(?:capital|city|cities|soil|territory|border|borders|colony|people|citizens|nationals|population|region|concerns?|media|press|language|interests)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PlaceNoun();

    [GeneratedRegex(@"\b(?:currently|still|at\s+present|presently|now|today|has|have|maintains?|keeps?|operates?|are|is|remains?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PresentCue();

    [GeneratedRegex(@"\b(?:coup|junta|new\s+(?:authorities|rulers|military)|military\s+(?:government|regime|rulers|leaders|leadership|authorities)|took\s+power|came\s+to\s+power|coming\s+to\s+power|seized\s+power|overthrow\w*|ousted|post-coup|putsch\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PostCoupContext();

    [GeneratedRegex(@"\b(?:coup|overthr\w+|ousted|ousting|toppl\w+|coming\s+to\s+power|came\s+to\s+power|took\s+power|taking\s+power|seiz\w+\s+power|putsch)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CoupReference();

    private static readonly (Regex Pattern, string Area)[] Areas =
    [
        (new Regex(@"\bsecurity\b|counter-?terror|anti-?terror", RegexOptions.IgnoreCase | RegexOptions.Compiled), "security"),
        (new Regex(@"\bmilitary\b", RegexOptions.IgnoreCase | RegexOptions.Compiled), "military"),
        (new Regex(@"\bdefen[cs]e\b", RegexOptions.IgnoreCase | RegexOptions.Compiled), "defense"),
        (new Regex(@"\bdevelopment\b", RegexOptions.IgnoreCase | RegexOptions.Compiled), "development"),
        (new Regex(@"\baid\b|\bassistance\b|\bfunding\b", RegexOptions.IgnoreCase | RegexOptions.Compiled), "aid"),
        (new Regex(@"\beconomic\b|\btrade\b", RegexOptions.IgnoreCase | RegexOptions.Compiled), "economic"),
        (new Regex(@"\bdiplomatic\b", RegexOptions.IgnoreCase | RegexOptions.Compiled), "diplomatic"),
        (new Regex(@"\btransition", RegexOptions.IgnoreCase | RegexOptions.Compiled), "transition"),
    ];

    // The small patterns of actor slots and dates, generated at build time rather than interpreted from the regex cache on each call.
    [GeneratedRegex(@"^\s*(?:(?:from|of|out\s+of)\s+)?(?:the\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex StateGap();

    [GeneratedRegex(@"\b(?:19|20)\d{2}\b")]
    private static partial Regex YearNumber();

    [GeneratedRegex(@"\b(?:is|are|was|were)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex CopulaAtEnd();

    [GeneratedRegex(@"^\w+ing\b", RegexOptions.IgnoreCase)]
    private static partial Regex Gerund();

    [GeneratedRegex(@"\bby\b", RegexOptions.IgnoreCase)]
    private static partial Regex By();

    [GeneratedRegex(@"\b(?:with|between|and)\s+(?:the\s+|his\s+|her\s+|its\s+|their\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex WithBefore();

    [GeneratedRegex(@"^(?:[’']s)?\s+(?:\w+\s+){0,2}?(?:hosts?|hosted|hosting|is\s+home\s+to|houses?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Hosts();

    [GeneratedRegex(@"\bbetween\s+(?:the\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex BetweenBefore();

    [GeneratedRegex(@"[\p{L}-]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\b(?:in|of)\s*(?:the\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex InOfBefore();

    [GeneratedRegex(@"^\s+(?:former\s+)?(?:president|leader|government|head\s+of\s+state|prime\s+minister)", RegexOptions.IgnoreCase)]
    private static partial Regex LeaderAfter();

    [GeneratedRegex(@"^\s*,")]
    private static partial Regex CommaNext();

    private static readonly char[] QuestionTail = ['"', '”', '’', '\'', ')', ' '];

    private const int MaxSentence = 3000;

    /// <summary>"pulled out of Mali", "withdrew from Chad": a state right after the trigger.</summary>
    private static bool StateRightAfter(SentenceInfo s, Match m)
    {
        var end = m.Index + m.Length;
        return s.Mentions.Any(x => x.IsState && x.How is MentionHow.Name or MentionHow.Capital && x.Start >= end && x.Start <= end + 12
            && StateGap().IsMatch(s.Text[end..x.Start]));
    }

    public static List<Candidate> Run(ArticleAnalysis a, IReadOnlyList<EventRule> rules)
    {
        var all = new List<Candidate>();
        var cues = CueIndex.Of(rules);
        // Whether a mention can be a doer is asked again by every rule that fires in its sentence: keep the answer
        // (mentions are distinct objects per sentence, so the mention alone is the key).
        var agents = new Dictionary<ActorMention, bool>(ReferenceEqualityComparer.Instance);
        var present = new bool[cues.Literals];
        var inArticle = new bool?[rules.Count];
        for (var i = 0; i < a.Sentences.Count; i++)
        {
            var s = a.Sentences[i];
            if (s.Text.Length > MaxSentence) continue; // not prose: a run-on page dump
            if (s.Text.TrimEnd(QuestionTail).EndsWith('?')) continue; // a question asserts nothing
            var matches = new List<(EventRule Rule, Match Match)>();
            cues.Scan(s.Text, present);
            for (var ri = 0; ri < rules.Count; ri++)
            {
                if (!cues.MayMatch(ri, present)) continue; // the sentence lacks every word the trigger needs
                var r = rules[ri];
                if (r.InArticle is not null && !(inArticle[ri] ??= r.InArticle.IsMatch(a.Article.OriginalText))) continue;
                foreach (Match m in r.Trigger.Matches(s.Text))
                {
                    if (r.Unless is not null && r.Unless.IsMatch(m.Value)) continue;
                    if (r.Requires is not null)
                    {
                        var from = Math.Max(0, m.Index - 80);
                        var to = Math.Min(s.Text.Length, m.Index + m.Length + 80);
                        if (!r.Requires.IsMatch(s.Text[from..to]) && !(r.HostAfterSuffices && StateRightAfter(s, m))) continue;
                    }
                    matches.Add((r, m));
                }
            }
            if (matches.Count == 0) continue;
            var taken = new List<(int, int)>();
            // Priority first, then position; ties keep rule-book order (a stable sort, as OrderBy was).
            var order = new int[matches.Count];
            for (var k = 0; k < order.Length; k++) order[k] = k;
            Array.Sort(order, (x, y) =>
            {
                var c = matches[y].Rule.Priority.CompareTo(matches[x].Rule.Priority);
                if (c == 0) c = matches[x].Match.Index.CompareTo(matches[y].Match.Index);
                return c != 0 ? c : x.CompareTo(y);
            });
            foreach (var k in order)
            {
                var (rule, m) = matches[k];
                var end = m.Index + m.Length;
                if (taken.Any(t => m.Index < t.Item2 && t.Item1 < end)) continue;
                // A verb governing this trigger ("agreed to | restore ties") shares its date: it is no other predicate in between.
                var others = matches.Where(x => x.Rule.Type != rule.Type && (x.Match.Index + x.Match.Length <= m.Index || x.Match.Index >= end)
                    && !(x.Match.Index < m.Index && m.Index - (x.Match.Index + x.Match.Length) <= 2)).Select(x => x.Match.Index).ToList();
                var built = Build(a, i, rule, m, all, others, agents);
                if (built.Count == 0) continue;
                taken.Add((m.Index, end));
                all.AddRange(built);
            }
        }
        return all;
    }

    private static List<Candidate> Build(ArticleAnalysis a, int index, EventRule rule, Match m, List<Candidate> earlier, List<int> otherTriggers, Dictionary<ActorMention, bool> agents)
    {
        var s = a.Sentences[index];
        var text = s.Text;
        var clause = s.ClauseAt(m.Index);
        var window = Window(text, clause, m.Index);
        if (rule.ModalInside) window += " " + m.Value;
        if (Negation().IsMatch(window) || Denial().IsMatch(text[..m.Index]) || NegationAfter().IsMatch(text[(m.Index + m.Length)..])) return [];

        if (Mood(rule, s, m, window) is not { } mood) return [];
        var (type, modality) = mood;
        var confidence = rule.Confidence;

        var inferred = false;
        var sources = FirstFilled(a, s, rule.Source, m, clause, [], earlier, index, agents, ref inferred);
        var shape = Vocabulary.ShapeOf(type);
        if (shape == ActorShape.Country)
            sources = sources.Where(c => a.Resolver.Find(c)?.IsState ?? false).Take(1).ToList();
        if (sources.Count == 0) return [];

        var targetInferred = false;
        var targets = FirstFilled(a, s, rule.Target, m, clause, sources, earlier, index, agents, ref targetInferred);

        int? count = m.Groups["count"].Success ? int.Parse(m.Groups["count"].Value.Replace(",", ""), CultureInfo.InvariantCulture) : null;
        var area = rule.Area ?? (HasArea(type) ? AreaOf(text, m) : null);
        var (date, stated, link) = DateFor(a, s, m, clause, type, modality, otherTriggers);
        if (Vocabulary.IsObservation(type) && !stated)
        {
            var presentWindow = text[Math.Max(0, m.Index - 60)..Math.Min(text.Length, m.Index + m.Length + 40)];
            // Sanctions whose lifting is only a condition hold now; any other observation needs a present-tense cue.
            var derived = type != rule.Type;
            if (derived || PresentCue().IsMatch(presentWindow)) date = EventDate.Day(a.Article.Published);
            else return [];
        }
        Candidate? byDate = null;
        if (type is WorldEventType.WithdrawalAnnounced or WorldEventType.BlocExitAnnounced && stated && ByDate(s, m, clause) is { } by)
        {
            byDate = new Candidate
            {
                Type = type == WorldEventType.WithdrawalAnnounced ? WorldEventType.WithdrawalCompleted : WorldEventType.BlocExited,
                Date = by.For(true), DateStated = true, Modality = Modality.Expected, Confidence = confidence - 0.1, RuleId = rule.Id, RuleVersion = rule.Version,
                Evidence = [], SentenceIndex = index, TriggerStart = m.Index,
            };
            var other = s.Dates.Where(d => d != by && d.Shift is null && s.ClauseAt(d.Start) is null).OrderBy(d => Distance(d, m)).FirstOrDefault();
            (date, stated) = other is null ? (EventDate.Unknown(), false) : (other.Past, true);
        }
        if (s.IsTitle) confidence -= 0.1;
        if (!stated) confidence -= 0.05;

        var evidence = new Monitoring.Domain.Evidence(s.Sentence.Index, s.Sentence.Start, s.Sentence.End, s.Sentence.Text);
        Candidate Make() => new()
        {
            Type = type, Area = area, Count = count, Date = date, DateStated = stated, Modality = modality,
            Confidence = confidence - (inferred ? 0.15 : 0) - (targetInferred ? 0.1 : 0), RuleId = rule.Id, RuleVersion = rule.Version,
            Evidence = [evidence], SentenceIndex = index, TriggerStart = m.Index, Clause = clause?.Kind ?? SpanKind.Main, CoupLink = link,
            ActorsInferred = inferred || targetInferred,
        };

        var result = Compose(a, rule, s, clause, shape, type, sources, targets, targetInferred, date, Make);
        if (byDate is not null) AddDeadlines(result, byDate, rule, evidence, index, m);
        return result;
    }

    /// <summary>The type and modality a trigger takes from its window: null when a hypothetical drops it or a coup is only meant.</summary>
    private static (WorldEventType Type, Modality Modality)? Mood(EventRule rule, SentenceInfo s, Match m, string window)
    {
        var text = s.Text;
        var type = rule.Type;
        var modality = Modality.Asserted;
        if ((Hypothetical().IsMatch(window) || ConditionAfter().IsMatch(ClauseRest(text, m))) && !rule.IgnoreHypothetical)
        {
            if (rule.AgreedType is { } agreed && AgreedIn().IsMatch(text)) type = agreed;
            else if (rule.HypotheticalType is not { } h) return null;
            else type = h;
        }
        // "the decision to restore ties" is an intent where intent changes the event; a decision to expel or revoke is the act.
        else if (Planned().IsMatch(window) || (rule.PlannedType is not null && DecisionTo().IsMatch(window)) || IsProgressiveCompletion(rule, window, m.Value)
                 || (s.IsTitle && HeadlineFuture(s, m.Index)))
        {
            type = rule.PlannedType ?? rule.Type;
            modality = type is WorldEventType.WithdrawalCompleted or WorldEventType.BlocExited ? Modality.Expected : Modality.Planned;
        }
        if (Vocabulary.IsObservation(type)) modality = Modality.Asserted;
        // A coup someone means or threatens to carry out ("would topple the regime") has not happened.
        if (type == WorldEventType.CoupOccurred && modality != Modality.Asserted) return null;
        // An announcement states an intent, whatever the tense of its verb.
        if (type is WorldEventType.WithdrawalAnnounced or WorldEventType.CooperationResumptionAnnounced or WorldEventType.BlocExitAnnounced) modality = Modality.Planned;
        return (type, modality);
    }

    /// <summary>The actors of the first slot, in the rule's order, that names any.</summary>
    private static List<string> FirstFilled(ArticleAnalysis a, SentenceInfo s, Slot[] slots, Match m, ClauseSpan? clause, List<string> exclude, List<Candidate> earlier, int index, Dictionary<ActorMention, bool> agents, ref bool inferred)
    {
        foreach (var slot in slots)
        {
            var found = Fill(a, s, slot, m, clause, exclude, earlier, index, agents, ref inferred);
            if (found.Count > 0) return found;
        }
        return [];
    }

    /// <summary>One candidate per actor reading of the event's shape: the country, the parties, or each source and target.</summary>
    private static List<Candidate> Compose(ArticleAnalysis a, EventRule rule, SentenceInfo s, ClauseSpan? clause, ActorShape shape, WorldEventType type,
        List<string> sources, List<string> targets, bool targetInferred, EventDate date, Func<Candidate> make)
    {
        var target = targets.Count > 0 ? targets[0] : null;
        var result = new List<Candidate>();
        switch (shape)
        {
            case ActorShape.Country:
                var c = make();
                c.Source = sources[0];
                c.SupportOnly = clause is { Kind: SpanKind.After } && date.Precision != DatePrecision.Day
                    && !s.Dates.Any(d => s.ClauseAt(d.Start) == clause && YearNumber().IsMatch(d.Text));
                result.Add(c);
                break;
            case ActorShape.Parties:
                var parties = sources.Concat(target is null ? [] : [target]).Distinct().ToList();
                if (parties.Count < 2) return result;
                var p = make();
                p.Parties = parties;
                result.Add(p);
                break;
            default:
                // "X and Y restored relations": with no other party named, coordinated doers act on each other.
                if (rule.Reciprocal && targets.Count == 0 && sources.Distinct().Count() >= 2)
                {
                    foreach (var src in sources.Distinct())
                    foreach (var tgt in sources.Distinct())
                    {
                        if (src == tgt || !KindsFit(a, type, src, tgt)) continue;
                        var d = make();
                        d.Source = src;
                        d.Target = tgt;
                        result.Add(d);
                    }
                    break;
                }
                foreach (var src in sources.Distinct())
                foreach (var oneTarget in targets.Count > 1 ? targets.Select(t => (string?)t) : [target])
                {
                    var tgt = oneTarget;
                    var tInf = targetInferred;
                    if (tgt is null && rule.TargetDefaultsToSubject && a.SubjectState is { } subj && subj != src)
                    {
                        tgt = subj;
                        tInf = true;
                    }
                    if (tgt is null || tgt == src || !KindsFit(a, type, src, tgt)) continue;
                    var d = make();
                    d.Source = src;
                    d.Target = tgt;
                    if (tInf && !targetInferred) d.Confidence -= 0.1;
                    result.Add(d);
                }
                break;
        }
        return result;
    }

    /// <summary>"will withdraw by December": the completion expected at the deadline, for each actor reading.</summary>
    private static void AddDeadlines(List<Candidate> result, Candidate byDate, EventRule rule, Monitoring.Domain.Evidence evidence, int index, Match m)
    {
        foreach (var r in result.ToList())
        {
            var extra = new Candidate
            {
                Type = byDate.Type, Source = r.Source, Target = r.Target, Date = byDate.Date, DateStated = true, Modality = Modality.Expected,
                Confidence = r.Confidence - 0.1, RuleId = rule.Id, RuleVersion = rule.Version, Evidence = [evidence], SentenceIndex = index, TriggerStart = m.Index + 1,
            };
            result.Add(extra);
        }
    }

    private static DateMention? ByDate(SentenceInfo s, Match m, ClauseSpan? clause) =>
        s.Dates.Where(d => d.Preposition is "by" or "until" && d.Start >= m.Index && s.ClauseAt(d.Start) == clause).OrderBy(d => d.Start).FirstOrDefault();

    [GeneratedRegex(@"\bdecision\s+to\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DecisionTo();

    /// <summary>A condition whose source is an agreement or a joint statement: both sides have committed to it.</summary>
    [GeneratedRegex(@"\b(?:joint\s+(?:statement|declaration|communiqu[ée])|(?:according\s+to|under|in)\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+)?(?:agreement|deal|accord|pact))\b", RegexOptions.IgnoreCase)]
    private static partial Regex AgreedIn();

    [GeneratedRegex(@"\b(?:if|unless|provided\s+that|on\s+condition)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ConditionAfter();

    private static string ClauseRest(string text, Match m)
    {
        var from = m.Index + m.Length;
        var stop = text.IndexOfAny([';', '.', '—'], from);
        return text[from..(stop < 0 ? text.Length : stop)];
    }

    [GeneratedRegex(@"^(?:\s*(?:,|and|,\s*and)\s+(?:[\w-]+\s+){0,3}?(?:cooperation|co-operation|aid|assistance|support|partnerships?|funding|ties|relations|agreements?))+", RegexOptions.IgnoreCase)]
    private static partial Regex CoordinatedObjects();

    private static bool HasArea(WorldEventType t) => t is WorldEventType.CooperationSuspended or WorldEventType.CooperationResumed
        or WorldEventType.CooperationResumptionAnnounced or WorldEventType.AgreementSigned or WorldEventType.AgreementDenounced or WorldEventType.TiesSevered;

    [GeneratedRegex(@"\s+to\s+$", RegexOptions.IgnoreCase)]
    private static partial Regex ToBefore();

    /// <summary>A headline's "X to do": the doer named right before an infinitive tells a plan ("France to withdraw troops").</summary>
    private static bool HeadlineFuture(SentenceInfo s, int trigger)
    {
        var before = s.Text[..trigger];
        var to = ToBefore().Match(before);
        return to.Success && s.Mentions.Any(x => x.End <= to.Index && to.Index - x.End <= 1);
    }

    private static bool IsProgressiveCompletion(EventRule rule, string window, string trigger) =>
        rule.Type is WorldEventType.WithdrawalCompleted or WorldEventType.BlocExited && CopulaAtEnd().IsMatch(window) && Gerund().IsMatch(trigger);

    private static bool KindsFit(ArticleAnalysis a, WorldEventType type, string source, string target)
    {
        var s = a.Resolver.Find(source);
        var t = a.Resolver.Find(target);
        if (s is null || t is null) return false;
        return type switch
        {
            WorldEventType.BlocExitAnnounced or WorldEventType.BlocExited => s.IsState && !t.IsState,
            WorldEventType.WithdrawalDemanded => true,
            WorldEventType.WithdrawalAnnounced or WorldEventType.WithdrawalAgreed or WorldEventType.WithdrawalStarted or WorldEventType.WithdrawalCompleted
                or WorldEventType.TroopsDeployed or WorldEventType.TroopPresenceReported => t.IsState,
            WorldEventType.AmbassadorExpelled or WorldEventType.AmbassadorRecalled => s.IsState || t.IsState,
            _ => true,
        };
    }

    /// <summary>The words just before a trigger, within its clause: where negation and modality are read.</summary>
    private static string Window(string text, ClauseSpan? clause, int trigger)
    {
        var start = clause?.Start ?? 0;
        var before = text[start..trigger];
        var cut = 0;
        foreach (var b in WindowBoundary().EnumerateMatches(before)) cut = b.Index + b.Length;
        // The last eight words after the cut, joined by single spaces (as splitting on whitespace would give them).
        var rest = before.AsSpan(cut);
        Span<Range> words = stackalloc Range[8];
        var count = 0;
        var end = rest.Length;
        while (count < 8)
        {
            while (end > 0 && char.IsWhiteSpace(rest[end - 1])) end--;
            if (end == 0) break;
            var begin = end;
            while (begin > 0 && !char.IsWhiteSpace(rest[begin - 1])) begin--;
            words[count++] = begin..end;
            end = begin;
        }
        var sb = new System.Text.StringBuilder(rest.Length);
        for (var k = count - 1; k >= 0; k--)
        {
            sb.Append(rest[words[k]]);
            if (k > 0) sb.Append(' ');
        }
        return sb.ToString();
    }

    private static string? AreaOf(string text, Match m)
    {
        var from = Math.Max(0, m.Index - 15);
        var end = m.Index + m.Length;
        var more = CoordinatedObjects().Match(text[end..]);
        var span = text[from..(end + (more.Success ? more.Length : 0))];
        var areas = Areas.Where(x => x.Pattern.IsMatch(span)).Select(x => (x.Area, x.Pattern.Match(span).Index)).OrderBy(x => x.Index).Select(x => x.Area).ToList();
        return areas.Count == 0 ? null : string.Join(",", areas);
    }

    private static List<string> Fill(ArticleAnalysis a, SentenceInfo s, Slot slot, Match m, ClauseSpan? clause, List<string> exclude, List<Candidate> earlier, int index, Dictionary<ActorMention, bool> agents, ref bool inferred)
    {
        var text = s.Text;
        var end = m.Index + m.Length;
        var ms = s.Mentions;
        switch (slot)
        {
            case Slot.Subject:
                return SubjectSlot(a, s, m, clause, exclude, earlier, index, agents, ref inferred);
            case Slot.Object:
                return ObjectSlot(s, m, exclude, ref inferred);
            case Slot.Agent:
                return AgentSlot(s, m, exclude, ref inferred);
            case Slot.Owner:
            {
                var x = ms.FirstOrDefault(x => x.Start >= m.Index && x.Start < end + 60 && !exclude.Contains(x.Code) && IsOwnerMention(text, x, m.Index, end));
                if (x is null) return [];
                if (x.How == MentionHow.Context) inferred = true;
                return [x.Code];
            }
            case Slot.OwnerBefore:
            {
                var near = ms.Where(x => x.End <= m.Index + 1 && x.End >= m.Index - 80 && !exclude.Contains(x.Code)).ToList();
                var x = near.LastOrDefault(x => OwnerTail().IsMatch(After(text, x.End, 40))) ?? near.LastOrDefault(x => !LocativeBefore().IsMatch(Before(text, x.Start)));
                if (x is null) return [];
                if (x.How == MentionHow.Context) inferred = true;
                return [x.Code];
            }
            case Slot.Host:
                return HostSlot(a, s, m, exclude, ref inferred);
            case Slot.Bloc:
            {
                var x = ms.FirstOrDefault(x => x.Start >= m.Index && x.Start <= end + 40 && x.IsBloc && !exclude.Contains(x.Code));
                return x is null ? [] : [x.Code];
            }
            case Slot.CoupCountry:
                return CoupCountry(a, s, m, ref inferred);
            case Slot.Inherited:
            {
                var prev = earlier.LastOrDefault(c => c.SentenceIndex >= index - 2 && c.Type is WorldEventType.TroopPresenceReported or WorldEventType.TroopsDeployed && c.Source is not null);
                if (prev?.Source is null) return [];
                inferred = true;
                return [prev.Source];
            }
            case Slot.With:
            {
                var x = ms.FirstOrDefault(x => x.Start > m.Index && x.Start < end + 100 && !exclude.Contains(x.Code) && !IsVenue(text, x)
                    && !text[end..Math.Max(end, x.Start)].Contains(',')
                    && WithBefore().IsMatch(text[Math.Max(0, x.Start - 12)..x.Start]));
                if (x is null) return [];
                if (x.How == MentionHow.Context) inferred = true;
                return [x.Code];
            }
            case Slot.HostingSubject:
            {
                var x = ms.LastOrDefault(x => x.End <= m.Index && x.IsState && !exclude.Contains(x.Code)
                    && Hosts().IsMatch(text[x.End..m.Index]));
                return x is null ? [] : [x.Code];
            }
            case Slot.Between:
            {
                var x = ms.FirstOrDefault(x => x.Start > m.Index && x.Start < end + 60 && !exclude.Contains(x.Code)
                    && BetweenBefore().IsMatch(text[Math.Max(0, x.Start - 12)..x.Start]));
                return x is null ? [] : [x.Code];
            }
            case Slot.SentenceSubject:
            {
                var x = ms.FirstOrDefault(x => x.End <= m.Index && IsAgent(a, text, x, agents) && !InOtherClause(s, x, null) && !exclude.Contains(x.Code));
                if (x is null) return [];
                if (x.How == MentionHow.Context) inferred = true;
                return [x.Code];
            }
            case Slot.OtherState:
            {
                var x = ms.FirstOrDefault(x => x.IsState && x.How != MentionHow.Demonym && !exclude.Contains(x.Code));
                if (x is null) return [];
                inferred = true;
                return [x.Code];
            }
            case Slot.Venue:
            {
                var x = ms.FirstOrDefault(x => x.IsState && x.How is MentionHow.Name or MentionHow.Capital && !exclude.Contains(x.Code) && InBefore().IsMatch(Before(text, x.Start)));
                if (x is null) return [];
                inferred = true;
                return [x.Code];
            }
            case Slot.Counterpart:
                return CounterpartSlot(a, exclude, ref inferred);
            case Slot.SubjectState:
                if (a.SubjectState is null || exclude.Contains(a.SubjectState)) return [];
                inferred = true;
                return [a.SubjectState];
        }
        return [];
    }

    private static List<string> SubjectSlot(ArticleAnalysis a, SentenceInfo s, Match m, ClauseSpan? clause, List<string> exclude, List<Candidate> earlier, int index, Dictionary<ActorMention, bool> agents, ref bool inferred)
    {
        var text = s.Text;
        var ms = s.Mentions;
        var gerund = clause is not null && GerundClause().IsMatch(text[clause.Start..]);
        var lower = clause is { Kind: not (SpanKind.Relative or SpanKind.Despite) } && !gerund ? clause.Start : 0;
        var candidates = ms.Where(x => x.End <= m.Index && x.Start >= lower && IsAgent(a, text, x, agents) && (gerund || !InOtherClause(s, x, clause))).ToList();
        if (CoordinatedPredicate().IsMatch(text[..m.Index]) && candidates.Count > 0 && !gerund)
        {
            var first = candidates.Where(x => !InOtherClause(s, x, null)).ToList();
            if (first.Count > 0) candidates = [first[0]];
        }
        if (TwoParties(a, s, index, text[lower..m.Index], lower, candidates) is { } pair)
        {
            inferred = true;
            return pair.Where(c => !exclude.Contains(c)).ToList();
        }
        if (candidates.Count == 0 && PersonPronoun().IsMatch(text[lower..m.Index]))
        {
            // "he", "she": the person last named in the sentences before, acting for their state.
            for (var k = index - 1; k >= Math.Max(0, index - 3); k--)
                if (a.Sentences[k].Mentions.LastOrDefault(x => x.How == MentionHow.Person) is { } person)
                {
                    inferred = true;
                    return exclude.Contains(person.Code) ? [] : [person.Code];
                }
            return [];
        }
        if (candidates.Count == 0 && Pronoun().IsMatch(text[lower..m.Index]))
        {
            var prev = earlier.LastOrDefault(c => c.SentenceIndex >= index - 2 && c.SentenceIndex <= index && c.Source is not null && c.Type != WorldEventType.CoupOccurred);
            if (prev?.Source is not null)
            {
                inferred = true;
                return [prev.Source];
            }
            // No event there: "it" is the first doer the previous sentence names ("The council said ... It suspended ...").
            if (index > 0 && a.Sentences[index - 1] is var ps
                && ps.Mentions.FirstOrDefault(x => x.How != MentionHow.Demonym && !IsVenue(ps.Text, x) && !LocativeBefore().IsMatch(Before(ps.Text, x.Start))) is { } doer)
            {
                inferred = true;
                return [doer.Code];
            }
        }
        if (candidates.Count == 0) return [];
        var chosen = new List<ActorMention> { candidates[^1] };
        for (var k = candidates.Count - 2; k >= 0; k--)
        {
            var between = text[candidates[k].End..chosen[^1].Start];
            // One noun phrase naming one actor twice ("Venezuela's President Nicolas Maduro"): go on from its first word.
            if (candidates[k].Code == chosen[^1].Code && between.Length <= 40 && !between.Contains(';'))
            {
                chosen[^1] = candidates[k];
                continue;
            }
            if (!Coordination().IsMatch(between) && !TitledCoordination(a, between)) break;
            chosen.Add(candidates[k]);
        }
        if (chosen.Any(c => c.How == MentionHow.Context)) inferred = true;
        return chosen.Select(c => c.Code).Distinct().Reverse().Where(c => !exclude.Contains(c)).ToList();
    }

    private static List<string> ObjectSlot(SentenceInfo s, Match m, List<string> exclude, ref bool inferred)
    {
        var text = s.Text;
        var end = m.Index + m.Length;
        var ms = s.Mentions;
        // A visit's host is where the visitor arrives ("arrived in Guinea"); any other event's venue is no party.
        var venues = !Visit().IsMatch(m.Value);
        var limit = Math.Min(text.Length, end + 100);
        var semi = text.IndexOf(';', end);
        if (semi >= 0) limit = Math.Min(limit, semi);
        var objects = ms.Where(x => x.Start > m.Index && x.Start < limit && !exclude.Contains(x.Code)
            && !(x.How == MentionHow.Demonym && PlaceNoun().IsMatch(After(text, x.End, 25))) && !IsPossessiveOfPlace(text, x) && !(venues && IsVenue(text, x))).ToList();
        if (objects.Count == 0) return [];
        var chosen = new List<ActorMention> { objects[0] };
        for (var k = 1; k < objects.Count && Coordination().IsMatch(text[chosen[^1].End..objects[k].Start]); k++)
            chosen.Add(objects[k]);
        if (chosen.Any(c => c.How == MentionHow.Context)) inferred = true;
        return chosen.Select(c => c.Code).Distinct().ToList();
    }

    private static List<string> AgentSlot(SentenceInfo s, Match m, List<string> exclude, ref bool inferred)
    {
        var text = s.Text;
        var end = m.Index + m.Length;
        var ms = s.Mentions;
        var by = By().Match(text[m.Index..Math.Min(text.Length, end + 40)]);
        if (!by.Success) return [];
        var at = m.Index + by.Index + 2;
        var agentsAfter = ms.Where(x => x.Start >= at && x.Start < at + 80 && !exclude.Contains(x.Code)).ToList();
        if (agentsAfter.Count == 0) return [];
        var chosenAgents = new List<ActorMention> { agentsAfter[0] };
        for (var k = 1; k < agentsAfter.Count; k++)
        {
            var between = text[chosenAgents[^1].End..agentsAfter[k].Start];
            // "by Ethiopian Prime Minister Abiy and Eritrean President Isaias": a demonym and its person are one agent.
            if (agentsAfter[k].Code == chosenAgents[^1].Code && between.Length <= 40) { chosenAgents[^1] = agentsAfter[k]; continue; }
            if (!Coordination().IsMatch(between) && !Coordination().IsMatch(Regex.Replace(between, @"^[\p{L}’' .-]{0,40}?(?=\s*(?:,|and\b))", ""))) break;
            chosenAgents.Add(agentsAfter[k]);
        }
        if (chosenAgents.Any(c => c.How == MentionHow.Context)) inferred = true;
        return chosenAgents.Select(c => c.Code).Distinct().ToList();
    }

    private static List<string> HostSlot(ArticleAnalysis a, SentenceInfo s, Match m, List<string> exclude, ref bool inferred)
    {
        var text = s.Text;
        var ms = s.Mentions;
        // A breakaway region forces leave ("from Nagorno-Karabakh") is hosted by the state it lies in.
        var x = ms.FirstOrDefault(x => x.Start >= m.Index && (x.IsState || RegionOf(a, x) is not null) && !exclude.Contains(x.Code)
            && (HostPreposition().IsMatch(Before(text, x.Start)) || x.How == MentionHow.Context));
        if (x is not null)
        {
            if (x.How == MentionHow.Context) inferred = true;
            var host = x.IsState ? x.Code : RegionOf(a, x)!;
            return exclude.Contains(host) ? [] : [host];
        }
        if (There().IsMatch(text[m.Index..]))
        {
            // "there" is the place last named before it ("its embassy in X ... its ambassador there"), else the article's state.
            var place = ms.LastOrDefault(x => x.End <= m.Index && x.IsState && !exclude.Contains(x.Code) && InBefore().IsMatch(Before(text, x.Start)))?.Code ?? a.SubjectState;
            if (place is not null && !exclude.Contains(place))
            {
                inferred = true;
                return [place];
            }
        }
        return [];
    }

    private static List<string> CounterpartSlot(ArticleAnalysis a, List<string> exclude, ref bool inferred)
    {
        var counts = new Dictionary<string, int>();
        foreach (var sentence in a.Sentences)
            foreach (var x in sentence.Mentions)
                if (x.IsState && x.How != MentionHow.Context && !exclude.Contains(x.Code)) counts[x.Code] = counts.GetValueOrDefault(x.Code) + 1;
        if (counts.Count == 0) return [];
        inferred = true;
        return [counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key];
    }

    [GeneratedRegex(@"\b(?:the\s+two|both)\s+(?:countries|nations|states|governments|neighbou?rs|capitals)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TwoPartiesPhrase();

    /// <summary>"the two nations had agreed": the doers are the two states the sentence names (else the sentences before it).</summary>
    private static List<string>? TwoParties(ArticleAnalysis a, SentenceInfo s, int index, string before, int offset, List<ActorMention> candidates)
    {
        if (!before.Contains("two", StringComparison.OrdinalIgnoreCase) && !before.Contains("both", StringComparison.OrdinalIgnoreCase)) return null;
        var phrase = TwoPartiesPhrase().Matches(before);
        if (phrase.Count == 0) return null;
        var at = offset + phrase[^1].Index;
        if (candidates.Count > 0 && candidates[^1].End > at) return null;
        var states = new List<string>();
        for (var k = index; k >= Math.Max(0, index - 2) && states.Count < 2; k--)
            foreach (var x in a.Sentences[k].Mentions)
                if (x.IsState && x.How != MentionHow.Context && !states.Contains(x.Code) && states.Count < 2) states.Add(x.Code);
        return states.Count == 2 ? states : null;
    }

    private static string? RegionOf(ArticleAnalysis a, ActorMention x) =>
        x.Kind == "breakaway region" && a.Resolver.Find(x.Code)?.Country is { } country ? country : null;

    [GeneratedRegex(@"^(?:after|since|before|following|prior\s+to|when|while)\s+\w+ing\b", RegexOptions.IgnoreCase)]
    private static partial Regex GerundClause();

    [GeneratedRegex(@"\b(?:and|but)\s+(?:then\s+|also\s+|later\s+|subsequently\s+|quickly\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex CoordinatedPredicate();

    [GeneratedRegex(@"\b(?:it|they|its|their)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Pronoun();

    [GeneratedRegex(@"\b(?:he|she)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PersonPronoun();

    private static bool InOtherClause(SentenceInfo s, ActorMention x, ClauseSpan? triggerClause)
    {
        var c = s.ClauseAt(x.Start);
        return c is not null && c != triggerClause && !(triggerClause is not null && c.Start <= triggerClause.Start && triggerClause.End <= c.End);
    }

    private static string Before(string text, int pos) => text[Math.Max(0, pos - 60)..pos];

    [GeneratedRegex(@"\b(?:talks|meeting|meetings|summit|conference|ceremony|forum|speech|address|statement|interview|session|gathering|rally|protest|negotiations|signing|event)\s+(?:[\w’'-]+\s+){0,2}(?:in|at)\s+(?:the\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex VenueBefore();

    [GeneratedRegex(@"\bin\s+(?:the\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex InBefore();

    [GeneratedRegex(@"\b(?:visit\w*|trip|tour|arriv\w*|travel\w*|went|delegation|mission)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Visit();

    /// <summary>Where something happens ("after talks in China", "at a news conference in Taipei") is no party to it; "intervention in X" is.</summary>
    private static bool IsVenue(string text, ActorMention x) => x.How is not MentionHow.Context && AfterInOrAt(text, x.Start) && VenueBefore().IsMatch(Before(text, x.Start));

    /// <summary>Whether the word before a position is "in" or "at" (or "the" after one): the cheap test before the pattern.</summary>
    private static bool AfterInOrAt(string text, int pos)
    {
        var span = text.AsSpan(0, pos).TrimEnd();
        for (var k = 0; k < 2; k++)
        {
            var start = span.LastIndexOfAny(' ', '\n', '\t') + 1;
            var word = span[start..];
            if (word.Equals("in", StringComparison.OrdinalIgnoreCase) || word.Equals("at", StringComparison.OrdinalIgnoreCase)) return true;
            if (!word.Equals("the", StringComparison.OrdinalIgnoreCase)) return false;
            span = span[..start].TrimEnd();
        }
        return false;
    }

    private static string After(string text, int pos, int n) => text[pos..Math.Min(text.Length, pos + n)];

    private static bool IsPossessiveOfPlace(string text, ActorMention x) =>
        Possessive().IsMatch(After(text, x.End, 3)) && PlaceNoun().IsMatch(After(text, x.End, 30)) && !AgentNear(text, x);

    private static bool AgentNear(string text, ActorMention x)
    {
        var words = Word().Matches(After(text, x.End, 50)).Select(w => w.Value).Take(4).ToList();
        if (words.Count > 0 && words[0] is "s") words.RemoveAt(0);
        return words.Take(3).Any(w => ActorResolver.Default.IsAgentNoun(w));
    }

    private static bool IsAgent(ArticleAnalysis a, string text, ActorMention x, Dictionary<ActorMention, bool> agents)
    {
        if (!agents.TryGetValue(x, out var agent)) agents[x] = agent = IsAgent(a, text, x);
        return agent;
    }

    /// <summary>Whether a mention can be the doer: not a place after a preposition, not a demonym or possessive of a non-agent ("Nigerien capital", "Bazoum's rule").</summary>
    private static bool IsAgent(ArticleAnalysis a, string text, ActorMention x)
    {
        if (LocativeBefore().IsMatch(Before(text, x.Start)) && !AlongWith().IsMatch(Before(text, x.Start))) return false;
        if (InsideParentheses(text, x.Start)) return false;
        var after = After(text, x.End, 60);
        var words = Word().Matches(after).Select(w => w.Value).ToList();
        if (x.How == MentionHow.Demonym)
        {
            if (words.Count > 0 && char.IsUpper(words[0][0]) && !PlaceNoun().IsMatch(words[0])) return true;
            return words.Take(3).Any(a.Resolver.IsAgentNoun);
        }
        if (Possessive().IsMatch(after) && x.How != MentionHow.Context)
            return words.Skip(1).Take(3).Any(a.Resolver.IsAgentNoun);
        return true;
    }

    private static bool InsideParentheses(string text, int pos)
    {
        var open = text.LastIndexOf('(', Math.Max(0, pos - 1));
        if (open < 0) return false;
        var close = text.IndexOf(')', open);
        return close < 0 || close > pos;
    }

    [GeneratedRegex(@"(?:(?<!\bout\s)\bof\s+(?:the\s+|all\s+|its\s+|their\s+|some\s+)*|" + Patterns.Forces + @"\s+of\s+(?:the\s+)?)$", RegexOptions.IgnoreCase)]
    private static partial Regex OwnerLead();

    [GeneratedRegex(@"^(?:[’']s)?\s+(?:\w+\s+){0,2}?(?:" + Patterns.Forces + @"|ambassador|envoy|diplomats?|delegation|military|officials)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OwnerTail();

    private static bool IsOwnerMention(string text, ActorMention x, int matchStart, int matchEnd) =>
        (x.Start >= matchStart && x.End <= matchEnd)
        || x.ContextRole == "colonizer"
        || OwnerLead().IsMatch(text[Math.Max(0, x.Start - 40)..x.Start])
        || OwnerTail().IsMatch(After(text, x.End, 40));

    [GeneratedRegex(@"^\W*in\s+(?:the\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex SettingLead();

    /// <summary>"In the UK, the prime minister condemned the coup": the place a reaction comes from, set off by a comma at the sentence start.</summary>
    private static bool IsSetting(string text, ActorMention x) => SettingLead().IsMatch(text[..x.Start]) && CommaNext().IsMatch(After(text, x.End, 2));

    private static List<string> CoupCountry(ArticleAnalysis a, SentenceInfo s, Match m, ref bool inferred)
    {
        var text = s.Text;
        var states = s.Mentions.Where(x => x.IsState && x.How != MentionHow.Context).ToList();
        var near = states.Where(x => Math.Abs(x.Start - m.Index) < 90).OrderBy(x => Math.Abs(x.Start - m.Index)).ToList();
        foreach (var x in near)
        {
            var before = text[..x.Start];
            if (IsSetting(text, x)) continue;
            var possessive = Possessive().IsMatch(After(text, x.End, 3)) && x.End <= m.Index && m.Index - x.End <= 30;
            var adjacent = x.End <= m.Index && text[x.End..m.Index].Trim().Length <= 12;
            // A person is the coup's country as its victim ("ousted President X", "X's overthrow"), not as one reacting to it.
            if ((x.How == MentionHow.Person && (x.Start > m.Index || possessive)) || possessive || adjacent || InOfBefore().IsMatch(before)
                || (x.How == MentionHow.Demonym && LeaderAfter().IsMatch(After(text, x.End, 40)))
                || x.How == MentionHow.Body)
                return [x.Code];
        }
        // "the military took power there": the state named before it in the sentence.
        if (ThereAfter().IsMatch(After(text, m.Index + m.Length, 8)) && states.LastOrDefault(x => x.End <= m.Index) is { } place)
            return [place.Code];
        if (a.SubjectState is null) return [];
        inferred = true;
        return [a.SubjectState];
    }

    [GeneratedRegex(@"^\s+there\b", RegexOptions.IgnoreCase)]
    private static partial Regex ThereAfter();

    /// <summary>
    /// The date stated for a trigger: the nearest date in its own clause; from the main clause, a date in an
    /// "after ..." clause is a lower bound and one in a "before ..." clause an upper bound (for observations, the date);
    /// a coup named in an "after"/"since" clause bounds the event by the coup's date, in a "when" clause dates it.
    /// </summary>
    private static (EventDate Date, bool Stated, CoupLink Link) DateFor(ArticleAnalysis a, SentenceInfo s, Match m, ClauseSpan? clause, WorldEventType type, Modality modality, List<int> otherTriggers)
    {
        // An announcement is dated when it was made: its dates are past, and the day the plan starts or ends ("from July 20") is not its date.
        var announcement = type is WorldEventType.CooperationResumptionAnnounced or WorldEventType.WithdrawalAnnounced or WorldEventType.BlocExitAnnounced;
        var future = modality != Modality.Asserted && !announcement;
        var link = CoupLink.None;
        var text = s.Text;
        if (type != WorldEventType.CoupOccurred)
        {
            foreach (Match r in CoupReference().Matches(text))
            {
                var rc = s.ClauseAt(r.Index);
                if (rc is null || rc == clause) continue;
                if (rc.Kind == SpanKind.After && rc.Start > (clause?.Start ?? -1)) link = CoupLink.After;
                else if (rc.Kind == SpanKind.When && link == CoupLink.None) link = CoupLink.When;
            }
            if (link == CoupLink.None && PostCoupContext().IsMatch(text)) link = CoupLink.PostCoupContext;
        }
        // A deadline ("asked troops to leave by January 31") is not when a demand was made.
        var deadlineIsNotTheDate = type is WorldEventType.WithdrawalDemanded or WorldEventType.AmbassadorExpelled;
        var dates = s.Dates.Where(d => (d.Past.Value is not null || d.Past.NotBefore is not null) && !(deadlineIsNotTheDate && d.Preposition is "by" or "until")
            && !(announcement && d.Preposition is "by" or "until" or "from")
            && (!d.Attributive || type == WorldEventType.CoupOccurred)).ToList();
        // A date belongs to the nearest trigger: one with another trigger in between is not this one's.
        // ... except a date that opens the sentence ("In January 2023, the junta ordered ... and terminated ..."): it dates every predicate.
        bool Opening(DateMention d) => d.Start <= 3 && CommaNext().IsMatch(text[d.End..Math.Min(text.Length, d.End + 2)]);
        // A trigger inside another subordinate clause ("following a military coup") does not take the main clause's date.
        bool Blocked(DateMention d) => !Opening(d) && otherTriggers.Any(o => ((o > m.Index && o < d.Start) || (o < m.Index && o > d.End))
            && (s.ClauseAt(o) is not { } oc || oc == clause || oc == s.ClauseAt(d.Start)));
        var same = dates.Where(d => s.ClauseAt(d.Start) == clause && !Blocked(d)).OrderBy(d => Distance(d, m)).ToList();
        if (same.Count > 0)
        {
            var d = same[0];
            var fut = d.Preposition is "by" or "until" || (future && !ReportedPast(text, m, d));
            var date = d.For(fut);
            if (d.Preposition == "since" && !Vocabulary.IsObservation(type)) return (EventDate.Unknown(date.Earliest), false, link);
            return (date, true, link);
        }
        if (clause is null || clause.Kind == SpanKind.Despite)
        {
            EventDate? result = null;
            foreach (var d in dates.OrderBy(d => Distance(d, m)))
            {
                var dc = s.ClauseAt(d.Start);
                if (dc is null) continue;
                if (dc.Kind == SpanKind.When) return (d.For(future), true, link);
                if (dc.Kind == SpanKind.Before)
                {
                    if (Vocabulary.IsObservation(type)) return (d.Past, true, link);
                    result ??= EventDate.Unknown(null, d.Past.Latest);
                }
                // "After the coup in 2006, the US suspended ...": a year stated in the "after" clause dates a past event by its own words.
                if (dc.Kind == SpanKind.After && dc.Start > m.Index - 200)
                    result ??= d.Past.Precision == DatePrecision.Year && !future && d.Past.Value?.Year < a.Article.Published.Year ? d.Past : EventDate.Unknown(d.Past.Earliest);
            }
            if (result is not null) return (result, result.Precision != DatePrecision.Unknown, link);
        }
        return (EventDate.Unknown(), false, link);
    }

    [GeneratedRegex(@"\b(?:said|announced|told|stated|declared|confirmed|revealed|added|noted|explained|reported|indicated|wrote|tweeted)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ReportingVerbBefore();

    /// <summary>"... announced on Wednesday": the date belongs to a past reporting verb, not to the intent.</summary>
    private static bool ReportedPast(string text, Match m, DateMention d) => ReportingVerbBefore().IsMatch(text[..d.Start]);

    private static int Distance(DateMention d, Match m) =>
        d.Start >= m.Index + m.Length ? d.Start - (m.Index + m.Length) : d.End <= m.Index ? m.Index - d.End : 0;
}
