using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Monitoring.Corpus;
using Monitoring.Domain;
using Monitoring.Extraction.Actors;
using Monitoring.Extraction.Evaluation;
using Monitoring.Extraction.Events;
using Monitoring.Extraction.Reading;

namespace Monitoring.Extraction.Tests;

/// <summary>
/// Pins what the extractor produces on the first 1,000 benchmark articles (seed 42) and the seeds, so that a
/// change meant only to make extraction faster is proven not to change a single event, mention or date.
/// Each article gives one line with a fingerprint of its analysis (sentences, actor mentions, dates, clauses,
/// subject state) and one line per event. After an intended change of output, re-approve on purpose:
/// MONITOR_APPROVE=1 dotnet test tests/Monitoring.Extraction.Tests --filter extraction_output_is_unchanged
/// </summary>
public sealed class ApprovalTests
{
    private const int Articles = 1000;

    [Fact]
    public void extraction_output_is_unchanged()
    {
        var received = Render();
        var root = Directory.GetParent(SeedEvaluationTests.SeedsDir)!.FullName;
        var approvedPath = Path.Combine(root, "tests", "Monitoring.Extraction.Tests", "Approved", "extraction.approved.txt");
        if (Environment.GetEnvironmentVariable("MONITOR_APPROVE") == "1")
        {
            File.WriteAllText(approvedPath, received);
            return;
        }
        var approved = File.ReadAllText(approvedPath).ReplaceLineEndings("\n");
        if (approved == received) return;
        var receivedPath = Path.ChangeExtension(approvedPath, ".received.txt");
        File.WriteAllText(receivedPath, received);
        var a = approved.Split('\n');
        var r = received.Split('\n');
        var i = 0;
        while (i < a.Length && i < r.Length && a[i] == r[i]) i++;
        Assert.Fail($"extraction output changed (see {receivedPath}); first difference at line {i + 1}:\n- {(i < a.Length ? a[i] : "<end>")}\n+ {(i < r.Length ? r[i] : "<end>")}");
    }

    /// <summary>The ingestion pipeline extracts on every core: the shared indexes (actor trie, cue automaton) must give the same events in parallel.</summary>
    [Fact]
    public void parallel_extraction_gives_the_sequential_events()
    {
        var articles = new CorpusGenerator(5).Generate(300).Select(g => ArticleReader.Read(g.Text, ArticleFormat.Text, g.Metadata)).ToArray();
        var sequential = articles.Select(a => Events(a)).ToArray();
        var parallel = new string[articles.Length];
        Parallel.For(0, articles.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = Events(articles[i]));
        Assert.Equal(sequential, parallel);

        static string Events(Article a)
        {
            var sb = new StringBuilder();
            Append(sb, "", a);
            return sb.ToString();
        }
    }

    private static string Render()
    {
        var sb = new StringBuilder();
        foreach (var g in new CorpusGenerator(42).Generate(Articles))
            Append(sb, g.Id, ArticleReader.Read(g.Text, ArticleFormat.Text, g.Metadata));
        var manifest = ManifestFile.Parse(File.ReadAllText(Path.Combine(SeedEvaluationTests.SeedsDir, "manifest.json")));
        foreach (var (file, meta) in manifest.OrderBy(x => x.Key, StringComparer.Ordinal))
            Append(sb, file, ArticleReader.Read(File.ReadAllBytes(Path.Combine(SeedEvaluationTests.SeedsDir, file)), ArticleReader.FormatOf(file), meta));
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string id, Article article)
    {
        var result = Extractor.Extract(article);
        sb.Append("# ").Append(id).Append(' ').Append(result.Sentences.Count).Append(" analysis:").Append(AnalysisFingerprint(article)).Append('\n');
        foreach (var e in result.Events)
        {
            sb.Append(e.Type).Append(' ').Append(e.Source ?? "-").Append("->").Append(e.Target ?? "-")
                .Append(" [").Append(string.Join('+', e.Parties)).Append("] area=").Append(e.Area ?? "-")
                .Append(" count=").Append(e.Count?.ToString(CultureInfo.InvariantCulture) ?? "-")
                .Append(" date=").Append(Date(e.Date)).Append(' ').Append(e.Modality.ToCode())
                .Append(" conf=").Append(e.Confidence.ToString("R", CultureInfo.InvariantCulture))
                .Append(' ').Append(e.RuleId).Append('@').Append(e.RuleVersion).Append(" ev=");
            foreach (var ev in e.Evidence) sb.Append(ev.SentenceIndex).Append(':').Append(ev.Start).Append('-').Append(ev.End).Append(';');
            sb.Append('\n');
        }
    }

    private static string Date(EventDate? d) => d is null ? "null" :
        $"{d.Value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "?"}/{d.Precision.ToCode()}/{d.NotBefore?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"}/{d.NotAfter?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"}";

    /// <summary>Everything the rules read: a change here that leaves the events equal on this corpus could still change them elsewhere.</summary>
    private static string AnalysisFingerprint(Article article)
    {
        var a = new ArticleAnalysis(article, ActorResolver.Default);
        var sb = new StringBuilder();
        sb.Append(a.SubjectState).Append('\n');
        foreach (var s in a.Sentences)
        {
            sb.Append(s.Sentence.Index).Append(':').Append(s.Sentence.Start).Append('-').Append(s.Sentence.End).Append(s.IsTitle ? " T" : "").Append('\n');
            foreach (var m in s.Mentions)
                sb.Append(" m ").Append(m.Start).Append('-').Append(m.End).Append(' ').Append(m.Code).Append(' ').Append(m.Kind).Append(' ').Append(m.How).Append(' ').Append(m.Text).Append(' ').Append(m.ContextRole).Append('\n');
            foreach (var d in s.Dates)
                sb.Append(" d ").Append(d.Start).Append('-').Append(d.End).Append(' ').Append(d.Text).Append(' ').Append(Date(d.Past)).Append(' ').Append(Date(d.Future))
                    .Append(' ').Append(d.Preposition).Append(' ').Append(d.Shift).Append(' ').Append(d.Attributive).Append('\n');
            foreach (var c in s.Clauses)
                sb.Append(" c ").Append(c.Start).Append('-').Append(c.End).Append(' ').Append(c.Kind).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16];
    }
}
