
namespace Monitoring.Api.Keys;

/// <summary>
/// An API key as stored: never the key itself, only the SHA-256 of it. <see cref="Id"/> is the key's public
/// prefix (the part between "mon_" and the second underscore), so a presented key is found by one load.
/// </summary>
public sealed class ApiKey
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Hash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>The scope codes granted; null for a key stored before scopes existed (<see cref="ApiKeyScopes.BeforeScopes"/>).</summary>
    public List<string>? Scopes { get; set; }

    /// <summary>What the key may do.</summary>
    public IReadOnlyList<ApiKeyScope> Granted =>
        Scopes is null ? ApiKeyScopes.BeforeScopes : Scopes.Select(ApiKeyScopes.Parse).OfType<ApiKeyScope>().Distinct().Order().ToList();

    public string Prefix => ApiKeys.Scheme + Id;
    public bool Revoked => RevokedAt is not null;
}

/// <summary>What a listing shows of a key.</summary>
public sealed record ApiKeyView(string Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, IReadOnlyList<string> Scopes)
{
    public static ApiKeyView Of(ApiKey k) => new(k.Id, k.Name, k.Prefix, k.CreatedAt, k.RevokedAt, k.Granted.Select(ApiKeyScopes.Code).ToList());
}

/// <summary>A new key: the only moment the secret exists outside the caller's hands.</summary>
public sealed record CreatedApiKey(ApiKeyView Key, string Secret);
