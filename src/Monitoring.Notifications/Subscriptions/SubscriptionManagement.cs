using System.Security.Cryptography;
using Marten;

namespace Monitoring.Notifications.Subscriptions;

/// <summary>Create, list, pause, resume and delete webhook subscriptions.</summary>
public static class SubscriptionManagement
{
    public static Dictionary<string, string[]> Validate(CreateSubscription request, bool allowPrivateUrls)
    {
        var errors = (request.Filter ?? ChangeFilter.Everything).Validate();
        if (string.IsNullOrWhiteSpace(request.Name)) errors["name"] = ["a name is required"];
        else if (request.Name.Length > NotificationSettings.MaxNameLength) errors["name"] = [$"a name has at most {NotificationSettings.MaxNameLength} characters"];
        if (Monitoring.Feeds.Outbound.OutboundAddresses.Refusal(request.Url, allowPrivateUrls) is { } refusal) errors["url"] = [refusal];
        if (request.Secret is { Length: < 16 }) errors["secret"] = ["a secret has at least 16 characters"];
        return errors;
    }

    /// <summary>Stores the subscription with its secret sealed under <paramref name="secretsKey"/> (when configured); the answer holds it in the clear, to show once.</summary>
    public static async Task<NotificationSubscription> CreateAsync(IDocumentSession session, CreateSubscription request, TimeProvider clock, CancellationToken ct,
        byte[]? secretsKey = null)
    {
        var secret = request.Secret ?? NewSecret();
        var subscription = new NotificationSubscription
        {
            Id = Guid.NewGuid(),
            Name = request.Name.Trim(),
            Url = request.Url,
            Filter = (request.Filter ?? ChangeFilter.Everything).Normalised(),
            Secret = SecretBox.Seal(secret, secretsKey),
            CreatedAt = clock.GetUtcNow(),
        };
        session.Store(subscription);
        await session.SaveChangesAsync(ct);
        subscription.Secret = secret;
        return subscription;
    }

    /// <summary>A new secret in the Standard Webhooks form (whsec_ and 32 random bytes in base64), usable by its libraries as is.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static async Task<IReadOnlyList<NotificationSubscription>> ListAsync(IQuerySession session, CancellationToken ct) =>
        (await session.Query<NotificationSubscription>().ToListAsync(ct)).OrderBy(s => s.CreatedAt).ToList();

    /// <summary>Finds a subscription by id or by a unique id prefix (as the CLI prints it).</summary>
    public static async Task<NotificationSubscription?> FindAsync(IQuerySession session, string idOrPrefix, CancellationToken ct)
    {
        if (Guid.TryParse(idOrPrefix, out var id)) return await session.LoadAsync<NotificationSubscription>(id, ct);
        var matches = (await ListAsync(session, ct)).Where(s => s.Id.ToString("N").StartsWith(idOrPrefix.Replace("-", ""), StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    /// <summary>Pauses or resumes; changes recorded while paused are not delivered later.</summary>
    public static async Task<NotificationSubscription?> SetPausedAsync(IDocumentSession session, Guid id, bool paused, CancellationToken ct)
    {
        var subscription = await session.LoadAsync<NotificationSubscription>(id, ct);
        if (subscription is null) return null;
        subscription.Paused = paused;
        session.Store(subscription);
        await session.SaveChangesAsync(ct);
        return subscription;
    }

    /// <summary>Deletes the subscription; its delivery history stays for audit.</summary>
    public static async Task<bool> DeleteAsync(IDocumentSession session, Guid id, CancellationToken ct)
    {
        if (await session.LoadAsync<NotificationSubscription>(id, ct) is null) return false;
        session.Delete<NotificationSubscription>(id);
        await session.SaveChangesAsync(ct);
        return true;
    }
}
