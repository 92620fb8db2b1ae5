using Marten;

namespace Monitoring.Api.Keys;

/// <summary>The API keys as the CLI manages them (<c>monitor keys</c>), with the host's clock.</summary>
public sealed class ApiKeyService(IDocumentStore store, TimeProvider clock)
{
    /// <param name="scopes">What the key may do (<see cref="ApiKeyScopes.Default"/>, read and ingest, when null).</param>
    public async Task<CreatedApiKey> CreateAsync(string name, IReadOnlyCollection<ApiKeyScope>? scopes, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        return await ApiKeys.CreateAsync(session, name, scopes, clock, ct);
    }

    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return (await ApiKeys.ListAsync(session, ct)).Select(ApiKeyView.Of).ToList();
    }

    /// <summary>Null when there is no such key.</summary>
    public async Task<ApiKey?> RevokeAsync(string idOrPrefix, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        return await ApiKeys.RevokeAsync(session, idOrPrefix, clock, ct);
    }
}
