using Monitoring.Extraction.Text;

namespace Monitoring.Extraction.Tests;

public sealed class SplitterTests
{
    private static string[] Split(string text) => SentenceSplitter.Split(text).Select(s => s.Text).ToArray();

    [Theory]
    [InlineData("The U.S. Secretary of State visited Niger. He left on Friday.", 2)]
    [InlineData("Gen. Abdourahamane Tiani leads the CNSP. He took power in July.", 2)]
    [InlineData("Dr. Wallander met Lt. Col. Smith and Sen. Jones. They talked.", 2)]
    [InlineData("Mr. Blinken and Mrs. Smith met at No. 10 on St. Patrick's day. Then they left.", 2)]
    [InlineData("The aid was worth $1.5 billion. It was suspended.", 2)]
    [InlineData("The talks began on Jan. 5 in Abuja. They ended later.", 2)]
    [InlineData("George W. Bush visited Africa. He left.", 2)]
    [InlineData("“We want to be a good partner again.” Phee said so.", 2)]
    [InlineData("They were leaving “for good.” The base closed.", 2)]
    [InlineData("Troops are based in the U.K. The minister said so.", 2)]
    [InlineData("Is this the end? Nobody knows! Time will tell.", 3)]
    public void splits_where_sentences_end(string text, int count) => Assert.Equal(count, Split(text).Length);

    [Fact]
    public void spans_are_exact()
    {
        var text = "  First one here.  Second “quoted.”\n\nThird line without end";
        foreach (var s in SentenceSplitter.Split(text))
            Assert.Equal(s.Text, text[s.Start..s.End]);
        Assert.Equal(["First one here.", "Second “quoted.”", "Third line without end"], Split(text));
    }

    [Fact]
    public void closing_quote_stays_with_its_sentence() =>
        Assert.Equal("They were leaving “for good.”", Split("They were leaving “for good.” The base closed.")[0]);
}
