using System.CommandLine;
using Monitoring.Api.Articles;
using Monitoring.Store.Articles;
using Spectre.Console;

namespace Monitoring.Cli.Commands;

/// <summary><c>monitor articles [--search]</c>: the stored articles, newest recorded first, as GET /articles lists them.</summary>
public static class ArticlesCommand
{
    public static Command Create()
    {
        var search = new Option<string?>("--search") { Description = "Full-text search of title and text: words, \"a phrase\", -not, or (English stemming)" };
        var publisher = new Option<string?>("--publisher") { Description = "Only this publisher (any case; % as wildcard)" };
        var from = new Option<string?>("--from") { Description = "Published on or after this date (yyyy-MM-dd)" };
        var to = new Option<string?>("--to") { Description = "Published on or before this date (yyyy-MM-dd)" };
        var limit = new Option<int>("--limit") { Description = "At most this many articles", DefaultValueFactory = _ => 50 };
        var command = new Command("articles", "The stored articles, newest recorded first.\n\nExamples:\n  monitor articles --search \"military accord\"\n  monitor articles --search withdraw --from 2024-01-01 --json")
        {
            search, publisher, from, to, limit, Output.JsonOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            var query = new ArticleQuery(parse.GetValue(search), OptionText.Date(parse.GetValue(from), "--from"), OptionText.Date(parse.GetValue(to), "--to"),
                parse.GetValue(publisher), null, Math.Clamp(parse.GetValue(limit), 1, 10_000));
            if (query.From > query.To) throw new CliException($"--to {query.To:yyyy-MM-dd} is before --from {query.From:yyyy-MM-dd}", 2);
            await using var host = await CliHost.StartAsync(ct);
            var articles = await host.Get<ArticleService>().ListAsync(query, ct);
            if (parse.GetValue(Output.JsonOption)) Output.WriteJson(articles);
            else if (articles.Count == 0) Console.Error.WriteLine(query.Search is null ? "no article stored yet: monitor ingest FILE..." : $"no stored article matches '{query.Search}'");
            else
            {
                var table = new Table().AddColumns("published", "publisher", "title", "id", "extractor");
                foreach (var a in articles)
                    table.AddRow(a.Published.ToString("yyyy-MM-dd"), Output.Text(a.Publisher ?? ""), Output.Text(a.Title ?? a.Url ?? ""), a.ArticleId, a.ExtractorVersion);
                AnsiConsole.Write(table);
            }
            return 0;
        });
        return command;
    }
}
