using System.Text.Json;
using FsCheck.Xunit;
using Monitoring.Domain;

namespace Monitoring.Domain.Tests;

/// <summary>
/// Dates of every precision with bounds that the stated period allows (as the extractor makes them: a bound is kept only
/// where it falls inside the period): the value a reader sees lies within the bounds, names the stated period, and reads
/// back from JSON as the same date.
/// </summary>
public sealed class EventDatePropertyTests
{
    private static readonly DateOnly Start = new(2020, 1, 1);

    [Property(MaxTest = 2000, EndSize = 1_000_000)]
    public bool a_dates_value_lies_within_its_own_bounds_at_every_precision(int seed)
    {
        var date = RandomDate(new Random(seed));
        var json = JsonSerializer.Serialize(date);
        var value = JsonSerializer.Deserialize<JsonElement>(json).GetProperty("Value");
        var read = value.ValueKind == JsonValueKind.Null ? (DateOnly?)null : DateOnly.Parse(value.GetString()!);

        return date.Value == read
            && (date.NotBefore is not { } nb || read is not { } v1 || v1 >= nb)
            && (date.NotAfter is not { } na || read is not { } v2 || v2 <= na)
            && (date.Precision == DatePrecision.Unknown || (read >= date.Earliest && read <= date.Latest && Names(date, read!.Value)))
            && JsonSerializer.Deserialize<EventDate>(json) == date
            && JsonSerializer.Deserialize<EventDate>(json)!.ToString() == date.ToString();
    }

    [Fact]
    public void a_month_after_a_day_within_it_has_its_value_on_that_day_and_still_reads_as_the_month()
    {
        var march = new EventDate(new DateOnly(2023, 3, 1), DatePrecision.Month, NotBefore: new DateOnly(2023, 3, 10));

        Assert.Equal(new DateOnly(2023, 3, 10), march.Value);
        Assert.Equal(new DateOnly(2023, 3, 31), march.Latest);
        Assert.Equal("2023-03", march.ToString());
        Assert.Equal(new DateOnly(2023, 3, 10), (EventDate.Month(2023, 3) with { NotBefore = new DateOnly(2023, 3, 10) }).Value);
    }

    /// <summary>A day, a month or a year (given as any day within it), or unknown, with bounds that overlap the period.</summary>
    private static EventDate RandomDate(Random r)
    {
        var precision = (DatePrecision)r.Next(4);
        var day = Start.AddDays(r.Next(3000));
        var (first, last) = precision switch
        {
            DatePrecision.Day => (day, day),
            DatePrecision.Month => (new DateOnly(day.Year, day.Month, 1), new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1)),
            DatePrecision.Year => (new DateOnly(day.Year, 1, 1), new DateOnly(day.Year, 12, 31)),
            _ => (day.AddDays(-400), day.AddDays(400)),
        };
        var span = last.DayNumber - first.DayNumber;
        DateOnly? notBefore = r.Next(3) == 0 ? null : first.AddDays(r.Next(-40, span + 1));
        var low = Math.Max(first.DayNumber, notBefore?.DayNumber ?? first.DayNumber) - first.DayNumber;
        DateOnly? notAfter = r.Next(3) == 0 ? null : first.AddDays(r.Next(low, span + 41));
        return new EventDate(precision == DatePrecision.Unknown ? null : day, precision, notBefore, notAfter);
    }

    private static bool Names(EventDate date, DateOnly value) => date.Precision switch
    {
        DatePrecision.Day => value == date.Latest,
        DatePrecision.Month => date.ToString() == value.ToString("yyyy-MM"),
        _ => date.ToString() == value.ToString("yyyy"),
    };
}
