using System.Security.Cryptography;
using Marten;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;

namespace Monitoring.Service.Notifications;

/// <summary>
/// Which changes a subscriber wants. Empty lists mean "any". Every listed actor must be in the pair
/// (actors NER = every relationship of Niger; actors NER, USA = that one relationship).
/// </summary>
public sealed record ChangeFilter(
    IReadOnlyList<string>? Actors = null,
    string? Pair = null,
    IReadOnlyList<string>? Dimensions = null,
    IReadOnlyList<WorldEventType>? EventTypes = null,
    double MinConfidence = 0,
    bool IncludeRevisions = true,
    bool IncludeConfidenceChanges = false)
{
    public static readonly ChangeFilter Everything = new();

    public bool Matches(RelationshipChanged change)
    {
        var pair = ActorPair.Parse(change.Pair);
        if (Actors is { Count: > 0 } actors && !actors.All(pair.Involves)) return false;
        if (Pair is { Length: > 0 } p && ActorPair.Parse(p) != pair) return false;
        if (Dimensions is { Count: > 0 } dims && !dims.Contains(change.Dimension, StringComparer.OrdinalIgnoreCase)) return false;
        if (EventTypes is { Count: > 0 } types && !change.Causes.Any(c => types.Contains(c.Type))) return false;
        if ((change.ConfidenceAfter ?? 0) < MinConfidence) return false;
        if (change.Revision && !IncludeRevisions) return false;
        // Status and detail (a new troop count) changes are news; a corroboration only moves the confidence.
        return change.Kind != ChangeKind.Confidence || IncludeConfidenceChanges;
    }

    /// <summary>An event type by its name (AgreementDenounced) or its snake_case JSON form (agreement_denounced).</summary>
    public static bool TryParseEventType(string text, out WorldEventType type) =>
        Enum.TryParse(text.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out type) && Enum.IsDefined(type);

    /// <summary>Problems with the filter, keyed by field, for problem details; empty when valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Pair is { Length: > 0 } p)
        {
            try { ActorPair.Parse(p); }
            catch (FormatException e) { errors["pair"] = [e.Message]; }
        }
        if (MinConfidence is < 0 or > 1) errors["minConfidence"] = ["must be between 0 and 1"];
        if (Actors?.Any(string.IsNullOrWhiteSpace) == true) errors["actors"] = ["actors are codes such as NER or ECOWAS"];
        return errors;
    }

    /// <summary>Normalised: upper-case actors, the pair in its canonical order, lower-case dimensions.</summary>
    public ChangeFilter Normalised() => this with
    {
        Actors = Actors?.Select(a => a.Trim().ToUpperInvariant()).Where(a => a.Length > 0).Distinct().ToList(),
        Pair = Pair is { Length: > 0 } p ? TryPair(p) : null,
        Dimensions = Dimensions?.Select(d => d.Trim().ToLowerInvariant()).Where(d => d.Length > 0).Distinct().ToList(),
    };

    private static string TryPair(string p)
    {
        try { return ActorPair.Parse(p.Trim().ToUpperInvariant()).Id; }
        catch (FormatException) { return p; }
    }
}

/// <summary>A webhook subscription: changes matching the filter are POSTed, signed, to the URL.</summary>
public sealed class NotificationSubscription
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public ChangeFilter Filter { get; set; } = ChangeFilter.Everything;
    public string Url { get; set; } = "";
    /// <summary>HMAC key for the Monitor-Signature header; stored because signing needs it, shown only at creation.</summary>
    public string Secret { get; set; } = "";
    public bool Paused { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed record CreateSubscription(string Name, string Url, ChangeFilter? Filter = null, string? Secret = null);

/// <summary>Create, list, pause, resume and delete webhook subscriptions.</summary>
public static class SubscriptionManagement
{
    public static Dictionary<string, string[]> Validate(CreateSubscription request)
    {
        var errors = (request.Filter ?? ChangeFilter.Everything).Validate();
        if (string.IsNullOrWhiteSpace(request.Name)) errors["name"] = ["a name is required"];
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            errors["url"] = ["an absolute http or https URL is required"];
        if (request.Secret is { Length: < 16 }) errors["secret"] = ["a secret has at least 16 characters"];
        return errors;
    }

    public static async Task<NotificationSubscription> CreateAsync(IDocumentSession session, CreateSubscription request, CancellationToken ct)
    {
        var subscription = new NotificationSubscription
        {
            Id = Guid.NewGuid(),
            Name = request.Name.Trim(),
            Url = request.Url,
            Filter = (request.Filter ?? ChangeFilter.Everything).Normalised(),
            Secret = request.Secret ?? NewSecret(),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        session.Store(subscription);
        await session.SaveChangesAsync(ct);
        return subscription;
    }

    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

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
