using System.Security.Claims;
using System.Text.Encodings.Web;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Monitoring.Api.Hosting;

namespace Monitoring.Api.Keys;

/// <summary>
/// API keys as an ASP.NET Core authentication scheme: the key comes in <c>X-Api-Key</c> or <c>Authorization: Bearer</c>.
/// The fallback authorization policy asks for a key on every endpoint that does not allow anonymous access, except
/// reads (GET, HEAD) when reads are open. A missing or invalid key is answered 401 with problem details.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Presented(Request) is not { } presented) return AuthenticateResult.NoResult();
        // An endpoint open to anyone (/health, /ready, the OpenAPI document) needs no key checked: it answers while the
        // database, which holds the keys, is down.
        if (Context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null) return AuthenticateResult.NoResult();
        var session = Context.RequestServices.GetRequiredService<IQuerySession>();
        var key = await ApiKeys.VerifyAsync(session, presented, Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("the API key is invalid or revoked");
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, key.Name), new Claim("key_id", key.Id),
            .. key.Granted.Select(s => new Claim(ApiKeyScopes.ClaimType, s.Code()))], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var presented = Presented(Request) is not null;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"monitor\"";
        var problems = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "API key required",
                Detail = presented
                    ? "the API key is invalid or revoked"
                    : $"this request needs an API key in the {ApiKeys.HeaderName} header or as Authorization: Bearer (create one with: monitor keys create NAME)",
            },
        });
    }

    /// <summary>A valid key without the scope the endpoint needs: 403 naming the scope.</summary>
    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var needed = ApiKeyAuthentication.ScopeNeeded(Context, Context.RequestServices.GetRequiredService<MonitorWebSettings>().ReadsRequireKey);
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var problems = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "API key lacks a scope",
                Detail = $"this request needs an API key with the '{needed?.Code()}' scope (create one with: monitor keys create NAME --scope {needed?.Code()})",
                Extensions = { ["scope"] = needed?.Code() },
            },
        });
    }

    private static string? Presented(HttpRequest request)
    {
        if (request.Headers[ApiKeys.HeaderName].FirstOrDefault() is { Length: > 0 } header) return header.Trim();
        var authorization = request.Headers.Authorization.FirstOrDefault();
        return authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization["Bearer ".Length..].Trim()
            : null;
    }
}
