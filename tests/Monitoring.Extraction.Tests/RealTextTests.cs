using System.Text;
using FsCheck.Xunit;
using Monitoring.Extraction.Evaluation;
using Monitoring.Extraction.Events.Rules;
using Monitoring.Extraction.Reading;

namespace Monitoring.Extraction.Tests;

/// <summary>Real articles (the seeds and the development set), whole and cut, joined and re-spaced at random: events or none, never an exception.</summary>
public sealed class RealTextTests
{
    private static readonly Lazy<(string Text, ArticleMetadata Meta)[]> Real = new(() =>
    {
        var list = new List<(string, ArticleMetadata)>();
        foreach (var dir in new[] { SeedEvaluationTests.SeedsDir, Path.Combine(SeedEvaluationTests.SeedsDir, "dev") })
            foreach (var (file, meta) in ManifestFile.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json"))).OrderBy(x => x.Key, StringComparer.Ordinal))
                list.Add((File.ReadAllText(Path.Combine(dir, file)), meta));
        return list.ToArray();
    });

    private static readonly string[] Joins = ["", " ", "\n", "\n\n", ". ", ", ", " — ", "\r\n"];
    private static readonly string[] Spaces = [" ", "  ", "\n", "\t", "\u00A0", "\n\n", " \n "];

    public static TheoryData<int> Indexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Real.Value.Length; i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(Indexes))]
    public void every_real_article_extracts_without_an_exception(int index)
    {
        var (text, meta) = Real.Value[index];
        var result = Extractor.Extract(ArticleReader.Read(text, ArticleFormat.Text, meta));
        Assert.NotEmpty(result.Sentences);
    }

    /// <summary>Pieces of several real articles, cut anywhere (mid-word too), joined by assorted separators, their whitespace changed.</summary>
    [Property(MaxTest = 150)]
    public bool extraction_never_throws_on_real_text_cut_joined_and_respaced(int seed, int[]? cuts)
    {
        var random = new Random(seed);
        var articles = Real.Value;
        var sb = new StringBuilder();
        foreach (var c in (cuts ?? []).Take(6))
        {
            var text = articles[(int)((uint)c % (uint)articles.Length)].Text;
            var start = random.Next(text.Length);
            var length = random.Next(Math.Min(1500, text.Length - start) + 1);
            sb.Append(text, start, length).Append(Joins[random.Next(Joins.Length)]);
        }
        var respaced = new StringBuilder(sb.Length);
        foreach (var ch in sb.ToString())
            respaced.Append(char.IsWhiteSpace(ch) && random.Next(4) == 0 ? Spaces[random.Next(Spaces.Length)] : ch.ToString());
        var meta = articles[(int)((uint)seed % (uint)articles.Length)].Meta;
        try
        {
            var article = ArticleReader.Read(respaced.ToString(), ArticleFormat.Text, meta);
            var result = Extractor.Extract(article);
            return result.Events.All(e => e.Evidence.All(ev => article.OriginalText[ev.Start..ev.End] == ev.Quote));
        }
        catch (ArticleRejectedException)
        {
            return true; // empty after the cut: rejected in one line, which is the reader's answer
        }
    }

    /// <summary>.NET's compiled regexes loop without end (then overflow their stack) on a lazy loop inside a lookaround.</summary>
    [Fact]
    public void no_trigger_puts_a_lazy_loop_inside_a_lookaround()
    {
        Assert.True(HasLazyLoopInLookaround(@"a(?!\s+(?:\w+\s+){0,3}?b)"));
        Assert.False(HasLazyLoopInLookaround(@"a(?:\w+\s+){0,3}?(?!\s+(?:\w+\s+){0,3}b)[?]"));
        var offending = RuleBook.All.Where(r => HasLazyLoopInLookaround(r.Trigger.ToString()) || r.Requires is { } q && HasLazyLoopInLookaround(q.ToString())).Select(r => r.Id).ToList();
        Assert.Empty(offending);
    }

    private static bool HasLazyLoopInLookaround(string pattern)
    {
        var stack = new Stack<bool>(); // per open group: is it a lookaround?
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\') { i++; continue; }
            if (inClass) { if (c == ']') inClass = false; continue; }
            switch (c)
            {
                case '[': inClass = true; break;
                case '(':
                    var look = i + 2 < pattern.Length && pattern[i + 1] == '?' && (pattern[i + 2] is '=' or '!' || pattern[i + 2] == '<' && i + 3 < pattern.Length && pattern[i + 3] is '=' or '!');
                    stack.Push(look || stack.Count > 0 && stack.Peek());
                    break;
                case ')': if (stack.Count > 0) stack.Pop(); break;
                case '?' when i > 1 && pattern[i - 1] is '}' or '*' or '+' or '?' && pattern[i - 2] != '\\' && stack.Count > 0 && stack.Peek():
                    return true;
            }
        }
        return false;
    }
}
