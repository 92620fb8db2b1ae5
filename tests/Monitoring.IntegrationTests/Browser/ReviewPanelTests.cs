using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Monitoring.Api.Keys;
using Monitoring.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Monitoring.IntegrationTests.Browser;

/// <summary>The review panel end to end: an analyst retracts the only source of a state and the lane changes.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReviewPanelTests(PostgresServer server)
{
    private static readonly string Artifacts = Path.Combine(PostgresServer.RepositoryRoot, "artifacts");

    [BrowserFact]
    public async Task analyst_retracts_the_only_source_of_the_denunciation_in_the_review_panel_and_the_lane_changes()
    {
        await using var service = await DenunciationAsync("reviewpanel");
        var key = await AnalystKeyAsync(service, "alice");

        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var (page, errors) = await PageAsync(browser);
        try
        {
            await page.GotoAsync(service.BaseAddress + "#/NER-USA");
            var agreements = page.Locator("[data-testid=band][data-lane=agreements]");
            await Expect(agreements).ToHaveAttributeAsync("data-status", "denounced");

            var panel = page.GetByTestId("review-panel");
            var item = panel.Locator("[data-testid=review-item][data-type=agreement_denounced]");
            await Expect(item).ToHaveCountAsync(1);
            await Expect(item.GetByTestId("review-sentence")).Not.ToBeEmptyAsync();
            await panel.GetByTestId("analyst-key").FillAsync(key);
            await panel.GetByTestId("analyst-key").DispatchEventAsync("change");
            await item.GetByTestId("review-reason").FillAsync("the sentence reports a rumour");
            await item.GetByTestId("review-retract").ClickAsync();

            await Expect(panel.GetByTestId("review-message")).ToContainTextAsync("retracted");
            await Expect(agreements).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-testid=state-card][data-dimension=agreements]")).ToHaveCountAsync(0);
            await Expect(panel.Locator("[data-testid=review-item][data-type=agreement_denounced]")).ToHaveCountAsync(0);
            Assert.Equal(key, await page.EvaluateAsync<string>("sessionStorage.getItem('monitor.analystKey')"));
            Assert.Empty(errors);
        }
        finally
        {
            Directory.CreateDirectory(Artifacts);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "review-panel.png"), FullPage = true });
        }
    }

    [BrowserFact]
    public async Task analyst_corrects_the_target_in_the_review_panel_and_the_event_leaves_the_relationship()
    {
        await using var service = await DenunciationAsync("reviewcorrect");
        var key = await AnalystKeyAsync(service, "bob");

        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var (page, errors) = await PageAsync(browser);
        await page.GotoAsync(service.BaseAddress + "#/NER-USA");
        var agreements = page.Locator("[data-testid=band][data-lane=agreements]");
        await Expect(agreements).ToHaveAttributeAsync("data-status", "denounced");

        var panel = page.GetByTestId("review-panel");
        var item = panel.Locator("[data-testid=review-item][data-type=agreement_denounced]");
        await panel.GetByTestId("analyst-key").FillAsync(key);
        await panel.GetByTestId("analyst-key").DispatchEventAsync("change");
        // A correction with no field changed is refused on the page, before any request.
        await item.GetByTestId("review-reason").FillAsync("the agreement denounced is the one with France");
        await item.GetByTestId("review-correct").ClickAsync();
        await Expect(panel.GetByTestId("review-message")).ToContainTextAsync("first");
        await item.GetByTestId("review-target").FillAsync("France");
        await item.GetByTestId("review-correct").ClickAsync();

        await Expect(panel.GetByTestId("review-message")).ToContainTextAsync("corrected");
        // The event now concerns France and Niger: Niger and the United States have no agreements lane any more.
        await Expect(agreements).ToHaveCountAsync(0);
        using var http = new HttpClient { BaseAddress = service.BaseAddress };
        var moved = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/relationships/FRA/NER")).RootElement;
        Assert.Contains(moved.GetProperty("dimensions").EnumerateArray(),
            d => d.GetProperty("key").GetString() == "agreements" && d.GetProperty("status").GetString() == "denounced");
        Assert.Empty(errors);
    }

    /// <summary>A service holding seed 003 alone: the only article reporting Niger's denunciation of its agreements with the United States.</summary>
    private async Task<TimelineService> DenunciationAsync(string hint)
    {
        var service = await TimelineService.StartAsync(server, hint);
        await service.IngestSeedAsync("003_a455b231be305d8d.txt");
        return service;
    }

    private static async Task<string> AnalystKeyAsync(TimelineService service, string analyst) =>
        (await service.Services.GetRequiredService<ApiKeyService>().CreateAsync(analyst, [ApiKeyScope.Analyst], default)).Secret;

    /// <summary>A page as an analyst's browser opens it, with the script errors it raises.</summary>
    private static async Task<(IPage Page, List<string> Errors)> PageAsync(IBrowser browser)
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, Locale = "en-GB", TimezoneId = "UTC" });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        Assertions.SetDefaultExpectTimeout(20_000);
        return (page, errors);
    }
}
