using Monitoring.Domain;

namespace Monitoring.Domain.Tests;

/// <summary>Event types are written one way (the JSON's snake_case) and read in either.</summary>
public sealed class EventTypeSpellingTests
{
    [Theory]
    [InlineData("agreement_denounced")]
    [InlineData("AgreementDenounced")]
    [InlineData("agreementdenounced")]
    [InlineData("AGREEMENT_DENOUNCED")]
    [InlineData(" agreement-denounced ")]
    public void either_spelling_reads_as_the_type(string typed) =>
        Assert.Equal(WorldEventType.AgreementDenounced, Vocabulary.ParseType(typed));

    [Theory]
    [InlineData("5")]
    [InlineData("Invasion")]
    [InlineData("")]
    public void numbers_and_unknown_names_are_no_type(string typed) => Assert.Null(Vocabulary.ParseType(typed));

    [Fact]
    public void every_type_is_written_in_snake_case_and_reads_back()
    {
        Assert.Equal("agreement_denounced", WorldEventType.AgreementDenounced.Code());
        Assert.All(Enum.GetValues<WorldEventType>(), t =>
        {
            Assert.Matches("^[a-z]+(_[a-z]+)*$", t.Code());
            Assert.Equal(t, Vocabulary.ParseType(t.Code()));
            Assert.Equal(t, Vocabulary.ParseType(t.ToString()));
        });
    }
}
