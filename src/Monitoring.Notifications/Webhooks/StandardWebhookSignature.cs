using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Monitoring.Notifications.Webhooks;

/// <summary>
/// The Standard Webhooks signature (standardwebhooks.com), sent beside <see cref="WebhookSignature"/> on every delivery so a
/// receiver can verify with the published libraries: <c>webhook-id</c> (the delivery id, the same on every retry),
/// <c>webhook-timestamp</c> (unix seconds) and <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 of "{id}.{timestamp}.{body}"&gt;</c>.
/// The key is the secret's <c>whsec_</c> base64 part decoded; a secret that is not of that form (one a user chose) is keyed
/// by its UTF-8 bytes, and <see cref="LibrarySecret"/> gives the <c>whsec_</c> form to hand to a library.
/// </summary>
public static class StandardWebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    private const string Prefix = "whsec_";

    public static byte[] Key(string secret) =>
        secret.StartsWith(Prefix, StringComparison.Ordinal) && Base64.IsValid(secret.AsSpan(Prefix.Length)) && secret.Length > Prefix.Length
            ? Convert.FromBase64String(secret[Prefix.Length..])
            : Encoding.UTF8.GetBytes(secret);

    /// <summary>The secret as Standard Webhooks libraries take it (<c>new StandardWebhook(secret)</c>): whsec_ and the key in base64.</summary>
    public static string LibrarySecret(string secret) => Prefix + Convert.ToBase64String(Key(secret));

    public static string Sign(string secret, string id, long timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(Key(secret), Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
}
