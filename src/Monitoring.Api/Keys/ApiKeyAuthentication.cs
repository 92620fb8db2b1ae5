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
            .RequireAssertion(c => c.User.Identity?.IsAuthenticated == true
                                   || (c.Resource is HttpContext http
                                       && IsOpen(http.Request.Method, http.GetEndpoint()?.Metadata.GetMetadata<Administration>() is not null, readsRequireKey)))
            .Build());
        return services;
    }

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
