using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Monitoring.Api.Keys;

public static class ApiKeyAuthentication
{
    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services, bool readsRequireKey)
    {
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName)
            .RequireAssertion(c => c.Resource is HttpContext http
                ? Allowed(http, c.User, readsRequireKey)
                : c.User.Identity?.IsAuthenticated == true)
            .Build());
        return services;
    }

    /// <summary>
    /// Whether the request may go on: open requests (reads, unless keyed) with or without a key; every other one with a key
    /// holding the scope it needs (<see cref="ScopeNeeded"/>). Without a key it is answered 401, with a key lacking the
    /// scope 403 naming it.
    /// </summary>
    public static bool Allowed(HttpContext http, System.Security.Claims.ClaimsPrincipal user, bool readsRequireKey)
    {
        var administration = http.GetEndpoint()?.Metadata.GetMetadata<Administration>() is not null;
        var needed = ScopeNeeded(http, readsRequireKey);
        if (needed is null && IsOpen(http.Request.Method, administration, readsRequireKey)) return true;
        if (user.Identity?.IsAuthenticated != true) return false;
        return needed is not { } scope || user.HasClaim(ApiKeyScopes.ClaimType, scope.Code());
    }

    /// <summary>
    /// The scope a request needs: the endpoint's (<see cref="RequireScope{TBuilder}"/>), else read for a read when reads are
    /// keyed; null when any key will do.
    /// </summary>
    public static ApiKeyScope? ScopeNeeded(HttpContext http, bool readsRequireKey)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<RequiredScope>() is { } required)
            return HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) ? required.Reads ?? required.Scope : required.Scope;
        return readsRequireKey && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) ? ApiKeyScope.Read : null;
    }

    /// <summary>The endpoint needs a key with <paramref name="scope"/> (for its reads too, unless <paramref name="reads"/> names another).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, ApiKeyScope scope, ApiKeyScope? reads = null) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredScope(scope, reads));

    /// <summary>The endpoint metadata naming the scope a key needs.</summary>
    public sealed record RequiredScope(ApiKeyScope Scope, ApiKeyScope? Reads);

    /// <summary>
    /// Whether a request may go without a key: reads, unless reads are keyed, and except administration
    /// (endpoints marked with <see cref="RequireKeyForReads{TBuilder}"/>).
    /// </summary>
    public static bool IsOpen(string method, bool administration, bool readsRequireKey) =>
        !readsRequireKey && (HttpMethods.IsGet(method) || HttpMethods.IsHead(method)) && !administration;

    /// <summary>Administration: even reads need a key (webhook subscriptions: their URLs and delivery history are the operator's business).</summary>
    public static TBuilder RequireKeyForReads<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(Administration.Instance);

    /// <summary>The endpoint metadata that marks administration.</summary>
    public sealed class Administration
    {
        public static readonly Administration Instance = new();

        private Administration()
        {
        }
    }
}
