namespace Monitoring.Api.Keys;

/// <summary>What a key may do: read (questions, when reads need a key), ingest (articles), analyst (corrections), admin (subscriptions, feeds).</summary>
public enum ApiKeyScope { Read, Ingest, Analyst, Admin }

public static class ApiKeyScopes
{
    /// <summary>The claim each of a key's scopes becomes on the request's user.</summary>
    public const string ClaimType = "scope";

    /// <summary>A new key's scopes when none are named.</summary>
    public static readonly IReadOnlyList<ApiKeyScope> Default = [ApiKeyScope.Read, ApiKeyScope.Ingest];

    /// <summary>What a key stored before scopes existed could do, and still may: everything but corrections.</summary>
    public static readonly IReadOnlyList<ApiKeyScope> BeforeScopes = [ApiKeyScope.Read, ApiKeyScope.Ingest, ApiKeyScope.Admin];

    public static string Code(this ApiKeyScope scope) => scope.ToString().ToLowerInvariant();

    public static ApiKeyScope? Parse(string text) =>
        Enum.TryParse<ApiKeyScope>(text.Trim(), ignoreCase: true, out var s) && Enum.IsDefined(s) && !text.Trim().All(char.IsDigit) ? s : null;

    public static string Codes => string.Join(", ", Enum.GetValues<ApiKeyScope>().Select(Code));
}
