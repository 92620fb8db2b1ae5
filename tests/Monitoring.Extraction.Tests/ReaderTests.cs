using System.Text;
using Monitoring.Extraction.Reading;
using Monitoring.Extraction.Text;

namespace Monitoring.Extraction.Tests;

public sealed class ReaderTests
{
    private static readonly ArticleMetadata Dated = new(Published: new DateOnly(2024, 3, 18));

    [Fact]
    public void empty_input_is_rejected() =>
        Assert.Contains("empty", Assert.Throws<ArticleRejectedException>(() => ArticleReader.Read(ReadOnlySpan<byte>.Empty, ArticleFormat.Text, Dated)).Message);

    [Fact]
    public void nul_bytes_are_binary() =>
        Assert.Contains("binary", Assert.Throws<ArticleRejectedException>(() => ArticleReader.Read(new byte[] { 65, 0, 66 }, ArticleFormat.Text, Dated)).Message);

    [Fact]
    public void invalid_utf8_is_binary() =>
        Assert.Contains("UTF-8", Assert.Throws<ArticleRejectedException>(() => ArticleReader.Read(new byte[] { 0xC3, 0x28, 0xFF, 0xFE }, ArticleFormat.Text, Dated)).Message);

    [Fact]
    public void oversized_input_is_rejected() =>
        Assert.Contains("too large", Assert.Throws<ArticleRejectedException>(() => ArticleReader.Read(new byte[ArticleReader.MaxBytes + 1].AsSpan().ToArray().Select(_ => (byte)'a').ToArray(), ArticleFormat.Text, Dated)).Message);

    [Fact]
    public void undated_input_is_rejected() =>
        Assert.Contains("undated", Assert.Throws<ArticleRejectedException>(() => ArticleReader.Read("Mali expelled the French ambassador.", ArticleFormat.Text, null)).Message);

    [Fact]
    public void undated_input_received_on_a_day_counts_as_published_then_and_says_so()
    {
        var article = ArticleReader.Read("Mali expelled the French ambassador.", ArticleFormat.Text, null, receivedOn: new DateOnly(2026, 12, 2));
        Assert.Equal(new DateOnly(2026, 12, 2), article.Published);
        Assert.True(article.PublicationUnstated);
        var dated = ArticleReader.Read("Mali expelled the French ambassador.", ArticleFormat.Text, new ArticleMetadata(Published: new DateOnly(2022, 1, 31)), receivedOn: new DateOnly(2026, 12, 2));
        Assert.Equal(new DateOnly(2022, 1, 31), dated.Published);
        Assert.False(dated.PublicationUnstated);
    }

    [Fact]
    public void malformed_json_is_rejected() =>
        Assert.Contains("malformed JSON", Assert.Throws<ArticleRejectedException>(() => ArticleReader.Read("{\"text\": ", ArticleFormat.Json, Dated)).Message);

    [Fact]
    public void json_without_text_is_rejected() =>
        Assert.Contains("\"text\"", Assert.Throws<ArticleRejectedException>(() => ArticleReader.Read("{\"title\": \"x\"}", ArticleFormat.Json, Dated)).Message);

