using System.Net;
using System.Net.Http.Headers;
using Monitoring.Extraction.Reading;
using Monitoring.Feeds.Outbound;

namespace Monitoring.Feeds.Fetching;

/// <summary>How Monitor fetches feeds and linked pages.</summary>
public sealed record FetchOptions
{
    /// <summary>MONITOR_ALLOW_PRIVATE_URLS, as the host that wires the fetcher binds it from its configuration; refused by default.</summary>
    public bool AllowPrivate { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
    public int MaxRedirects { get; init; } = 5;
    public long MaxFeedBytes { get; init; } = 8 * 1024 * 1024;
    public long MaxPageBytes { get; init; } = ArticleReader.MaxBytes;
    public string UserAgent { get; init; } = "Monitor/1.0 (feed reader)";
}

/// <summary>What a GET gave: a body, "not modified" (conditional GET), or a failure that says why.</summary>
public abstract record FetchResult
{
    public sealed record Fetched(byte[] Body, string? MediaType, Uri Url, string? ETag, string? LastModified, string? Charset = null) : FetchResult
    {
        /// <summary>The body as text in the charset the server declared (pages in windows-1252 or Latin-1 exist), else as UTF-8.</summary>
        public string? DeclaredText()
        {
            if (Charset is null || Charset.Replace("-", "").Equals("utf8", StringComparison.OrdinalIgnoreCase)) return null;
            try { return System.Text.Encoding.GetEncoding(Charset.Trim('"')).GetString(Body); }
            catch (ArgumentException) { return null; } // an unknown charset: the reader's UTF-8 check decides
        }
    }

    public sealed record NotModified : FetchResult;

    /// <param name="RetryAfter">The server's Retry-After (429, 503), as a delay from when the answer came.</param>
    /// <param name="Transient">Worth trying again later (timeouts, 5xx, unreachable), as opposed to a 404 or a wrong type.</param>
    public sealed record Failed(string Reason, int? Status, TimeSpan? RetryAfter, bool Transient) : FetchResult;
}

/// <summary>
/// GETs feeds and linked pages through <see cref="OutboundAddresses"/>: public http(s) addresses only (unless allowed),
/// redirects followed here a bounded number of times with each hop checked again, bodies read up to a bound, content
/// types checked, and one timeout over the whole exchange (every hop and the body) measured on the given clock.
/// </summary>
public sealed class FeedFetcher : IDisposable
{
    private static readonly string[] FeedTypes = ["application/rss+xml", "application/atom+xml", "application/feed+json", "application/xml", "text/xml", "application/json"];
    private static readonly string[] PageTypes = ["text/html", "application/xhtml+xml", "text/plain"];

    private readonly FetchOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;

    public FeedFetcher(FetchOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        // The client's own timeout is off: ours runs on the injected clock and covers the body as well.
        _http = new HttpClient(OutboundAddresses.Handler(options.AllowPrivate)) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
    }

    public Task<FetchResult> GetFeedAsync(string url, string? etag, string? lastModified, CancellationToken ct) =>
        GetAsync(url, etag, lastModified, _options.MaxFeedBytes, FeedMediaType, "feed", ct);

    /// <summary>The page an entry links to, when the entry is only a summary.</summary>
    public Task<FetchResult> GetPageAsync(string url, CancellationToken ct) =>
        GetAsync(url, null, null, _options.MaxPageBytes, PageMediaType, "linked page", ct);

    /// <summary>Null when the type may be a feed; a missing type is sniffed by the reader.</summary>
    internal static string? FeedMediaType(string? mediaType) =>
        mediaType is null || FeedTypes.Contains(mediaType) || mediaType.EndsWith("+xml", StringComparison.Ordinal) || mediaType.EndsWith("+json", StringComparison.Ordinal)
            ? null
            : mediaType == "text/html"
                ? "the URL serves an HTML page (text/html), not a feed: give the feed's own address"
                : $"the URL serves {mediaType}, not a feed (RSS, Atom or JSON Feed)";

    internal static string? PageMediaType(string? mediaType) =>
        mediaType is null || PageTypes.Contains(mediaType) ? null : $"the linked page is {mediaType}, not an HTML page";

    private async Task<FetchResult> GetAsync(string url, string? etag, string? lastModified, long maxBytes, Func<string?, string?> typeProblem, string what, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        var target = url;
        try
        {
            for (var hop = 0; ; hop++)
            {
                if (OutboundAddresses.Refusal(target, _options.AllowPrivate) is { } refusal)
                    return new FetchResult.Failed(hop == 0 ? refusal : $"a redirect was refused: {refusal}", null, null, false);
                var uri = new Uri(target);
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                if (etag is not null) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                if (lastModified is not null) request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
                var status = (int)response.StatusCode;
                if (status is 301 or 302 or 303 or 307 or 308)
                {
                    if (response.Headers.Location is not { } location)
                        return new FetchResult.Failed($"the {what} answered {status} without a Location to go to", status, null, false);
                    if (hop >= _options.MaxRedirects)
                        return new FetchResult.Failed($"the {what} redirects more than {_options.MaxRedirects} times", status, null, false);
                    target = (location.IsAbsoluteUri ? location : new Uri(uri, location)).AbsoluteUri;
                    continue;
                }
                if (response.StatusCode == HttpStatusCode.NotModified) return new FetchResult.NotModified();
                if (!response.IsSuccessStatusCode)
                    return new FetchResult.Failed($"the {what} answered {status} {response.ReasonPhrase}".TrimEnd(), status,
                        RetryAfter(response.Headers, _time.GetUtcNow()), status is 408 or 429 or >= 500);
                var mediaType = response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant();
                if (typeProblem(mediaType) is { } problem) return new FetchResult.Failed(problem, status, null, false);
                var body = await OutboundAddresses.ReadBoundedAsync(response.Content, maxBytes, linked.Token);
                return new FetchResult.Fetched(body, mediaType, uri, response.Headers.ETag?.ToString(),
                    response.Content.Headers.LastModified?.ToString("R"), response.Content.Headers.ContentType?.CharSet);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return new FetchResult.Failed($"the {what} timed out after {Seconds(_options.Timeout)}", null, null, true);
        }
        catch (OutboundRefusedException e)
        {
            return new FetchResult.Failed(e.Message.Replace("receiver", what), null, null, false);
        }
        catch (HttpRequestException e) when (e.InnerException is OutboundRefusedException refused)
        {
            return new FetchResult.Failed(refused.Message.Replace("receiver", what), null, null, false);
        }
        catch (HttpRequestException e)
        {
            // Like webhooks' errors, said without host or port: feed status is shown to whoever added the feed.
            var reason = e.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => $"the {what}'s name does not resolve",
                HttpRequestError.ConnectionError => $"the {what}'s server could not be reached",
                HttpRequestError.SecureConnectionError => $"the TLS handshake with the {what}'s server failed",
                HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse => $"the {what}'s server gave a malformed answer",
                _ => $"the request for the {what} failed",
            };
            return new FetchResult.Failed(reason, null, null, true);
        }
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds >= 1 ? $"{t.TotalSeconds:0.#} s" : $"{t.TotalMilliseconds:0} ms";

    /// <summary>Retry-After as a delay from <paramref name="now"/>: seconds, or an HTTP date (a date past is no delay).</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, DateTimeOffset now) =>
        headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
            _ => null,
        };

    public void Dispose() => _http.Dispose();
}
