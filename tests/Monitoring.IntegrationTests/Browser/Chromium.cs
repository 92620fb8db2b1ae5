using Microsoft.Playwright;

namespace Monitoring.IntegrationTests.Browser;

/// <summary>
/// Headless Chromium from the machine (Debian's chromium package, installed by test.sh), driven by Playwright's
/// bundled driver: nothing is downloaded. The browser's own network chatter is switched off so that the only
/// requests are the page's.
/// </summary>
public static class Chromium
{
    public static string? ExecutablePath =>
        new[] { Environment.GetEnvironmentVariable("MONITOR_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
            .FirstOrDefault(p => p is { Length: > 0 } && File.Exists(p));

    public static async Task<(IPlaywright, IBrowser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath ?? throw new InvalidOperationException("no chromium: " + BrowserFactAttribute.Missing),
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            Headless = true,
        });
        return (playwright, browser);
    }
}

/// <summary>A test that needs Chromium: skipped, with the reason, on a machine that has none.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Missing = "chromium is not installed (test.sh installs Debian's package when it runs as root; or set MONITOR_CHROMIUM)";

    public BrowserFactAttribute()
    {
        if (Chromium.ExecutablePath is null) Skip = Missing;
    }
}
