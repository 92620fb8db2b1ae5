using Microsoft.Playwright;
using Monitoring.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Monitoring.IntegrationTests.Browser;

/// <summary>
/// How the page words what it shows, over the seeds: dates at their precision, counts in the singular or plural, and
/// visits as marks of events rather than bands of a state.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TimelinePageWordingTests(PostgresServer server)
{
    [BrowserFact]
    public async Task dates_read_at_their_precision_counts_agree_and_visits_are_marks_not_states()
    {
        await using var service = await TimelineService.StartAsync(server, "timelinewording");
        foreach (var seed in MonitorTestHost.SeedsInPublicationOrder) await service.IngestSeedAsync(seed);

        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, Locale = "en-GB", TimezoneId = "UTC" });
        Assertions.SetDefaultExpectTimeout(15_000);

        await page.GotoAsync(service.BaseAddress.ToString());
        // The list: Russia–Niger's agreement of December 2023 (month precision) is not "since 2023-12-01".
        var russia = page.Locator("[data-testid=relationship-item][data-pair=NER-RUS]");
        await Expect(russia).ToContainTextAsync("since December 2023");

        await page.GotoAsync(service.BaseAddress + "#/NER-USA");
        await Expect(page.GetByTestId("event-mark").First).ToBeVisibleAsync();
        var chronology = page.GetByTestId("chronology");
        await Expect(chronology).ToContainTextAsync("December 2023");
        await Expect(chronology).ToContainTextAsync("March 2023");
        await Expect(chronology).ToContainTextAsync("about July–December 2023");
        await Expect(chronology).Not.ToContainTextAsync("2023-12-01");
        await Expect(chronology).ToContainTextAsync("1 source");
        await Expect(chronology).ToContainTextAsync("2 sources");
        await Expect(page.Locator("body")).Not.ToContainTextAsync("1 sources");

        // Blinken's visits: marks in the diplomacy lane, and no "official visit" band anywhere.
        var visits = page.Locator("[data-testid=event-mark][data-type=delegation_visited]");
        Assert.True(await visits.CountAsync() >= 2, "the seeds report two visits to Niamey");
        foreach (var visit in await visits.AllAsync()) Assert.Equal("diplomatic", await visit.GetAttributeAsync("data-lane"));
        await Expect(page.Locator("[data-testid=band][data-lane=diplomatic]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=band][data-status=visit]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=state-card][data-dimension=diplomatic]")).ToHaveCountAsync(0);
    }
}
