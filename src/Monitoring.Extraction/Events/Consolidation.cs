using System.Text.RegularExpressions;
using Monitoring.Domain;
using Monitoring.Extraction.Dates;

namespace Monitoring.Extraction.Events;

/// <summary>
/// The article-level pass over sentence candidates: dates stated in a neighbouring sentence ("This statement was
/// broadcast ... on Saturday evening."), dates relative to another event ("just one day after ..."), bounds from a
/// dated coup ("after the July coup"), and one event per real-world event with all its evidence.
/// </summary>
public static partial class Consolidation
{
    [GeneratedRegex(@"^(?:This|The|That|These|Its|Their)\s+(?:\w+\s+){0,2}?(?:statement|announcement|decision|declaration|communiqu[ée]|press\s+release|order|move|message|decree|letter|broadcast|speech)s?\b|\bwas\s+(?:broadcast|announced|read\s+out|read|issued|published|aired|released)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AnaphoricDateSentence();

    [GeneratedRegex(@"^(?:The|This|That)\s+(?:\w+\s+)?(?:agreement|deal|accord|memorandum|pact|treaty|charter)\s+(?:was|had\s+been|has\s+been)\s+(?:reached|signed|concluded|inked|sealed)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AnaphoricAgreement();

    [GeneratedRegex(@"^(?:The|This|That)\s+(?:\w+\s+){0,2}?(?:move|decision|announcement|statement|declaration|step|development|communiqu[ée]|order|demand|call)\s+(?:\w+\s+){0,2}?(?:comes?|came|follows?|followed|was\s+made|were\s+made|happened|was\s+issued|was\s+announced)\s+(?<rel>(?:just\s+|only\s+|merely\s+)?(?<n>one|a|two|three|four|five|six|\d+)\s+days?\s+after|(?:just\s+|only\s+|merely\s+)?(?:a\s+few\s+|several\s+)?days\s+after|(?:just\s+|only\s+|mere\s+)?hours\s+after|(?:shortly|soon|just|right|immediately)\s+after|(?:a\s+few\s+|several\s+)?weeks\s+after|after|following|on\s+the\s+heels\s+of)?", RegexOptions.IgnoreCase)]
    private static partial Regex Anchored();

    public static IReadOnlyList<ExtractedEvent> Run(ArticleAnalysis a, List<Candidate> candidates)
    {
        var published = a.Article.Published;
        NeighbourDates(a, candidates);
        ReferenceTime(a, candidates);
        // Events dated relative to another ("one day after ...") wait for that one's date before merging.
        bool Deferred(Candidate c) => !c.DateStated && c.Date.Precision == DatePrecision.Unknown && c.Type != WorldEventType.CoupOccurred && !c.SupportOnly
            && Anchored().Match(a.Sentences[c.SentenceIndex].Text) is { Success: true } m && FirstClauseEnd(a.Sentences[c.SentenceIndex].Text, m.Index + m.Length) > c.TriggerStart;
        var merged = Merge(candidates.Where(c => !Deferred(c)).ToList());
        var deferred = candidates.Where(Deferred).ToList();
        Anchors(a, merged, deferred);
        merged.AddRange(deferred);
        CoupBounds(a, merged);
        foreach (var c in merged)
            if (c.Date.Precision == DatePrecision.Unknown && c.Modality == Modality.Asserted && c.Date.NotAfter is null)
                c.Date = c.Date with { NotAfter = c.Date.NotBefore is { } nb && nb > published ? null : published };
        merged = Merge(merged).Where(c => !c.SupportOnly).ToList();
        FoldLateAnnouncements(merged);
        return merged.OrderBy(c => c.Evidence.Min(e => e.SentenceIndex)).ThenBy(c => c.TriggerStart).Select(c => c.ToEvent()).ToList();
    }

    private static void NeighbourDates(ArticleAnalysis a, List<Candidate> candidates)
    {
        for (var j = 0; j < a.Sentences.Count; j++)
        {
            var s = a.Sentences[j];
            DateOwnedByAct(a, candidates, j);
            var date = s.Dates.Where(d => !d.Attributive && !Possessive(s, d)).OrderBy(d => s.ClauseAt(d.Start) is null ? 0 : 1).FirstOrDefault(d => s.ClauseAt(d.Start)?.Kind is null or SpanKind.After && d.Past.Precision != DatePrecision.Unknown);
            if (date is null) continue;
            var evidence = new Monitoring.Domain.Evidence(s.Sentence.Index, s.Sentence.Start, s.Sentence.End, s.Sentence.Text);
            if (AnaphoricAgreement().IsMatch(s.Text))
            {
                var prev = candidates.LastOrDefault(c => c.Type == WorldEventType.AgreementSigned && c.SentenceIndex < j && c.SentenceIndex >= j - 3);
                if (prev is not null && Rank(prev.Date) > Rank(date.Past))
                {
                    prev.Date = date.Past;
                    prev.DateStated = true;
                    prev.Evidence.Add(evidence);
                }
                continue;
            }
            // "On Monday, crowds gathered in the capital. Officials announced that ...": a sentence opening on a day and telling
            // no event of its own sets the time of the next one, when that one states none.
            // "The council said on Thursday ... It suspended ...": a sentence carried on by a pronoun is told at the same time.
            if (j + 1 < a.Sentences.Count && a.Sentences[j + 1].Dates.Count == 0 && LeadingPronoun().IsMatch(a.Sentences[j + 1].Text) && DayStated(a, s) is { } told)
                foreach (var c in candidates.Where(c => c.SentenceIndex == j + 1 && !c.DateStated && c.Date.Precision == DatePrecision.Unknown && c.Date.NotBefore is null
                             && c.Type != WorldEventType.CoupOccurred && !Vocabulary.IsObservation(c.Type)))
                {
                    c.Date = told.Past;
                    c.DateStated = true;
                    c.Confidence -= 0.1;
                    c.Evidence.Add(evidence);
                }
            // A day someone said something on dates the saying, not what follows.
            // ... unless that one opens on a time of its own ("Days before the inauguration, ...").
            if (!candidates.Any(c => c.SentenceIndex == j) && j + 1 < a.Sentences.Count && a.Sentences[j + 1].Dates.Count == 0 && !Saying().IsMatch(s.Text)
                && !OwnTimeOpening().IsMatch(a.Sentences[j + 1].Text)
                && DayStated(a, s, maxStart: 40) is { } opening)
                foreach (var c in candidates.Where(c => c.SentenceIndex == j + 1 && !c.DateStated && c.Date.Precision == DatePrecision.Unknown && c.Date.NotBefore is null
                             && c.Type != WorldEventType.CoupOccurred && !Vocabulary.IsObservation(c.Type)))
                {
                    c.Date = opening.Past;
                    c.DateStated = true;
                    c.Confidence -= 0.1;
                    c.Evidence.Add(evidence);
                }
            if (candidates.Any(c => c.SentenceIndex == j) || !AnaphoricDateSentence().IsMatch(s.Text)) continue;
            foreach (var c in candidates.Where(c => c.SentenceIndex is var k && k < j && k >= j - 2 && !c.DateStated && c.Date.Precision == DatePrecision.Unknown
                             && c.Type != WorldEventType.CoupOccurred && !Vocabulary.IsObservation(c.Type) && !Anchored().IsMatch(a.Sentences[c.SentenceIndex].Text))
                         .GroupBy(c => c.SentenceIndex).OrderByDescending(g => g.Key).FirstOrDefault() ?? Enumerable.Empty<Candidate>())
            {
                c.Date = date.Past;
                c.DateStated = true;
                c.Confidence -= 0.1;
                c.Evidence.Add(evidence);
            }
        }
    }

    [GeneratedRegex(@"^\W*(?:(?:just|only|some)\s+)?(?:(?:a|one|two|three|four|five|several|a\s+few|\d+)\s+)?(?:days?|weeks?|months?|hours?|years?)\s+(?:before|after|earlier|later|prior)\b|^\W*(?:shortly|soon|just|long|right)\s+(?:before|after)\b|^\W*(?:earlier|previously|before\s+that|by\s+then)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OwnTimeOpening();

    [GeneratedRegex(@"^(?:[’']s)?\s+(?<noun>\p{L}{5,})")]
    private static partial Regex OwnedNoun();

    /// <summary>
    /// "Thursday's appointments come days after ... X appointed Y as ambassador": a day owned by a noun dates the act the
    /// noun names (a word of the rule's trigger) when the next sentences tell it undated.
    /// </summary>
    private static void DateOwnedByAct(ArticleAnalysis a, List<Candidate> candidates, int j)
    {
        var s = a.Sentences[j];
        foreach (var d in s.Dates)
        {
            if (d.Attributive || d.Shift is not null || d.Past.Precision != DatePrecision.Day || !Possessive(s, d)) continue;
            var noun = OwnedNoun().Match(s.Text[d.End..]);
            if (!noun.Success) continue;
            var stem = noun.Groups["noun"].Value.ToLowerInvariant()[..5];
            foreach (var c in candidates.Where(c => c.SentenceIndex > j && c.SentenceIndex <= j + 2 && !c.DateStated && c.Date.Precision == DatePrecision.Unknown
                         && c.Date.NotBefore is null && c.Type != WorldEventType.CoupOccurred && !Vocabulary.IsObservation(c.Type)))
            {
                var rule = Rules.RuleBook.All.FirstOrDefault(r => r.Id == c.RuleId);
                if (rule is null || !rule.Trigger.ToString().Contains(stem, StringComparison.OrdinalIgnoreCase)) continue;
                c.Date = d.Past;
                c.DateStated = true;
                c.Evidence.Add(new Monitoring.Domain.Evidence(s.Sentence.Index, s.Sentence.Start, s.Sentence.End, s.Sentence.Text));
            }
        }
    }

    [GeneratedRegex(@"\b(?:has|have|is|are)\s+(?:[\w’'-]+\s+){0,5}$", RegexOptions.IgnoreCase)]
    private static partial Regex PresentBefore();

    [GeneratedRegex(@"^\s*[’']s\b")]
    private static partial Regex PossessiveAfter();

    private static bool Possessive(SentenceInfo s, DateMention d) => d.Text.EndsWith("'s", StringComparison.Ordinal) || d.Text.EndsWith("’s", StringComparison.Ordinal) || PossessiveAfter().IsMatch(s.Text[d.End..]);

    [GeneratedRegex(@"^\W*(?:It|They|He|She)\b")]
    private static partial Regex LeadingPronoun();

    [GeneratedRegex(@"\b(?:said|says|told|added|adding|stated|tweeted|wrote)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Saying();

    private static string Tail(string text, int end) => text[Math.Max(0, end - 80)..end];

    /// <summary>How many body sentences open the story (the lead).</summary>
    private const int Lead = 4;

    /// <summary>A day stated in a sentence's own clause, as a reader dates a neighbour by it: recent, not a possessive ("Sunday's vote").</summary>
    private static DateMention? DayStated(ArticleAnalysis a, SentenceInfo s, int maxStart = int.MaxValue) =>
        s.Dates.FirstOrDefault(d => !d.Attributive && d.Shift is null && d.Start <= maxStart && d.Past.Precision == DatePrecision.Day && s.ClauseAt(d.Start) is null
            && d.Past.Value <= a.Article.Published && d.Past.Value >= a.Article.Published.AddDays(-14) && !Possessive(s, d));

    /// <summary>
    /// The narrative's reference time. An undated event the lead tells in the present or present perfect ("X has cut
    /// ties with Y") is the story's news: the same event dated in the body, else the day the next sentence states
    /// ("... arrived on Sunday"), else the publication day. A headline's event joins the same event told in the body,
    /// or, told nowhere else, happened on the publication day.
    /// </summary>
    private static void ReferenceTime(ArticleAnalysis a, List<Candidate> candidates)
    {
        var published = a.Article.Published;
        var body = a.Sentences.Where(s => !s.IsTitle).ToList();
        var leadEnd = body.Count == 0 ? -1 : body[Math.Min(Lead, body.Count) - 1].Sentence.Index;
        var recent = DateResolver.Window(published.AddDays(-31), published);
        bool Undated(Candidate c) => !c.DateStated && c.Date.Precision == DatePrecision.Unknown && c.Date.NotBefore is null
            && (c.Modality == Modality.Asserted || c.Type is WorldEventType.CooperationResumptionAnnounced or WorldEventType.WithdrawalAnnounced or WorldEventType.BlocExitAnnounced)
            && !Vocabulary.IsObservation(c.Type) && c.Type != WorldEventType.CoupOccurred && !c.SupportOnly;
        bool SameActors(Candidate x, Candidate y) => x.Type == y.Type && x.Source == y.Source && x.Target == y.Target
            && x.Parties.OrderBy(p => p, StringComparer.Ordinal).SequenceEqual(y.Parties.OrderBy(p => p, StringComparer.Ordinal));
        bool Title(Candidate c) => a.Sentences[c.SentenceIndex].IsTitle;
        bool JoinTwin(Candidate c, Func<Candidate, bool> where)
        {
            var twin = candidates.FirstOrDefault(b => b != c && !Title(b) && where(b) && SameActors(b, c) && Compatible(b.Date, recent));
            if (twin is null) return false;
            foreach (var e in c.Evidence)
                if (!twin.Evidence.Any(x => x.SentenceIndex == e.SentenceIndex)) twin.Evidence.Add(e);
            // As a merge would: the areas of both readings, and the confidence of two sentences telling one event.
            twin.Area = string.Join(",", new[] { twin.Area, c.Area }.Where(x => !string.IsNullOrEmpty(x)).SelectMany(x => x!.Split(',')).Distinct()) is { Length: > 0 } ar ? ar : null;
            twin.Confidence = Math.Min(0.99, Math.Max(twin.Confidence, c.Confidence) + 0.05);
            // Named in either sentence: named.
            twin.ActorsInferred &= c.ActorsInferred;
            candidates.Remove(c);
            return true;
        }
        foreach (var c in candidates.Where(c => c.SentenceIndex <= leadEnd && !Title(c) && Undated(c) && c.Clause == SpanKind.Main
                     && PresentBefore().IsMatch(Tail(a.Sentences[c.SentenceIndex].Text, c.TriggerStart))).ToList())
        {
            if (JoinTwin(c, b => b.DateStated && b.Date.Precision != DatePrecision.Unknown)) continue;
            var next = c.SentenceIndex + 1 < a.Sentences.Count ? DayStated(a, a.Sentences[c.SentenceIndex + 1]) : null;
            c.Date = next?.Past ?? EventDate.Day(published);
            c.DateStated = true;
            c.Confidence -= 0.05;
        }
        // "X confirmed ... and said it would close its embassy": an intent the lead reports as said was announced at the story's time.
        foreach (var c in candidates.Where(c => c.SentenceIndex <= leadEnd && !Title(c) && c.Modality == Modality.Planned && !c.DateStated
                     && c.Date.Precision == DatePrecision.Unknown && c.Date.NotBefore is null && !c.SupportOnly && c.Clause == SpanKind.Main
                     && Saying().IsMatch(Tail(a.Sentences[c.SentenceIndex].Text, c.TriggerStart))).ToList())
        {
            if (JoinTwin(c, b => b.DateStated && b.Date.Precision != DatePrecision.Unknown)) continue;
            // The story's day: the last day the lead has stated so far, else the publication day.
            DateMention? told = null;
            for (var k = c.SentenceIndex; k >= 0 && told is null; k--)
                if (!a.Sentences[k].IsTitle) told = DayStated(a, a.Sentences[k]);
            c.Date = told?.Past ?? EventDate.Day(published);
            c.DateStated = true;
            c.Confidence -= 0.05;
        }
        foreach (var c in candidates.Where(c => Title(c) && Undated(c)).ToList())
        {
            if (JoinTwin(c, _ => true)) continue;
            c.Date = EventDate.Day(published);
            c.DateStated = true;
        }
    }

    /// <summary>
    /// An exit or withdrawal read from a noun ("X's official withdrawal from B is ...") on or after the day the
    /// article dates it done is the done one: one event, with both sentences as evidence.
    /// </summary>
    private static void FoldLateAnnouncements(List<Candidate> merged)
    {
        // Only a noun names the done event; a verb ("announced that it would withdraw") may announce on the very day.
        foreach (var c in merged.Where(c => c.Type is WorldEventType.BlocExitAnnounced or WorldEventType.WithdrawalAnnounced && c.Date.Earliest is not null
                     && c.RuleId.EndsWith(".noun", StringComparison.Ordinal)).ToList())
        {
            var done = c.Type == WorldEventType.BlocExitAnnounced ? WorldEventType.BlocExited : WorldEventType.WithdrawalCompleted;
            var twin = merged.FirstOrDefault(d => d.Type == done && d.Modality == Modality.Asserted && d.Source == c.Source && d.Target == c.Target
                && d.Date.Latest is { } end && end <= c.Date.Earliest);
            if (twin is null) continue;
            foreach (var e in c.Evidence)
                if (!twin.Evidence.Any(x => x.SentenceIndex == e.SentenceIndex)) twin.Evidence.Add(e);
            merged.Remove(c);
        }
    }

    private static void Anchors(ArticleAnalysis a, List<Candidate> merged, List<Candidate> deferred)
    {
        for (var j = 0; j < a.Sentences.Count; j++)
        {
            var s = a.Sentences[j];
            var m = Anchored().Match(s.Text);
            if (!m.Success) continue;
            var anchor = merged.Where(c => c.Date.Precision == DatePrecision.Day && c.Evidence.Any(e => e.SentenceIndex < j && e.SentenceIndex >= j - 6) && c.Type != WorldEventType.CoupOccurred && !Vocabulary.IsObservation(c.Type))
                .OrderByDescending(c => c.Evidence.Where(e => e.SentenceIndex < j).Max(e => e.SentenceIndex)).FirstOrDefault();
            if (anchor?.Date.Value is not { } day) continue;
            var rel = m.Groups["rel"].Value.ToLowerInvariant();
            EventDate date;
            if (m.Groups["n"].Success) date = EventDate.Day(day.AddDays(-Number(m.Groups["n"].Value)));
            else if (rel.Contains("hours")) date = EventDate.Day(day);
            else if (rel.Contains("weeks")) date = DateResolver.Window(day.AddDays(-56), day.AddDays(-7));
            else if (rel is "after" or "following") date = EventDate.Unknown(null, day);
            else date = DateResolver.Window(day.AddDays(-14), day);
            foreach (var c in deferred.Where(c => c.SentenceIndex == j))
            {
                c.Date = date;
                c.Confidence -= 0.1;
            }
        }
    }

    private static int FirstClauseEnd(string text, int from)
    {
        var comma = text.IndexOfAny([',', ';'], from);
        return comma < 0 ? text.Length : comma;
    }

    private static int Number(string s) => s.ToLowerInvariant() switch
    {
        "one" or "a" => 1, "two" => 2, "three" => 3, "four" => 4, "five" => 5, "six" => 6, var x => int.TryParse(x, out var n) ? n : 1,
    };

    private static void CoupBounds(ArticleAnalysis a, List<Candidate> merged)
    {
        var coup = merged.Where(c => c.Type == WorldEventType.CoupOccurred && c.Date.Value is not null && c.Date.Value <= a.Article.Published)
            .OrderBy(c => Rank(c.Date)).ThenBy(c => c.Source == a.SubjectState ? 0 : 1).FirstOrDefault();
        if (coup is null) return;
        foreach (var c in merged)
        {
            if (c.Type == WorldEventType.CoupOccurred || c.Date.Precision != DatePrecision.Unknown) continue;
            var involves = c.Source == coup.Source || c.Target == coup.Source || c.Parties.Contains(coup.Source!);
            if (!involves) continue;
            switch (c.CoupLink)
            {
                case CoupLink.When when !c.DateStated:
                    c.Date = coup.Date;
                    c.Confidence -= 0.1;
                    break;
                case CoupLink.After or CoupLink.PostCoupContext or CoupLink.When:
                    if (c.Date.NotBefore is null || c.Date.NotBefore < coup.Date.Earliest)
                        c.Date = c.Date with { NotBefore = coup.Date.Earliest };
                    break;
            }
        }
    }

    private static int Rank(EventDate d) => d.Precision switch
    {
        DatePrecision.Day => 0,
        DatePrecision.Month => 1,
        DatePrecision.Year => 2,
        _ => d.NotBefore is not null && d.NotAfter is not null ? 3 : d.NotBefore is not null || d.NotAfter is not null ? 4 : 5,
    };

    public static bool Compatible(EventDate x, EventDate y)
    {
        var a0 = x.Earliest ?? DateOnly.MinValue;
        var a1 = x.Latest ?? (x.Precision == DatePrecision.Unknown ? x.NotAfter : null) ?? DateOnly.MaxValue;
        var b0 = y.Earliest ?? DateOnly.MinValue;
        var b1 = y.Latest ?? (y.Precision == DatePrecision.Unknown ? y.NotAfter : null) ?? DateOnly.MaxValue;
        return a0 <= b1 && b0 <= a1;
    }

    private static bool SameEvent(Candidate x, Candidate y)
    {
        var sameType = x.Type == y.Type
            || (IsRupture(x.Type) && IsRupture(y.Type) && x.Evidence.Concat(y.Evidence).Select(e => e.SentenceIndex).Distinct().Max() - x.Evidence.Concat(y.Evidence).Select(e => e.SentenceIndex).Min() <= 2);
        if (!sameType) return false;
        if (x.Source != y.Source || x.Target != y.Target) return false;
        if (!x.Parties.OrderBy(p => p).SequenceEqual(y.Parties.OrderBy(p => p))) return false;
        if (x.Count is not null && y.Count is not null && x.Count != y.Count) return false;
        return Compatible(x.Date, y.Date);
    }

    private static bool IsRupture(WorldEventType t) => t is WorldEventType.TiesSevered or WorldEventType.AgreementDenounced;

    public static List<Candidate> Merge(List<Candidate> candidates)
    {
        var groups = new List<Candidate>();
        foreach (var c in candidates)
        {
            var g = groups.FirstOrDefault(g => SameEvent(g, c));
            if (g is null)
            {
                groups.Add(c);
                continue;
            }
            var winner = Rank(c.Date) < Rank(g.Date) ? c : g;
            var date = winner.Date;
            if (Rank(c.Date) == Rank(g.Date) && date.Precision == DatePrecision.Unknown)
                date = EventDate.Unknown(Max(g.Date.NotBefore, c.Date.NotBefore), Min(g.Date.NotAfter, c.Date.NotAfter));
            else if (date.Precision != DatePrecision.Unknown)
            {
                var other = winner == c ? g : c;
                var nb = Max(date.NotBefore, other.Date.NotBefore);
                var na = Min(date.NotAfter, other.Date.NotAfter);
                if (nb is { } b && b >= date.Earliest && b <= date.Latest) date = date with { NotBefore = nb };
                if (na is { } e && e >= date.Earliest && e <= date.Latest) date = date with { NotAfter = na };
            }
            g.Date = date;
            g.DateStated |= c.DateStated;
            g.SupportOnly &= c.SupportOnly;
            g.Modality = winner.Modality;
            g.Count ??= c.Count;
            g.Area = string.Join(",", new[] { g.Area, c.Area }.Where(x => !string.IsNullOrEmpty(x)).SelectMany(x => x!.Split(',')).Distinct()) is { Length: > 0 } ar ? ar : null;
            foreach (var e in c.Evidence)
                if (!g.Evidence.Any(x => x.SentenceIndex == e.SentenceIndex)) g.Evidence.Add(e);
            g.Confidence = Math.Min(0.99, Math.Max(g.Confidence, c.Confidence) + 0.05);
            g.ActorsInferred &= c.ActorsInferred;
            if (c.CoupLink != CoupLink.None && g.CoupLink == CoupLink.None) g.CoupLink = c.CoupLink;
        }
        return groups;
    }

    private static DateOnly? Max(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;
    private static DateOnly? Min(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
