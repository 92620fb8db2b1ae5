using Monitoring.Feeds.Inputs;

namespace Monitoring.Feeds.Tests;

public sealed class InputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("monitor-inputs-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void json_lines_as_bench_generate_writes_them_are_dated_articles()
    {
        var path = Write("articles.jsonl",
            """
            {"id":"a1","story":"s1","publisher":"Wire One","url":"https://one.example/a1","published":"2024-03-16","title":"Niger ends accord","text":"Niger revoked its military accord with the United States on Saturday."}

            {"id":"a2","publisher":"Wire Two","url":"https://two.example/a2","published":"2024-03-17","title":"Reaction","text":"Washington said it was concerned."}
            """);

        var records = ArticleInputs.Read(path).ToList();

        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Null(r.Problem));
        Assert.Equal(new DateOnly(2024, 3, 16), records[0].Article!.Published);
        Assert.Equal("Wire One", records[0].Article!.Publisher);
        Assert.Equal("https://one.example/a1", records[0].Article!.Url);
        Assert.Equal("line 3", records[1].Position); // the blank line 2 counts
    }

    [Fact]
    public void a_bad_json_line_is_rejected_with_its_line_number_and_the_others_are_read()
    {
        var path = Write("mixed.jsonl",
            """
            {"text":"Chad ended defence cooperation with France.","published":"2024-11-28"}
            {"text": "broken
            {"text":"An undated line with no date in it."}
            {"title":"no text"}
            {"text":"Senegal asked French troops to leave.","published":"2024-11-29"}
            """);

        var records = ArticleInputs.Read(path).ToList();

        Assert.Equal(5, records.Count);
        Assert.Equal(["line 2", "line 3", "line 4"], records.Where(r => r.Article is null).Select(r => r.Position));
        Assert.StartsWith("malformed JSON", records[1].Problem);
        Assert.StartsWith("undated article", records[2].Problem);
        Assert.Contains("missing or empty \"text\"", records[3].Problem);
        Assert.Equal($"{path}, line 2", records[1].Where);
        Assert.NotNull(records[4].Article);
    }

    [Fact]
    public void csv_rows_are_articles_with_quoted_fields_and_any_column_order()
    {
        var path = Write("articles.csv",
            "Title,Published,Publisher,URL,Text\n" +
            "Accord revoked,2024-03-16,Wire One,https://one.example/a1,\"Niger revoked its accord, effective at once.\nA second paragraph.\"\n" +
            "Troops leave,2024-09-15T10:00:00Z,Wire Two,https://two.example/a2,The last troops left.\n");

        var records = ArticleInputs.Read(path).ToList();

        Assert.Equal(2, records.Count);
        var first = records[0].Article!;
        Assert.Equal("Accord revoked", first.Title);
        Assert.Contains("effective at once.\nA second paragraph.", first.OriginalText);
        Assert.Equal(new DateOnly(2024, 3, 16), first.Published);
        Assert.Equal(new DateOnly(2024, 9, 15), records[1].Article!.Published);
        Assert.Equal("row 2", records[0].Position);
    }

    [Fact]
    public void a_bad_csv_row_names_its_row_and_the_problem()
    {
        var path = Write("bad.csv",
            "text,published\n" +
            "Mali left the bloc.,2024-01-28\n" +
            "Burkina Faso left too.,last Sunday\n" +
            ",2024-01-29\n" +
            "Niger left as well.,2024-01-28\n");

        var records = ArticleInputs.Read(path).ToList();

        Assert.Equal(4, records.Count);
        Assert.Equal("row 3", records[1].Position);
        Assert.Equal("\"published\" is not a date: last Sunday", records[1].Problem);
        Assert.Equal("row 4", records[2].Position);
        Assert.StartsWith("empty article", records[2].Problem);
        Assert.NotNull(records[3].Article);
    }

    [Fact]
    public void a_broken_quote_stops_the_csv_at_its_row()
    {
        var path = Write("quote.csv", "text,published\nFine.,2024-01-28\n\"Broken \"quote\" here,2024-01-29\nAfter.,2024-01-30\n");

        var records = ArticleInputs.Read(path).ToList();

        Assert.NotNull(records[0].Article);
        var broken = records[^1];
        Assert.Null(broken.Article);
        Assert.Equal("row 3", broken.Position);
        Assert.StartsWith("malformed CSV", broken.Problem);
    }

    [Fact]
    public void a_csv_without_a_text_column_is_refused_whole_naming_its_columns()
    {
        var path = Write("no-text.csv", "headline,date\nA,2024-01-01\n");

        var e = Assert.Throws<InputException>(() => ArticleInputs.Read(path).ToList());

        Assert.Contains("no \"text\" column (its columns: headline, date)", e.Message);
    }

    [Fact]
    public void a_path_that_does_not_exist_is_a_clear_error()
    {
        var e = Assert.Throws<InputException>(() => ArticleInputs.Read(Path.Combine(_folder, "nonexistent")));

        Assert.Equal($"no such file or folder: {Path.Combine(_folder, "nonexistent")}", e.Message);
    }

    [Fact]
    public void an_empty_file_says_it_holds_no_article()
    {
        var records = ArticleInputs.Read(Write("empty.jsonl", "\n\n")).ToList();

        Assert.Equal("empty file: no article in it", Assert.Single(records).Problem);
    }

    [Fact]
    public void a_json_array_is_one_article_an_item()
    {
        var path = Write("batch.json", """[{"text":"Gabon's junta took power.","published":"2023-08-30"}, {"text":""}]""");

        var records = ArticleInputs.Read(path).ToList();

        Assert.NotNull(records[0].Article);
        Assert.Equal("item 2", records[1].Position);
        Assert.Contains("missing or empty", records[1].Problem);
    }
}
