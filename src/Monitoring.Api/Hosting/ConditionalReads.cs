using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace Monitoring.Api.Hosting;

/// <summary>
/// Every read answers HEAD and carries a strong ETag, and a client that sends the tag back in If-None-Match gets 304 with
/// no body: a dashboard that polls a relationship pays for an answer only when it changed. The answer is buffered to be
/// hashed (answers are pages, bounded by their limit); the streams that never end or are files (SSE, exports) pass through.
/// </summary>
public sealed class ConditionalReads(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var head = HttpMethods.IsHead(request.Method);
        if (!(head || HttpMethods.IsGet(request.Method)) || Streamed(request.Path))
        {
            await next(context);
            return;
        }

        // Routes are mapped for GET: HEAD is answered as GET without the body.
        if (head) request.Method = HttpMethods.Get;
        var body = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
            if (head) request.Method = HttpMethods.Head;
        }

        if (context.Response.StatusCode == StatusCodes.Status200OK)
        {
            buffer.Position = 0;
            var tag = $"\"{WebEncoders.Base64UrlEncode(SHA256.HashData(buffer))[..27]}\"";
            context.Response.Headers.ETag = tag;
            if (Matches(request.Headers.IfNoneMatch, tag))
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                context.Response.ContentLength = null;
                context.Response.Headers.ContentType = default;
                return;
            }
        }
        // An empty answer (a 404 of no route) is left bare, so that the status-code pages still write its problem details.
        if (buffer.Length == 0) return;
        context.Response.ContentLength = buffer.Length;
        if (head) return;
        buffer.Position = 0;
        await buffer.CopyToAsync(body, context.RequestAborted);
    }

    private static bool Streamed(PathString path) =>
        path.StartsWithSegments("/notifications/stream") || path.StartsWithSegments("/export");

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string tag) =>
        ifNoneMatch.SelectMany(v => (v ?? "").Split(',')).Select(t => t.Trim()).Any(t => t == tag || t == "*" || t == $"W/{tag}");
}
