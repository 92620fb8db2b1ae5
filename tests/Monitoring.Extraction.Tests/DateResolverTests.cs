using Monitoring.Domain;
using Monitoring.Extraction.Dates;
using static Monitoring.Extraction.Tests.Helpers;

namespace Monitoring.Extraction.Tests;

public sealed class DateResolverTests
{
    private static EventDate? R(string expr, string published, bool future = false) => DateResolver.Resolve(expr, DateOnly.Parse(published), future);

    [Theory]
    [InlineData("on Wednesday", "2023-12-15", "2023-12-13")] // a Friday article
    [InlineData("Wednesday", "2023-12-13", "2023-12-13")]    // same-day reporting
    [InlineData("Saturday evening", "2024-03-17", "2024-03-16")]
    [InlineData("on Monday", "2024-03-18", "2024-03-18")]
    [InlineData("last Monday", "2024-03-18", "2024-03-11")]
    [InlineData("yesterday", "2024-03-18", "2024-03-17")]
    [InlineData("July 26", "2024-03-18", "2023-07-26")]     // most recent not after publication
    [InlineData("26 July", "2023-08-01", "2023-07-26")]
    [InlineData("on 16 March", "2024-03-19", "2024-03-16")]
    [InlineData("6 January 2023", "2024-03-19", "2023-01-06")]
    [InlineData("December 22, 2023", "2024-03-19", "2023-12-22")]
    [InlineData("2024-01-28", "2024-03-19", "2024-01-28")]
    public void days(string expr, string published, string expected) =>
        Assert.Equal(EventDate.Day(DateOnly.Parse(expected)), R(expr, published));

    [Theory]
    [InlineData("July 2023", "2024-03-19", 2023, 7)]
    [InlineData("in September", "2023-12-15", 2023, 9)]
    [InlineData("in December", "2023-11-15", 2022, 12)]
    [InlineData("this month", "2023-12-15", 2023, 12)]
    [InlineData("earlier this month", "2023-12-15", 2023, 12)]
    [InlineData("last month", "2024-01-10", 2023, 12)]
    [InlineData("a year ago", "2024-03-17", 2023, 3)]
    [InlineData("around a year ago", "2024-03-17", 2023, 3)]
    [InlineData("two months ago", "2024-03-17", 2024, 1)]
    [InlineData("last week", "2023-12-15", 2023, 12)]
    public void months(string expr, string published, int year, int month)
    {
        var d = R(expr, published);
        Assert.NotNull(d);
        Assert.Equal(DatePrecision.Month, d.Precision);
        // The month's first day, or its first day within the bounds ("last week" in a month that began before it).
        Assert.Equal((year, month), (d.Value!.Value.Year, d.Value.Value.Month));
        Assert.Equal(d.NotBefore is { } nb && nb > new DateOnly(year, month, 1) ? nb : new DateOnly(year, month, 1), d.Value);
    }

    [Fact]
    public void last_week_is_bounded_by_the_previous_monday_to_sunday()
    {
        var d = R("last week", "2023-12-15")!;
        Assert.Equal((new DateOnly(2023, 12, 4), new DateOnly(2023, 12, 10)), (d.NotBefore!.Value, d.NotAfter!.Value));
    }

    [Fact]
    public void earlier_this_month_ends_at_the_publication_date() =>
        Assert.Equal(new DateOnly(2023, 12, 15), R("earlier this month", "2023-12-15")!.NotAfter);

    [Fact]
    public void a_future_day_takes_the_next_occurrence()
    {
        Assert.Equal(EventDate.Day(new DateOnly(2023, 12, 22)), R("by December 22", "2023-12-13", future: true));
        Assert.Equal(EventDate.Day(new DateOnly(2022, 12, 22)), R("December 22", "2023-12-13"));
    }

    [Theory]
    [InlineData("in 2012", 2012)]
    [InlineData("since 2013", 2013)]
    [InlineData("last year", 2023)]
    [InlineData("this year", 2024)]
    public void years(string expr, int year) => Assert.Equal(EventDate.Year(year), R(expr, "2024-03-17"));

    [Fact]
    public void a_shift_moves_the_previous_date()
    {
        var shift = DateResolver.Find("merely four months later, the military struck", new DateOnly(2024, 3, 17)).Single().Shift!;
        Assert.Equal(EventDate.Month(2023, 7), DateResolver.Apply(EventDate.Month(2023, 3), shift));
    }

    [Fact]
    public void four_months_later_in_an_article_counts_from_the_date_before()
    {
        var events = Extracted("Around a year ago, US Secretary of State Antony Blinken visited Niger. However, merely four months later, the military overthrew President Bazoum.", "2024-03-17");
        var coup = Assert.Single(events, e => e.Type == WorldEventType.CoupOccurred);
        Assert.Equal(EventDate.Month(2023, 7), coup.Date);
    }

    [Fact]
    public void just_days_after_is_relative_to_the_anchor_event()
    {
        var events = Extracted("Niger's junta denounced its military agreement with the United States on Saturday. This decision was made just one day after a US delegation departed Niger.", "2024-03-17");
        var visit = Assert.Single(events, e => e.Type == WorldEventType.DelegationVisited);
        Assert.Equal(EventDate.Day(new DateOnly(2024, 3, 15)), visit.Date);
    }

    [Fact]
    public void may_the_verb_is_no_month() => Assert.Null(R("the junta may decide", "2024-03-17"));

    [Fact]
    public void dollars_and_counts_are_no_years() => Assert.Null(R("around 1,000 troops and $100 million", "2024-03-17"));

    [Fact]
    public void the_following_day_counts_from_the_date_before()
    {
        var events = Extracted("Niger's junta denounced its military agreement with the United States on 16 March. The following day, Washington suspended its security cooperation with Niger.", "2024-03-20");
        Assert.Equal(EventDate.Day(new DateOnly(2024, 3, 17)), Assert.Single(events, e => e.Type == WorldEventType.CooperationSuspended).Date);
    }

    [Fact]
    public void troops_that_were_in_a_country_at_a_date()
    {
        var e = Assert.Single(Extracted("Biden told Congress in June that about 1,100 US troops were in Niger.", "2023-12-15"), e => e.Type == WorldEventType.TroopPresenceReported);
        Assert.Equal(("USA", "NER", 1100), (e.Source, e.Target, e.Count));
        Assert.Equal(EventDate.Month(2023, 6), e.Date);
    }
}
