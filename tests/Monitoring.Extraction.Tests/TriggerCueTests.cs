using System.Text.RegularExpressions;
using Monitoring.Corpus;
using Monitoring.Extraction.Events;
using Monitoring.Extraction.Events.Rules;
using Monitoring.Extraction.Text;

namespace Monitoring.Extraction.Tests;

public sealed class TriggerCueTests
{
    /// <summary>
    /// The cue is searched in folded text: that is only lossless if every character a case-insensitive pattern
    /// equates with an ASCII character folds to that character's lower case. Checked over the whole BMP.
    /// </summary>
    [Fact]
    public void folding_keeps_every_case_insensitive_equivalent_of_ascii()
    {
        var all = string.Create(char.MaxValue + 1, 0, static (dst, _) => { for (var c = 0; c < dst.Length; c++) dst[c] = (char)c; });
        var folded = TriggerCue.Fold(all);
        for (var a = 0x20; a < 0x7F; a++)
        {
            var literal = new Regex(Regex.Escape(((char)a).ToString()), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            foreach (Match m in literal.Matches(all))
                Assert.True(folded[m.Index] == char.ToLowerInvariant((char)a), $"U+{m.Index:X4} matches '{(char)a}' but folds to U+{(int)folded[m.Index]:X4}");
        }
    }

    [Fact]
    public void every_rule_of_the_book_has_a_cue()
    {
        var missing = RuleBook.All.Where(r => TriggerCue.Of(r.Trigger).Sets.Count == 0).Select(r => r.Id).ToList();
        Assert.True(missing.Count == 0, "rules without a cue: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData(@"\b(?:withdraw|withdrew)\b", "withdraw|withdrew")]
    [InlineData(@"\bsanctions?\s+(?:were\s+)?imposed", "sanction", "imposed")]
    [InlineData(@"(?:a|b?)c", "c")]
    [InlineData(@"(?<!not\s)(?:end|ending)\s+of", "ending|end", "of")]
    [InlineData(@"x{0,3}yz", "yz")]
    [InlineData(@"(?:cut|halt)\s+(?:off\s+)?\w*\s+(?:aid|support)|freeze\s+(?:on\s+)?ties", "cut|halt|freeze")]
    public void cue_holds_the_literals_every_match_needs(string pattern, params string[] expected)
    {
        var sets = TriggerCue.Of(new Regex(pattern, RegexOptions.IgnoreCase)).Sets;
        Assert.Equal(expected.Select(e => string.Join('|', e.Split('|').Order())).Order(), sets.Select(set => string.Join('|', set.Order())).Order());
    }

    [Fact]
    public void every_trigger_match_holds_its_cue()
    {
        foreach (var g in new CorpusGenerator(7).Generate(300))
            foreach (var s in SentenceSplitter.Split(g.Text))
            {
                var folded = TriggerCue.Fold(s.Text);
                foreach (var r in RuleBook.All)
                    if (r.Trigger.IsMatch(s.Text))
                        Assert.True(TriggerCue.Of(r.Trigger).MayMatch(folded), $"{r.Id} matches \"{s.Text}\" without its cue");
            }
    }
}

public sealed class CueIndexTests
{
    /// <summary>The automaton must say exactly what searching each rule's cue in the folded sentence says.</summary>
    [Fact]
    public void cue_index_agrees_with_each_rules_cue()
    {
        var index = CueIndex.Of(RuleBook.All);
        var texts = new CorpusGenerator(11).Generate(200).SelectMany(g => SentenceSplitter.Split(g.Text)).Select(s => s.Text)
            .Concat(["", "WITHDREW", "ſanctions were imposed on", "The \u212Aremlin expelled the ENVOY", "talks-began", "withdrawalwithdrawal"]);
        foreach (var text in texts)
        {
            var present = index.Scan(text);
            var folded = TriggerCue.Fold(text);
            for (var r = 0; r < RuleBook.All.Count; r++)
                Assert.True(TriggerCue.Of(RuleBook.All[r].Trigger).MayMatch(folded) == index.MayMatch(r, present), $"{RuleBook.All[r].Id} on \"{text}\"");
        }
    }
}
