using System.Text.RegularExpressions;
using Monitoring.Extraction.Actors;
using Monitoring.Extraction.Dates;
using Monitoring.Extraction.Reading;
using Monitoring.Extraction.Text;

namespace Monitoring.Extraction.Events;

public enum SpanKind { Main, After, Before, When, Relative, Despite }

/// <summary>A subordinate stretch of a sentence ("after the July coup", ", which came to power ...,"), relative to the sentence.</summary>
public sealed record ClauseSpan(int Start, int End, SpanKind Kind);

/// <summary>One sentence with what the rules need: its actors (context resolved), dates, subordinate clauses.</summary>
public sealed record SentenceInfo(Sentence Sentence, bool IsTitle, IReadOnlyList<ActorMention> Mentions, IReadOnlyList<DateMention> Dates, IReadOnlyList<ClauseSpan> Clauses)
{
    public string Text => Sentence.Text;

    /// <summary>The innermost subordinate clause holding a position, or null for the main clause.</summary>
    public ClauseSpan? ClauseAt(int pos)
    {
        // The latest-starting clause holding the position; the first such in list order on a tie.
        ClauseSpan? inner = null;
        foreach (var c in Clauses)
            if (c.Start <= pos && pos < c.End && (inner is null || c.Start > inner.Start)) inner = c;
        return inner;
    }
}

/// <summary>The discourse model of one article: sentences, the state it is about, actors and dates per sentence.</summary>
public sealed partial class ArticleAnalysis
{
    public Article Article { get; }
    public IReadOnlyList<SentenceInfo> Sentences { get; }
    /// <summary>The state the article is about: the host of the events, the one "the junta" and "the country" refer to.</summary>
    public string? SubjectState { get; }
    public ActorResolver Resolver { get; }

