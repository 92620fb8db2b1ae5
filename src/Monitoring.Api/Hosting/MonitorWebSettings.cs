using Monitoring.Extraction.Reading;

namespace Monitoring.Api.Hosting;

/// <summary>Limits and access rules of the HTTP service.</summary>
public sealed record MonitorWebSettings
{
    /// <summary>The largest article body (text, HTML, or one JSON article) accepted; larger is answered 413.</summary>
    public long MaxArticleBytes { get; init; } = ArticleReader.MaxBytes;

    /// <summary>The largest request body (a JSON batch of articles); larger is answered 413.</summary>
    public long MaxRequestBytes { get; init; } = 32L * 1024 * 1024;

    public int MaxBatchArticles { get; init; } = 200;

    /// <summary>False: reads (GET) are open and a key is needed for writes only.</summary>
    public bool ReadsRequireKey { get; init; }

    /// <summary>A folder served at / instead of the page built into the service (for working on the page).</summary>
    public string? WebRoot { get; init; }

    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Where the service listens; several separated by ';'.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>
    /// Origins whose pages may call the API from a browser (CORS), e.g. https://desk.example.org; "*" for any. Empty (the
    /// default): no cross-origin answers, only the service's own page.
    /// </summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    /// <summary>MONITOR_URLS, MONITOR_READS_REQUIRE_KEY, MONITOR_MAX_ARTICLE_BYTES, MONITOR_MAX_REQUEST_BYTES, MONITOR_WWWROOT, MONITOR_CORS_ORIGINS (comma-separated).</summary>
    public static MonitorWebSettings FromConfiguration(IConfiguration configuration)
    {
        var defaults = new MonitorWebSettings();
        return new MonitorWebSettings
        {
            Urls = configuration["MONITOR_URLS"] is { Length: > 0 } urls ? urls : DefaultUrls,
            ReadsRequireKey = bool.TryParse(configuration["MONITOR_READS_REQUIRE_KEY"], out var r) && r,
            MaxArticleBytes = long.TryParse(configuration["MONITOR_MAX_ARTICLE_BYTES"], out var a) && a > 0 ? a : defaults.MaxArticleBytes,
            MaxRequestBytes = long.TryParse(configuration["MONITOR_MAX_REQUEST_BYTES"], out var q) && q > 0 ? q : defaults.MaxRequestBytes,
            WebRoot = configuration["MONITOR_WWWROOT"] is { Length: > 0 } w ? w : null,
            CorsOrigins = (configuration["MONITOR_CORS_ORIGINS"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        };
    }
}
