using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Monitoring.Extraction.Reading;

namespace Monitoring.Feeds.Tests;

public static class Documents
{
    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Documents", name));

    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Documents", name));
}

/// <summary>A sink idempotent on the text, as the service's is: the same text twice is a duplicate.</summary>
public sealed class RecordingSink : IArticleSink
{
    private readonly ConcurrentDictionary<string, Article> _byHash = new();
    public ConcurrentQueue<Article> Accepted { get; } = new();
    public int Calls;
    public Func<Article, IngestOutcome?>? Override { get; set; }

    public Task<IngestOutcome> IngestAsync(Article article, CancellationToken ct)
    {
        Interlocked.Increment(ref Calls);
        if (Override?.Invoke(article) is { } forced) return Task.FromResult(forced);
        if (!_byHash.TryAdd(article.ContentHash, article))
            return Task.FromResult(new IngestOutcome(IngestStatus.Duplicate, "article-" + article.ContentHash[..12], "already stored"));
        Accepted.Enqueue(article);
        return Task.FromResult(new IngestOutcome(IngestStatus.Accepted, "article-" + article.ContentHash[..12]));
    }
}

/// <summary>
/// A feed server on 127.0.0.1 (a free port): each path answers with the handler the test gives it, and every request
/// is counted. Nothing but this server is ever contacted by the tests.
/// </summary>
public sealed class FeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _routes = new();
    public ConcurrentDictionary<string, int> Requests { get; } = new();
    public ConcurrentQueue<(string Path, string? IfNoneMatch, string? IfModifiedSince)> Log { get; } = new();

    private FeedServer(WebApplication app) => _app = app;

    public static async Task<FeedServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var _app = builder.Build();
        var server = new FeedServer(_app);
        _app.Run(async context =>
        {
            var path = context.Request.Path.Value ?? "/";
            server.Requests.AddOrUpdate(path, 1, (_, n) => n + 1);
            server.Log.Enqueue((path, context.Request.Headers.IfNoneMatch.FirstOrDefault(), context.Request.Headers.IfModifiedSince.FirstOrDefault()));
            if (server._routes.TryGetValue(path, out var handler)) await handler(context);
            else context.Response.StatusCode = 404;
        });
        await _app.StartAsync();
        return server;
    }

    public string Url(string path) => _app.Urls.First().TrimEnd('/') + path;

    public void On(string path, Func<HttpContext, Task> handler) => _routes[path] = handler;

    public void Serve(string path, string contentType, string body, string? etag = null) => On(path, async context =>
    {
        if (etag is not null)
        {
            if (context.Request.Headers.IfNoneMatch == etag)
            {
                context.Response.StatusCode = 304;
                return;
            }
            context.Response.Headers.ETag = etag;
        }
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body);
    });

    public int Count(string path) => Requests.GetValueOrDefault(path);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