    [GeneratedRegex(@"(?:^|,\s*|\s)(?<w>after|following|since|before|prior\s+to|when|until|despite|which|who)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Subordinator();

    // Apart from the subordinators: "that" is in most sentences, and only this use of it opens a clause.
    [GeneratedRegex(@"\b(?<w>that)\s+(?:was|were|had|has|have)\s+\w+ed\b", RegexOptions.IgnoreCase)]
    private static partial Regex ThatRelative();

    [GeneratedRegex(@"\b(?:in|across|inside|from)$", RegexOptions.IgnoreCase)]
    private static partial Regex Locative();

    [GeneratedRegex(@"\b(?:to|into|of|on|against)$", RegexOptions.IgnoreCase)]
    private static partial Regex Directional();

    [GeneratedRegex(@"^(?:[’']s)?\s+(?:new\s+|ruling\s+|military\s+)?(?:government|junta|military|leadership|leaders|rulers|authorities|president|armed\s+forces|army)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Governed();

    public ArticleAnalysis(Article article, ActorResolver resolver)
    {
        Article = article;
        Resolver = resolver;
        var text = article.OriginalText;
        var regions = PageLayout.Regions(text);
        var sentences = SentenceSplitter.Split(text, regions);
        var titleEnd = regions.FirstOrDefault(r => r.IsTitle)?.End ?? -1;

        var raw = sentences.Select(s => resolver.FindMentions(s.Text)).ToList();
        SubjectState = ChooseSubject(sentences, raw, titleEnd);

        var infos = new List<SentenceInfo>();
        string? lastBloc = null;
        EventDateHolder lastDate = new();
        for (var i = 0; i < sentences.Count; i++)
        {
            var s = sentences[i];
            var mentions = new List<ActorMention>();
            foreach (var m in raw[i])
            {
                if (m.How == MentionHow.Context)
                {
                    // "the country" after a state named as a place in the same sentence ("in Mali last year, ... on the country") is that state.
                    var code = m.ContextRole == "lastState" ? PlaceNamedBefore(s.Text, raw[i], m) ?? SubjectState : resolver.ResolveContext(m.ContextRole, SubjectState, lastBloc);
                    if (code is null) continue;
                    var kind = resolver.Find(code)?.Kind ?? "state";
                    mentions.Add(m with { Code = code, Kind = kind });
                    continue;
                }
                var mention = m;
                // A person acts for whom they held office for on the article's date (von der Leyen for Germany in 2015, the EU in 2023).
                if (m.How == MentionHow.Person && resolver.PersonCodeOn(m.Text, article.Published) is { } actingFor && actingFor != m.Code)
                    mention = m with { Code = actingFor, Kind = resolver.Find(actingFor)?.Kind ?? m.Kind };
                // "the regional bloc" is the last bloc named, not a world organisation named since.
                if (mention.IsBloc && (mention.Kind == "bloc" || lastBloc is null)) lastBloc = mention.Code;
                mentions.Add(mention);
            }
            var dates = new List<DateMention>();
            foreach (var d in DateResolver.Find(s.Text, article.Published))
            {
                if (d.Shift is { } shift)
                {
                    if (lastDate.Value is null) continue;
                    var shifted = DateResolver.Apply(lastDate.Value, shift);
                    dates.Add(d with { Past = shifted, Future = null });
                    lastDate.Value = shifted;
                    continue;
                }
                dates.Add(d);
                if (d.Past.Value is not null && !d.Attributive) lastDate.Value = d.Past;
            }
            infos.Add(new SentenceInfo(s, s.End <= titleEnd, mentions, dates, Clauses(s.Text)));
        }
        Sentences = infos;
    }

    private sealed class EventDateHolder { public Monitoring.Domain.EventDate? Value; }

    private static string? PlaceNamedBefore(string text, IReadOnlyList<ActorMention> mentions, ActorMention phrase) =>
        mentions.LastOrDefault(x => x.End <= phrase.Start && x.IsState && x.How is MentionHow.Name or MentionHow.Capital
            && Locative().IsMatch(text[Math.Max(0, x.Start - 20)..x.Start].TrimEnd()))?.Code;

    private static IReadOnlyList<ClauseSpan> Clauses(string text)
    {
        var result = new List<ClauseSpan>();
        // Most sentences have no subordinator at all; its cue (after, since, which, ...) says so without the pattern.
        var subordinators = TriggerCue.Of(Subordinator()).MayMatchText(text);
        var relatives = TriggerCue.Of(ThatRelative()).MayMatchText(text);
        if (!subordinators && !relatives) return result;
        var found = new List<Match>();
        if (subordinators) found.AddRange(Subordinator().Matches(text));
        if (relatives) found.AddRange(ThatRelative().Matches(text));
        if (subordinators && relatives) found.Sort((x, y) => x.Groups["w"].Index.CompareTo(y.Groups["w"].Index));
        foreach (var m in found)
        {
            var w = m.Groups["w"].Value.ToLowerInvariant();
            var startsAfterComma = m.Value.TrimStart().StartsWith(',');
            SpanKind kind;
            if (w is "which" or "who")
            {
                if (!startsAfterComma) continue;
                kind = SpanKind.Relative;
            }
            else if (w == "that") kind = SpanKind.Relative; // "relations that were severed in 2019": the relative tells its own, earlier event
            else kind = w switch
            {
                "after" or "following" or "since" => SpanKind.After,
                "before" or "until" => SpanKind.Before,
                "when" => SpanKind.When,
                "despite" => SpanKind.Despite,
                _ => SpanKind.Before, // prior to
            };
            var start = m.Groups["w"].Index;
            var end = start + m.Groups["w"].Length;
            while (end < text.Length && text[end] is not (',' or ';' or '—' or '(')) end++;
            result.Add(new ClauseSpan(start, end, kind));
        }
        return result;
    }

    /// <summary>
    /// The state most spoken of as a place and in coup or junta talk; other states act on it. Mentions in the
    /// headline weigh double; ties go to the first named.
    /// </summary>
    private static string? ChooseSubject(IReadOnlyList<Sentence> sentences, List<IReadOnlyList<ActorMention>> mentions, int titleEnd)
    {
        var score = new Dictionary<string, double>();
        var first = new Dictionary<string, int>();
        var order = 0;
        for (var i = 0; i < sentences.Count; i++)
        {
            var text = sentences[i].Text;
            var weight = sentences[i].End <= titleEnd ? 2.0 : 1.0;
            foreach (var m in mentions[i])
            {
                if (m.How == MentionHow.Context || !m.IsState) continue;
                first.TryAdd(m.Code, order++);
                var before = text[Math.Max(0, m.Start - 40)..m.Start].TrimEnd();
                var locative = Locative().IsMatch(before);
                var directional = Directional().IsMatch(before);
                var governed = Governed().IsMatch(text[m.End..Math.Min(text.Length, m.End + 40)]);
                // Demonyms and people mostly modify foreign actors ("French troops", "US envoy"); places are where events happen.
                var s = m.How is MentionHow.Person or MentionHow.Demonym ? 0.5 : 1.0 + (locative ? 3 : 0) + (directional ? 1 : 0) + (governed ? 2 : 0);
                score[m.Code] = score.GetValueOrDefault(m.Code) + s * weight;
            }
        }
        return score.Count == 0 ? null : score.OrderByDescending(kv => kv.Value).ThenBy(kv => first[kv.Key]).First().Key;
    }
}
