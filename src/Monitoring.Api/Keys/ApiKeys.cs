using System.Security.Cryptography;
using System.Text;
using Marten;

namespace Monitoring.Api.Keys;

public static class ApiKeys
{
    public const string Scheme = "mon_";
    public const string HeaderName = "X-Api-Key";

    /// <summary>"mon_" + 8 hex characters (the id) + "_" + 32 random bytes in base64url.</summary>
    /// <param name="scopes">What the key may do (<see cref="ApiKeyScopes.Default"/> when null).</param>
    public static async Task<CreatedApiKey> CreateAsync(IDocumentSession session, string name, IReadOnlyCollection<ApiKeyScope>? scopes, TimeProvider clock,
        CancellationToken ct = default)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var secret = $"{Scheme}{id}_{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        var key = new ApiKey
        {
            Id = id, Name = name.Trim(), Hash = HashOf(secret), CreatedAt = clock.GetUtcNow(),
            Scopes = (scopes ?? ApiKeyScopes.Default).Distinct().Order().Select(ApiKeyScopes.Code).ToList(),
        };
        session.Insert(key);
        await session.SaveChangesAsync(ct);
        return new CreatedApiKey(ApiKeyView.Of(key), secret);
    }

    public static string? ValidateName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "a key needs a name" : name.Trim().Length > 100 ? "a key name has at most 100 characters" : null;

    public static async Task<IReadOnlyList<ApiKey>> ListAsync(IQuerySession session, CancellationToken ct = default) =>
        (await session.Query<ApiKey>().ToListAsync(ct)).OrderBy(k => k.CreatedAt).ToList();

    /// <summary>Revoked keys stay listed (who had access, until when); null when there is no such key.</summary>
    public static async Task<ApiKey?> RevokeAsync(IDocumentSession session, string id, TimeProvider clock, CancellationToken ct = default)
    {
        var key = await session.LoadAsync<ApiKey>(IdOf(id), ct);
        if (key is null) return null;
        if (key.RevokedAt is null)
        {
            key.RevokedAt = clock.GetUtcNow();
            session.Store(key);
            await session.SaveChangesAsync(ct);
        }
        return key;
    }

    /// <summary>The stored key a presented secret belongs to, when it is valid and not revoked.</summary>
    public static async Task<ApiKey?> VerifyAsync(IQuerySession session, string presented, CancellationToken ct = default)
    {
        if (!presented.StartsWith(Scheme, StringComparison.Ordinal)) return null;
        var id = presented.Substring(Scheme.Length).Split('_', 2)[0];
        if (id.Length != 8) return null;
        var key = await session.LoadAsync<ApiKey>(id, ct);
        if (key is null || key.Revoked) return null;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashOf(presented)), Encoding.ASCII.GetBytes(key.Hash)) ? key : null;
    }

    /// <summary>Accepts the id or the prefix ("mon_3fa2c9d1") as listed.</summary>
    public static string IdOf(string idOrPrefix) =>
        idOrPrefix.StartsWith(Scheme, StringComparison.Ordinal) ? idOrPrefix[Scheme.Length..].Split('_', 2)[0] : idOrPrefix.Trim();

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
