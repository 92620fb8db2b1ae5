using System.Text;
using FsCheck.Xunit;
using Monitoring.Extraction.Reading;
using Monitoring.Extraction.Text;

namespace Monitoring.Extraction.Tests;

/// <summary>No input makes the reader (other than by rejecting), the splitter or the extractor throw; every quote is the text at its span.</summary>
public sealed class PropertyTests
{
    private static readonly ArticleMetadata Dated = new(Published: new DateOnly(2024, 3, 18));

    private static readonly string[] Vocabulary =
    [
        "Niger", "Mali", "Burkina Faso", "Chad", "the United States", "US", "us", "France", "French", "Russia", "ECOWAS", "the EU", "the junta", "the country",
        "the regional bloc", "the former colonial power", "Washington", "Niamey", "the Pentagon", "Nigerien", "American", "Bazoum", "Molly Phee",
        "suspended", "suspend", "resume", "plans to", "will", "would", "not", "no", "if", "denounced", "terminating", "revoked", "severed", "ties", "aid",
        "cooperation", "agreement", "with", "to", "from", "in", "by", "the", "a", "demanded", "the withdrawal of", "troops", "soldiers", "648", "1,000",
        "around", "stationed", "currently", "expelled", "ambassador", "coup", "overthrew", "sanctions", "lifted", "easing", "talks", "visit", "delegation",
        "left", "after", "since", "before", "when", "which", "who", "that", "said", "announced", "on Wednesday", "Saturday evening", "last week",
        "earlier this month", "a year ago", "four months later", "July 26", "26 July", "on 16 March", "July 2023", "in September", "by December 22",
        "just days after", "one day after", "This statement", "The move comes", "withdrawal from ECOWAS", "U.S.", "Gen.", "$1.5", "billion", ".", ",", ".",
        "hosts", "or face", "military intervention", "Talks between", "began", "In January 2023,", "agreed to strengthen", "asked", "to withdraw its troops",
        "was completed", "the 2021 coup", "just hours after", "“", "”", "’s", "'s", "(", ")", "\n", "\n\n", "—", ";", ":", "?", "!", "Photo:", "Powered by", "=====", "icon", "Leave a Reply",
    ];

    private static string Soup(int[]? picks)
    {
        var sb = new StringBuilder();
        foreach (var p in picks ?? [])
        {
            var w = Vocabulary[(int)((uint)p % (uint)Vocabulary.Length)];
            sb.Append(w);
            sb.Append(p % 7 == 0 ? "" : " ");
        }
        return sb.ToString();
    }

    private static bool QuotesExact(Article article)
    {
        var result = Extractor.Extract(article);
        foreach (var s in result.Sentences)
            if (article.OriginalText.Substring(s.Start, s.End - s.Start) != s.Text) return false;
        foreach (var e in result.Events)
            foreach (var ev in e.Evidence)
                if (ev.Start < 0 || ev.End > article.OriginalText.Length || article.OriginalText.Substring(ev.Start, ev.End - ev.Start) != ev.Quote) return false;
        return result.Events.All(e => e.Confidence is > 0 and < 1);
    }

    private static bool ReadsOrRejects(Func<Article> read)
    {
        try
        {
            var article = read();
            return QuotesExact(article);
        }
        catch (ArticleRejectedException e)
        {
            return e.Message.Length > 0 && !e.Message.Contains('\n');
        }
    }

    [Property(MaxTest = 300)]
    public bool reader_accepts_or_rejects_any_bytes(byte[]? bytes, int format) =>
        ReadsOrRejects(() => ArticleReader.Read(bytes ?? [], (ArticleFormat)((uint)format % 3), Dated));

    [Property(MaxTest = 300)]
    public bool reader_accepts_or_rejects_any_string(string? text, int format) =>
        ReadsOrRejects(() => ArticleReader.Read(text ?? "", (ArticleFormat)((uint)format % 3), (uint)format % 2 == 0 ? Dated : null));

    [Property(MaxTest = 300)]
    public bool splitter_spans_are_exact(string? text)
    {
        text ??= "";
        return SentenceSplitter.Split(text).All(s => s.Start >= 0 && s.End <= text.Length && s.Start < s.End && text[s.Start..s.End] == s.Text);
    }

    [Property(MaxTest = 400)]
    public bool extractor_never_throws_and_quotes_are_exact_on_news_like_text(int[]? picks) =>
        ReadsOrRejects(() => ArticleReader.Read(Soup(picks), ArticleFormat.Text, Dated));

    [Property(MaxTest = 100)]
    public bool extractor_handles_json_and_html_of_news_like_text(int[]? picks)
    {
        var text = Soup(picks);
        var json = System.Text.Json.JsonSerializer.Serialize(new { text, published = "2024-03-18" });
        var html = $"<html><body><article><p>{System.Net.WebUtility.HtmlEncode(text)}</p></article></body></html>";
        return ReadsOrRejects(() => ArticleReader.Read(json, ArticleFormat.Json, null)) && ReadsOrRejects(() => ArticleReader.Read(html, ArticleFormat.Html, Dated));
    }
}
