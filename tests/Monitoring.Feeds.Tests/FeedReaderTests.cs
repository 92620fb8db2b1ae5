using System.Text;
using Monitoring.Extraction.Reading;
using Monitoring.Feeds.Syndication;

namespace Monitoring.Feeds.Tests;

public class FeedReaderTests
{
    [Theory]
    [InlineData("<rss><channel><item><title>cut off")]
    [InlineData("<rss version=\"2.0\"><channel><title>x</title><item><title>cut off")]
    public void a_truncated_feed_is_malformed_not_a_crash(string body)
    {
        var e = Assert.Throws<FeedFormatException>(() => FeedReader.Read(System.Text.Encoding.UTF8.GetBytes(body), null));
        Assert.StartsWith("malformed feed", e.Message);
    }

    [Fact]
    public void rss_entries_carry_content_link_date_and_source()
    {
        var feed = FeedReader.Read(Documents.Bytes("rss.xml"), new Uri("https://sahel-wire.example/rss"));

        Assert.Equal(FeedKind.Rss20, feed.Kind);
        Assert.Equal("Sahel Wire", feed.Title);
        Assert.Equal(3, feed.Entries.Count);
        var pact = feed.Entries[0];
        Assert.Equal("sahel-wire-1042", pact.Key);
        Assert.Equal("https://sahel-wire.example/2024/09/defence-pact", pact.Link);
        Assert.Equal(new DateTimeOffset(2024, 9, 16, 9, 30, 0, TimeSpan.Zero), pact.Published);
        Assert.False(pact.SummaryOnly);
        Assert.Contains("mutual defence pact", pact.Content);
        Assert.Equal(ArticleFormat.Html, pact.ContentFormat);
    }

    [Fact]
    public void an_rss_description_alone_is_a_summary_and_relative_links_are_resolved_against_the_feed()
    {
        var chad = FeedReader.Read(Documents.Bytes("rss.xml"), new Uri("https://sahel-wire.example/rss")).Entries[1];

        Assert.True(chad.SummaryOnly);
        Assert.Equal("https://sahel-wire.example/2024/11/chad-french-troops", chad.Link);
        Assert.Equal(chad.Link, chad.Key); // no guid: the link identifies it
        Assert.Equal("Another Outlet", chad.Publisher);
        Assert.Equal(new DateOnly(2024, 11, 29), chad.Metadata(null).Published);
    }

    [Fact]
    public void an_unreadable_entry_date_leaves_the_entry_undated_instead_of_failing_the_feed()
    {
        var broken = FeedReader.Read(Documents.Bytes("rss.xml")).Entries[2];

        Assert.Null(broken.Published);
        Assert.Equal("An entry with a broken date", broken.Title);
    }

    [Fact]
    public void atom_content_is_the_article_and_a_summary_is_not()
    {
        var feed = FeedReader.Read(Documents.Bytes("atom.xml"));

        Assert.Equal(FeedKind.Atom10, feed.Kind);
        Assert.Equal("Gulf Monitor", feed.Title);
        var ties = feed.Entries[0];
        Assert.Equal("tag:gulf-monitor.example,2024:restored-ties", ties.Key);
        Assert.Equal(new DateTimeOffset(2024, 6, 4, 8, 0, 0, TimeSpan.Zero), ties.Published); // published, not updated
        Assert.Contains("restored diplomatic relations", ties.Content);
        var talks = feed.Entries[1];
        Assert.True(talks.SummaryOnly);
        Assert.Equal(new DateTimeOffset(2024, 6, 5, 11, 0, 0, TimeSpan.Zero), talks.Published); // no published: updated
    }

    [Fact]
    public void json_feed_items_with_text_content_or_only_a_summary()
    {
        var feed = FeedReader.Read(Documents.Bytes("feed.json"));

        Assert.Equal(FeedKind.JsonFeed, feed.Kind);
        Assert.Equal("Baltic Brief", feed.Title);
        var border = feed.Entries[0];
        Assert.Equal("bb-77", border.Key);
        Assert.Equal(ArticleFormat.Text, border.ContentFormat);
        Assert.Equal(new DateOnly(2024, 2, 28), border.Metadata(null).Published);
        var envoy = feed.Entries[1];
        Assert.Equal("78", envoy.Key);
        Assert.True(envoy.SummaryOnly);
    }

    [Fact]
    public void a_malformed_feed_is_an_error_naming_the_problem()
    {
        var e = Assert.Throws<FeedFormatException>(() => FeedReader.Read(Documents.Bytes("malformed.xml")));

        Assert.StartsWith("malformed feed:", e.Message);
        Assert.Contains("line", e.Message);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body>Hello</body></html>", "the document is an HTML page")]
    [InlineData("<html><body>Hello</body></html>", "the document is an HTML page")]
    [InlineData("<catalog/>", "the root element is <catalog>")]
    [InlineData("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>", "RSS 1.0 (RDF) feeds are not supported")]
    [InlineData("{\"version\": \"1\", \"items\": []}", "not a JSON Feed")]
    [InlineData("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [", "malformed JSON Feed")]
    [InlineData("   ", "empty feed")]
    public void documents_that_are_not_feeds_are_refused_with_the_reason(string document, string reason)
    {
        var e = Assert.Throws<FeedFormatException>(() => FeedReader.Read(Encoding.UTF8.GetBytes(document)));

        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void a_dtd_is_refused_rather_than_expanded()
    {
        const string bomb = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]><rss version=\"2.0\"><channel><title>&b;</title></channel></rss>";

        var e = Assert.Throws<FeedFormatException>(() => FeedReader.Read(Encoding.UTF8.GetBytes(bomb)));

        Assert.Contains("DTD", e.Message);
    }
}
