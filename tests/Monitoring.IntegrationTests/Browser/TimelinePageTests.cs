using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Monitoring.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Monitoring.IntegrationTests.Browser;

/// <summary>
/// The timeline page end to end: the service on a loopback port over a fresh schema, the seed articles ingested in
/// publication order, and an analyst's path through the page in headless Chromium. Screenshots go to artifacts/.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TimelinePageTests(PostgresServer server)
{
    private static readonly string Artifacts = Path.Combine(PostgresServer.RepositoryRoot, "artifacts");

    [BrowserFact]
    public async Task analyst_moves_us_niger_to_new_year_2024_and_reads_the_denunciation_in_its_source()
    {
        await using var service = await TimelineService.StartAsync(server, "timelinepage");
        foreach (var seed in MonitorTestHost.SeedsInPublicationOrder) await service.IngestSeedAsync(seed);

        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, Locale = "en-GB", TimezoneId = "UTC" });
        var requests = new List<string>();
        var errors = new List<string>();
        page.Request += (_, r) => requests.Add(r.Url);
        page.PageError += (_, e) => errors.Add(e);
        Assertions.SetDefaultExpectTimeout(15_000);

        try
        {
            await page.GotoAsync(service.BaseAddress.ToString());
            var usNiger = page.Locator("[data-testid=relationship-item][data-pair=NER-USA]");
            await Expect(usNiger).ToContainTextAsync("United States – Niger");
            await usNiger.ClickAsync();
            await Expect(page.GetByTestId("relationship-title")).ToHaveTextAsync("United States – Niger");
            await Expect(page.GetByTestId("event-mark").First).ToBeVisibleAsync();

            await page.GetByTestId("as-of-input").FillAsync("2024-01-01");
            await page.GetByTestId("as-of-input").DispatchEventAsync("change");
            await Expect(page.GetByTestId("states")).ToHaveAttributeAsync("data-as-of", "2024-01-01");
            var security = page.Locator("[data-testid=state-card][data-dimension=security_cooperation]");
            await Expect(security.GetByTestId("state-status")).ToHaveTextAsync("resumption announced");
            await Expect(page.GetByTestId("states")).Not.ToContainTextAsync("denounced");
            await Expect(page.GetByTestId("as-of-line")).ToHaveAttributeAsync("data-date", "2024-01-01");

            // The denunciation is drawn in every lane it changes (agreements, security cooperation): click the first.
            var denunciation = page.Locator("[data-testid=event-mark][data-type=agreement_denounced][data-date='2024-03-16']").First;
            await Expect(denunciation).ToBeVisibleAsync();
            Assert.True(int.Parse(await denunciation.GetAttributeAsync("data-sources") ?? "0") >= 2, "the denunciation is reported by several seeds");
            await denunciation.ClickAsync();

            var panel = page.GetByTestId("event-panel");
            await Expect(panel.GetByTestId("event-title")).ToHaveTextAsync("Agreement denounced");
            await Expect(panel.GetByTestId("event-date")).ToContainTextAsync("2024-03-16");
            var highlighted = panel.GetByTestId("quote");
            await Expect(highlighted.First).ToBeVisibleAsync();
            // Each source's article loads on its own: read the quotes once none is still loading.
            await Expect(panel.GetByText("Loading the article")).ToHaveCountAsync(0);
            var quotes = (await highlighted.AllTextContentsAsync()).Select(Normalise).ToList();
            Assert.Contains(quotes, q => GoldDenunciationQuotes.Value.Any(g => q.Contains(g[..40]) || g.Contains(q)));

            // The publication clock: as known from what was published by 2024-03-15, before the denunciation was reported
            // (all of it recorded today), the page has no denunciation; moved on past it, the denunciation is back.
            var denunciations = page.Locator("[data-testid=event-mark][data-type=agreement_denounced]");
            await page.GetByTestId("known-at-input").FillAsync("2024-03-15");
            await page.GetByTestId("known-at-input").DispatchEventAsync("change");
            await Expect(page.GetByTestId("known-at-note")).ToContainTextAsync("published by 2024-03-15");
            await Expect(denunciations).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("states")).Not.ToContainTextAsync("denounced");
            await Expect(page.GetByTestId("event-mark").First).ToBeVisibleAsync();
            await page.GetByTestId("known-at-input").FillAsync("2024-03-18");
            await page.GetByTestId("known-at-input").DispatchEventAsync("change");
            await Expect(denunciations.First).ToBeVisibleAsync();
            Assert.Contains("knownAt=2024-03-18", page.Url);

            Assert.Empty(errors);
            Assert.All(requests, url => Assert.StartsWith(service.BaseAddress.ToString(), url));
        }
        finally
        {
            Directory.CreateDirectory(Artifacts);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "timeline-us-niger.png"), FullPage = true });
            // The README's picture (docs/timeline.png is a copy): state, timeline and legend, with the panel.
            await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "timeline-us-niger-top.png"), FullPage = true, Clip = new() { X = 0, Y = 0, Width = 1440, Height = 1130 } });
        }
    }

    [BrowserFact]
    public async Task open_timeline_shows_a_denunciation_ingested_after_the_page_was_loaded()
    {
        await using var service = await TimelineService.StartAsync(server, "timelinelive");
        var seeds = MonitorTestHost.SeedsInPublicationOrder;
        var december = seeds.Where(s => MonitorTestHost.SeedManifest.Value[s].Published < new DateOnly(2024, 1, 1)).ToList();
        foreach (var seed in december) await service.IngestSeedAsync(seed);
        // Everything of December is recorded by now; what is ingested later is recorded after it.
        var recordedInDecember = DateTimeOffset.UtcNow;

        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, Locale = "en-GB", TimezoneId = "UTC" });
        Assertions.SetDefaultExpectTimeout(20_000);
        try
        {
            await page.GotoAsync(service.BaseAddress + "#/NER-USA");
            await Expect(page.GetByTestId("event-mark").First).ToBeVisibleAsync();
            await Expect(page.GetByTestId("live-status")).ToHaveAttributeAsync("data-status", "live");
            var denunciation = page.Locator("[data-testid=event-mark][data-type=agreement_denounced]");
            await Expect(denunciation).ToHaveCountAsync(0);

            foreach (var seed in seeds.Except(december)) await service.IngestSeedAsync(seed);

            await Expect(denunciation.First).ToBeVisibleAsync();
            await Expect(page.GetByTestId("states")).ToContainTextAsync("denounced");
            await Expect(page.GetByTestId("last-change")).ToContainTextAsync("latest change");

            // The recorded clock (under "advanced"): as Monitor held it before the March articles were recorded, there is no
            // denunciation. The address carries the instant whole (the control shows it to the second).
            await page.GotoAsync(service.BaseAddress + "#/NER-USA?recordedAt=" + Uri.EscapeDataString(recordedInDecember.ToString("O", CultureInfo.InvariantCulture)));
            await page.ReloadAsync();
            await Expect(page.GetByTestId("event-mark").First).ToBeVisibleAsync();
            await Expect(denunciation).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("states")).Not.ToContainTextAsync("denounced");
            await Expect(page.GetByTestId("advanced-clocks")).ToHaveAttributeAsync("open", "");
            await Expect(page.GetByTestId("recorded-at-input")).ToHaveValueAsync(new Regex("^" + recordedInDecember.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture)));
        }
        finally
        {
            Directory.CreateDirectory(Artifacts);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "timeline-live.png"), FullPage = true });
        }
    }

    /// <summary>The gold quotes of the NER→USA denunciation of 2024-03-16 (seeds/expected.json), whitespace-normalised.</summary>
    private static readonly Lazy<IReadOnlyList<string>> GoldDenunciationQuotes = new(() =>
    {
        using var gold = JsonDocument.Parse(File.ReadAllText(Path.Combine(MonitorTestHost.SeedsFolder, "expected.json")));
        return gold.RootElement.GetProperty("articles").EnumerateArray()
            .SelectMany(a => a.GetProperty("events").EnumerateArray())
            .Where(e => e.GetProperty("type").GetString() == "AgreementDenounced"
                        && e.TryGetProperty("date", out var d) && d.ValueKind == JsonValueKind.String && d.GetString() == "2024-03-16")
            .Select(e => Normalise(e.GetProperty("quote").GetString()!))
            .ToList();
    });

    private static string Normalise(string s) => Regex.Replace(s, @"\s+", " ").Trim();
}
