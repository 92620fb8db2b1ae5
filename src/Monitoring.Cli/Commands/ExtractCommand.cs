using System.CommandLine;
using Monitoring.Domain;
using Monitoring.Extraction;
using Monitoring.Extraction.Reading;

namespace Monitoring.Cli.Commands;

/// <summary>`monitor extract FILE`: the events of one article, with provenance. Needs no database.</summary>
public static class ExtractCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "An article (.txt, .json, .html), or - for standard input" };
        var published = new Option<string?>("--published") { Description = "Publication date (yyyy-MM-dd) if the article and its manifest.json carry none" };
        var command = new Command("extract", "Print the events the extractor reads in one article, with their provenance.\n\nExamples:\n  monitor extract seeds/003_a455b231be305d8d.txt\n  monitor extract article.html --published 2024-03-17 --json\n  cat article.txt | monitor extract - --published 2024-03-17")
        {
            file, published, Output.JsonOption,
        };
        command.SetAction(parse =>
        {
            var defaults = new ArticleMetadata(Published: parse.GetValue(published) is { } p ? Manifest.ParseDate(p) : null);
            var input = ArticleSources.Expand([parse.GetValue(file)!], defaults).Single();
            if (input.Unreadable is { } unreadable) throw new CliException($"{input.Origin}: {unreadable}");
            Article article;
            try
            {
                article = ArticleReader.Read(input.Content, input.Format, input.Metadata);
            }
            catch (ArticleRejectedException e)
            {
                throw new CliException($"{input.Origin}: {e.Message}");
            }
            var result = Extractor.Extract(article);
            if (parse.GetValue(Output.JsonOption))
                Output.WriteJson(new { extractor = Extractor.Version, published = article.Published, sentences = result.Sentences.Count, events = result.Events });
            else
                Print(article, result);
            return 0;
        });
        return command;
    }

    private static void Print(Article article, ExtractionResult result)
    {
        Console.WriteLine($"{article.Title ?? "(untitled)"} — {article.Publisher ?? "unknown publisher"}, published {article.Published:yyyy-MM-dd}");
        Console.WriteLine($"{result.Sentences.Count} sentences, {result.Events.Count} events (extractor {Extractor.Version})");
        foreach (var e in result.Events)
        {
            Console.WriteLine();
            Console.WriteLine($"{e.Type.Code()} {Actors(e)}{(e.Area is null ? "" : $" [{e.Area}]")}{(e.Count is null ? "" : $" count={e.Count}")}");
            Console.WriteLine($"  date {e.Date} ({e.Date.Precision.ToCode()}), {e.Modality.ToCode()}, confidence {e.Confidence:0.00}, rule {e.RuleId}@{e.RuleVersion}");
            foreach (var ev in e.Evidence)
                Console.WriteLine($"  sentence {ev.SentenceIndex} [{ev.Start}..{ev.End}]: \"{ev.Quote.ReplaceLineEndings(" ")}\"");
        }
    }

    public static string Actors(ExtractedEvent e) => e.Shape switch
    {
        ActorShape.Parties => string.Join(" + ", e.Parties),
        ActorShape.Country => e.Source ?? "?",
        _ => $"{e.Source} → {e.Target}",
    };
}
