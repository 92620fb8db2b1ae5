using Marten;

namespace Monitoring.Api.Keys;

/// <summary>The API keys as the CLI manages them (<c>monitor keys</c>), with the host's clock.</summary>
public sealed class ApiKeyService(IDocumentStore store, TimeProvider clock)
{
    public async Task<CreatedApiKey> CreateAsync(string name, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        return await ApiKeys.CreateAsync(session, name, clock, ct);
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
