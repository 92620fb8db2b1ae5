using System.Text.Json;

namespace Monitoring.Corpus;

/// <summary>
/// Writes a corpus as it is generated (flat memory): <c>articles.jsonl</c> (one article a line: id, publisher, url,
/// published, title, text) and <c>expected.jsonl</c> (one line per article: its gold events and must-not statements,
/// in the format of seeds/expected.json).
/// </summary>
public static class CorpusWriter
{
    public sealed record Written(int Articles, int Events, long Bytes);

    public static Written Write(string directory, int articles, int seed, TextWriter? progress = null)
    {
        Directory.CreateDirectory(directory);
        using var texts = new StreamWriter(Path.Combine(directory, "articles.jsonl"));
        using var gold = new StreamWriter(Path.Combine(directory, "expected.jsonl"));
        var (count, events, bytes) = (0, 0, 0L);
        foreach (var a in new CorpusGenerator(seed).Generate(articles))
        {
            texts.WriteLine(JsonSerializer.Serialize(new { a.Id, a.Story, a.Publisher, a.Url, Published = a.Published.ToString("yyyy-MM-dd"), a.Title, a.Text }, CorpusJson.Options));
            gold.WriteLine(JsonSerializer.Serialize(new { File = a.Id, a.Events, a.MustNot }, CorpusJson.Options));
            count++;
            events += a.Events.Count;
            bytes += System.Text.Encoding.UTF8.GetByteCount(a.Text);
            if (progress is not null && count % 10_000 == 0) progress.WriteLine($"generated {count:N0}/{articles:N0} articles");
        }
        return new Written(count, events, bytes);
    }
}
