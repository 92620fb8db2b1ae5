using System.CommandLine;
using System.Globalization;
using Monitoring.Domain;
using Monitoring.Extraction;
using Monitoring.Extraction.Evaluation;
using Monitoring.Extraction.Reading;
using Spectre.Console;

namespace Monitoring.Cli.Commands;

/// <summary>`monitor eval GOLD.json`: the extractor against hand-made gold events. Needs no database.</summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var gold = new Argument<string>("gold") { Description = "A gold file in the format of seeds/expected.json; the articles and their manifest.json sit beside it" };
        var command = new Command("eval", "Precision, recall and F1 of the extractor against a gold file, overall and per type; date accuracy; must_not violations; misses and false alarms with their sentences.\n\nExamples:\n  monitor eval seeds/expected.json\n  monitor eval seeds/expected.json --json")
        {
            gold, Output.JsonOption,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(gold)!;
            if (!File.Exists(path)) throw new CliException($"{path}: no such gold file");
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            GoldSet set;
            IReadOnlyDictionary<string, ArticleMetadata> manifest;
            try
            {
                set = GoldSet.Parse(File.ReadAllText(path));
                var manifestPath = Path.Combine(folder, "manifest.json");
                manifest = File.Exists(manifestPath) ? ManifestFile.Parse(File.ReadAllText(manifestPath)) : new Dictionary<string, ArticleMetadata>();
            }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new CliException($"{path}: {e.Message}");
            }

            var extracted = new Dictionary<string, IReadOnlyList<ExtractedEvent>>();
            foreach (var article in set.Articles)
            {
                var file = Path.Combine(folder, article.File);
                if (!File.Exists(file)) throw new CliException($"{article.File}: listed in the gold file but missing beside it");
                try
                {
                    var read = ArticleReader.Read(File.ReadAllBytes(file), ArticleReader.FormatOf(file), manifest.GetValueOrDefault(article.File));
                    extracted[article.File] = Extractor.Extract(read).Events;
                }
                catch (ArticleRejectedException e)
                {
                    throw new CliException($"{article.File}: {e.Message}");
                }
            }
            var report = Scorer.Score(set, extracted);
            if (parse.GetValue(Output.JsonOption)) Output.WriteJson(new { extractor = Extractor.Version, report });
            else Print(report);
            return 0;
        });
        return command;
    }

    private static string F(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Causes(IReadOnlyDictionary<string, int> causes) =>
        causes.Count == 0 ? "none" : string.Join(", ", causes.Select(kv => $"{kv.Key} {kv.Value}"));

    private static void Print(EvalReport r)
    {
        var o = r.Overall;
        AnsiConsole.MarkupLine($"[bold]extractor {Extractor.Version}[/]: precision {F(o.Precision)}, recall {F(o.Recall)}, F1 {F(o.F1)} " +
            $"({o.Matched} of {o.Extracted} extracted matched; {o.Found} of {o.Gold} required gold events found); date accuracy {F(r.DateAccuracy)} over {r.DatesCompared}; " +
            $"{r.MustNotViolations.Count} must_not violation{(r.MustNotViolations.Count == 1 ? "" : "s")}");
        var t = r.TypeAndActors;
        AnsiConsole.MarkupLine($"type+actors alone: precision {F(t.Precision)}, recall {F(t.Recall)}, F1 {F(t.F1)} ({t.Matched} of {t.Extracted} extracted matched; {t.Found} of {t.Gold} found)");
        AnsiConsole.MarkupLine(Output.Text($"misses by cause: {Causes(r.MissCauses)}; false alarms by cause: {Causes(r.FalseAlarmCauses)}"));
        var table = new Table().AddColumns("type", "extracted", "matched", "gold", "found", "precision", "recall", "F1");
        foreach (var (type, f) in r.PerType.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            table.AddRow(type, f.Extracted.ToString(), f.Matched.ToString(), f.Gold.ToString(), f.Found.ToString(), F(f.Precision), F(f.Recall), F(f.F1));
        AnsiConsole.Write(table);
        foreach (var v in r.MustNotViolations)
            AnsiConsole.MarkupLine(Output.Text($"must_not violated in {v.File}: {v.ExtractedType} by {v.RuleId} on \"{v.MustNotQuote}\" ({v.Why})"));
        foreach (var m in r.Misses)
            Console.WriteLine($"missed in {m.File} [{m.Cause}]: {m.Type} {m.Actors} {m.Date}: \"{m.Quote}\"");
        foreach (var f in r.FalseAlarms)
            Console.WriteLine($"false alarm in {f.File} [{f.Cause}]: {f.Type} {f.Actors} {f.Date} ({f.RuleId}): \"{f.Sentence.ReplaceLineEndings(" ")}\"");
    }
}