    [Fact]
    public void rejections_are_one_line()
    {
        var e = Assert.Throws<ArticleRejectedException>(() => ArticleReader.Read("{\"text\": [1,2,", ArticleFormat.Json, Dated));
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void json_fields_become_metadata()
    {
        var a = ArticleReader.Read("{\"title\":\"T\",\"text\":\"Mali expelled the French ambassador.\",\"url\":\"https://x\",\"publisher\":\"P\",\"published\":\"2022-02-01T10:00:00Z\"}", ArticleFormat.Json, null);
        Assert.Equal(("T", "P", "https://x", new DateOnly(2022, 2, 1)), (a.Title, a.Publisher, a.Url, a.Published));
        Assert.Equal("Mali expelled the French ambassador.", a.OriginalText);
    }

    [Fact]
    public void caller_metadata_wins_over_the_text()
    {
        var a = ArticleReader.Read("{\"text\":\"Some text.\",\"published\":\"2022-02-01\"}", ArticleFormat.Json, Dated);
        Assert.Equal(new DateOnly(2024, 3, 18), a.Published);
    }

    [Fact]
    public void html_main_text_and_metadata()
    {
        var html = "<html><head><title>Site</title><meta property=\"article:published_time\" content=\"2024-01-29T08:00:00Z\"></head><body><nav>Home News</nav><article><h1>Sahel states quit ECOWAS</h1><p>Mali, Burkina Faso and Niger announced their withdrawal from ECOWAS on Sunday.</p><figure><figcaption>Photo: AFP</figcaption></figure><p>The bloc said it awaited notification.</p></article><footer>Powered by X</footer><script>var x=1;</script></body></html>";
        var a = ArticleReader.Read(html, ArticleFormat.Html, null);
        Assert.Equal(new DateOnly(2024, 1, 29), a.Published);
        Assert.Contains("announced their withdrawal", a.OriginalText);
        Assert.DoesNotContain("Home News", a.OriginalText);
        Assert.DoesNotContain("var x", a.OriginalText);
        Assert.DoesNotContain("Photo", a.OriginalText);
        var events = Extractor.Extract(a).Events;
        Assert.Equal(3, events.Count(e => e.Type == Monitoring.Domain.WorldEventType.BlocExitAnnounced));
    }

    [Theory]
    [InlineData("15 Dec, 2023 12:28", "2023-12-15")]
    [InlineData("December 15, 2023", "2023-12-15")]
    [InlineData("Published: 15 December 2023", "2023-12-15")]
    [InlineData("2023-12-15T12:28:00Z", "2023-12-15")]
    [InlineData("Friday, 15 Dec 2023", "2023-12-15")]
    public void a_date_line_in_the_text_dates_the_article(string line, string expected)
    {
        var a = ArticleReader.Read($"menu icon searchicon shareicon\n{line}\n\nMali expelled the French ambassador.", ArticleFormat.Text, null);
        Assert.Equal(DateOnly.Parse(expected), a.Published);
    }

    [Fact]
    public void the_same_article_rewrapped_hashes_the_same()
    {
        var a = ArticleReader.Read("Mali expelled\nthe French ambassador.  ", ArticleFormat.Text, Dated);
        var b = ArticleReader.Read("Mali expelled the French   ambassador.", ArticleFormat.Text, Dated);
        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.Matches("^[0-9a-f]{64}$", a.ContentHash);
    }

    [Fact]
    public void page_junk_gives_no_sentences()
    {
        var text = string.Join("\n\n",
            "icon bookmark-bicon bookmarkicon cameraicon checkicon chevron downicon",
            "15 Dec, 2023 12:28",
            "Powered by MOMENTUM MEDIA",
            "Mali expelled the French ambassador.",
            "==============",
            "A soldier walks near the base, 6 January 2023. Photo: Staff Sgt. John Doe",
            "Leave a Reply",
            "Your email address will not be published. Required fields are marked *",
            "You need to be a member to post comments. Become a member for free today!",
            "Author: Jane Doe",
            "Jane Doe is the news editor of Example.com, follow her on Twitter.",
            "Mali expelled the French ambassador.");
        var sentences = SentenceSplitter.Split(text);
        Assert.Equal(["Mali expelled the French ambassador."], sentences.Select(s => s.Text));
    }

    [Fact]
    public void a_line_broken_mid_sentence_is_joined()
    {
        var text = "At present, the United States maintains around 1,000 troops in Niger, stationed at a desert drone base that was\n\nconstructed for $100 million.\n\nNext paragraph here.";
        var sentences = SentenceSplitter.Split(text);
        Assert.Equal(2, sentences.Count);
        Assert.EndsWith("$100 million.", sentences[0].Text);
        Assert.Equal(text[sentences[0].Start..sentences[0].End], sentences[0].Text);
    }

    [Fact]
    public void a_headline_is_not_joined_to_the_body()
    {
        var sentences = SentenceSplitter.Split("US announces plans to resume security ties with Niger\n\nThe move comes after the country signed a deal.");
        Assert.Equal(2, sentences.Count);
    }
}
