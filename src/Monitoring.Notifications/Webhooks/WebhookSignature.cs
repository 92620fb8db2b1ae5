using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Monitoring.Notifications.Webhooks;

/// <summary>
/// The webhook signature, as Stripe does it. Header <c>Monitor-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c> where
/// v1 = lower-case hex HMAC-SHA256, keyed with the subscription's secret (its UTF-8 bytes), over
/// <c>"{t}.{raw request body}"</c>. A receiver recomputes it over the exact bytes it received, compares in constant
/// time, and rejects a timestamp older than its tolerance (replays). <c>Monitor-Delivery</c> carries the delivery id:
/// the same change to the same subscription always has the same id, so a receiver can drop repeats.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Monitor-Signature";
    public const string DeliveryHeader = "Monitor-Delivery";
    public const string AttemptHeader = "Monitor-Delivery-Attempt";
    public const string EventHeader = "Monitor-Event";

    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return Convert.ToHexStringLower(mac);
    }

    public static string HeaderValue(string secret, long timestamp, string body) => $"t={timestamp},v1={Sign(secret, timestamp, body)}";

    /// <summary>Whether <paramref name="header"/> signs <paramref name="body"/> with <paramref name="secret"/>, within the tolerance of <paramref name="now"/>.</summary>
    public static bool Verify(string secret, string? header, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(header)) return false;
        long? t = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(','))
        {
            var kv = part.Split('=', 2);
            if (kv.Length != 2) continue;
            if (kv[0].Trim() == "t" && long.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ts)) t = ts;
            else if (kv[0].Trim() == "v1") signatures.Add(kv[1].Trim());
        }
        if (t is null || Math.Abs(now.ToUnixTimeSeconds() - t.Value) > tolerance.TotalSeconds) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, t.Value, body));
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(s)));
    }
}
