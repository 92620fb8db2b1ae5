using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.FileProviders;
using Microsoft.OpenApi;
using Monitoring.Api.Articles;
using Monitoring.Api.Discovery;
using Monitoring.Api.Events;
using Monitoring.Api.Exports;
using Monitoring.Api.Keys;
using Monitoring.Api.Notifications;
using Monitoring.Api.Relationships;
using Monitoring.Store;
using Npgsql;
using Scalar.AspNetCore;

namespace Monitoring.Api.Hosting;

/// <summary>
/// The HTTP service: <see cref="AddMonitorWeb"/> after <c>AddMonitor</c>, then <see cref="MapMonitor"/> maps every module's
/// endpoints, the OpenAPI document (/openapi/v1.json), its reference page (/scalar), /health, /ready and the page at /.
/// </summary>
public static class MonitorWeb
{
    public static WebApplicationBuilder AddMonitorWeb(this WebApplicationBuilder builder, MonitorWebSettings? web = null)
    {
        web ??= new MonitorWebSettings();
        builder.Services.AddSingleton(web);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        // Binding failures (a number that is not one, a malformed JSON body) become exceptions that the handler
        // above answers as 400 problem details naming the parameter, instead of an empty 400.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o => MonitorJson.Configure(o.SerializerOptions));
        builder.Services.AddApiKeyAuthentication(web.ReadsRequireKey);
        if (web.CorsOrigins.Count > 0)
            builder.Services.AddCors(o => o.AddDefaultPolicy(policy =>
            {
                if (web.CorsOrigins.Contains("*")) policy.AllowAnyOrigin();
                else policy.WithOrigins([.. web.CorsOrigins]);
                policy.WithMethods("GET", "HEAD", "POST", "DELETE")
                    .WithHeaders("X-Api-Key", "Authorization", "Content-Type", "If-None-Match", "Last-Event-ID")
                    .WithExposedHeaders("ETag", "Content-Disposition");
            }));
        // Authentication brings Data Protection; nothing here encrypts anything to keep, so no key ring on disk.
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Monitor";
            document.Info.Description = "Articles in, dated events out, and the state of every bilateral relationship on three clocks "
                                        + "(asOf: valid date; knownAt: publication date; recordedAt: recorded instant). Writes need an API key (X-Api-Key or Authorization: Bearer).";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ApiKeys.HeaderName,
                Description = "A key from `monitor keys create NAME`; also accepted as Authorization: Bearer.",
            };
            return Task.CompletedTask;
        }).AddOperationTransformer((operation, context, _) =>
        {
            var method = context.Description.HttpMethod ?? "GET";
            var anonymous = context.Description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any();
            var administration = context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiKeyAuthentication.Administration>().Any();
            if (!anonymous && !ApiKeyAuthentication.IsOpen(method, administration, web.ReadsRequireKey))
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, context.Document)] = [] });
            }
            return Task.CompletedTask;
        }).AddMonitorConventions());
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Math.Max(web.MaxRequestBytes, web.MaxArticleBytes));
        return builder;
    }

    public static WebApplication MapMonitor(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use((context, next) =>
        {
            // No content sniffing anywhere; the page and the API load nothing but their own scripts, styles and data.
            // Scalar's reference page (/scalar) runs inline scripts of its own: it keeps the browser's defaults.
            context.Response.Headers.XContentTypeOptions = "nosniff";
            if (!context.Request.Path.StartsWithSegments("/scalar")) context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return next(context);
        });

        // The page at / is built into the service assembly, so `monitor serve` serves it from any working directory.
        var web = app.Services.GetRequiredService<MonitorWebSettings>();
        IFileProvider files = web.WebRoot is { } root
            ? new PhysicalFileProvider(Path.GetFullPath(root))
            : new EmbeddedFileProvider(typeof(MonitorWeb).Assembly, "Monitoring.Api.wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });

        app.UseMiddleware<ConditionalReads>();
        app.UseRouting();
        if (web.CorsOrigins.Count > 0) app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapArticleEndpoints();
        app.MapRelationshipEndpoints();
        app.MapEventEndpoints();
        Review.ReviewEndpoints.MapReviewEndpoints(app);
        app.MapNotificationEndpoints();
        app.MapExportEndpoints();
        app.MapDiscoveryEndpoints();
        Feeds.FeedEndpoints.MapFeedEndpoints(app);

        app.MapOpenApi().AllowAnonymous();
        // Scalar's script is embedded in its package (served under /scalar); the default fonts are its only CDN request.
        app.MapScalarApiReference(o => o.WithTitle("Monitor API").DisableDefaultFonts()).AllowAnonymous();

        app.MapGet("/health", () => TypedResults.Ok(new HealthAnswer("ok")))
            .WithTags("Service").WithSummary("Liveness: the process answers.").AllowAnonymous();
        app.MapGet("/ready", ReadyAsync)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithTags("Service").WithSummary("Readiness: the database answers.").AllowAnonymous();
        return app;
    }

    public sealed record HealthAnswer(string Status);

    /// <summary>The page's own files only (its icon is a data: URL), no plugins, no framing, no base or form elsewhere.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static async Task<Results<Ok<HealthAnswer>, ProblemHttpResult>> ReadyAsync(HttpResponse response, MonitorSettings settings, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(settings.ConnectionString);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await connection.OpenAsync(timeout.Token);
            await using var command = new NpgsqlCommand("select 1", connection);
            await command.ExecuteScalarAsync(timeout.Token);
            return TypedResults.Ok(new HealthAnswer("ready"));
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            // Anonymous: the answer names no host or port (Npgsql's message does); the log has them.
            response.Headers.RetryAfter = RetryAfterSeconds;
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Database unreachable",
                detail: "the service cannot reach its PostgreSQL database");
        }
    }

    /// <summary>What a 503 asks a client to wait: the pool reconnects on the next request once PostgreSQL is back.</summary>
    private const string RetryAfterSeconds = "5";

    /// <summary>
    /// Whether an exception is PostgreSQL being out of reach (refused or broken connections, a server shutting down or
    /// starting, a connection timeout), as opposed to a defect: the first is the service's 503, the second its 500.
    /// </summary>
    public static bool IsDatabaseOutage(Exception e) => e switch
    {
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("57P", StringComparison.Ordinal),
        NpgsqlException or System.Net.Sockets.SocketException or TimeoutException => true,
        AggregateException a => a.InnerExceptions.Any(IsDatabaseOutage),
        _ => e.InnerException is { } inner && IsDatabaseOutage(inner),
    };

    /// <summary>Every unhandled error as problem details: binding failures with their message, anything else as a bare 500.</summary>
    private sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
        {
            var (status, title, detail) = exception switch
            {
                BadHttpRequestException b => (b.StatusCode, b.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Payload too large" : "Bad request", b.Message),
                _ when IsDatabaseOutage(exception) => (StatusCodes.Status503ServiceUnavailable, "Database unavailable",
                    $"the service cannot reach its database; try again in {RetryAfterSeconds} seconds"),
                _ => (StatusCodes.Status500InternalServerError, "Internal server error", "the service failed to answer; the error is in its log"),
            };
            context.Response.StatusCode = status;
            if (status == StatusCodes.Status503ServiceUnavailable) context.Response.Headers.RetryAfter = RetryAfterSeconds;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                Exception = exception,
                ProblemDetails = { Status = status, Title = title, Detail = detail },
            });
        }
    }
}
