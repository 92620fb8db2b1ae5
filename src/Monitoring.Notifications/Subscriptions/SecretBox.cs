using System.Security.Cryptography;
using System.Text;

namespace Monitoring.Notifications.Subscriptions;

/// <summary>
/// Webhook secrets at rest. Signing needs the secret itself (HMAC), so it cannot be hashed like an API key; with a key
/// configured (MONITOR_SECRETS_KEY: 32 random bytes in base64), it is stored sealed with AES-256-GCM and opened only to sign.
/// A secret stored before the key was configured (no prefix) is read as it is, so turning encryption on loses nothing.
/// </summary>
public static class SecretBox
{
    public const string KeyVariable = "MONITOR_SECRETS_KEY";

    private const string Prefix = "sealed:v1:";

    public static bool IsSealed(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The key as configured, or null when none is; a malformed one is refused with the reason.</summary>
    public static byte[]? KeyOf(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured)) return null;
        byte[] key;
        try { key = Convert.FromBase64String(configured.Trim()); }
        catch (FormatException) { throw new InvalidOperationException($"{KeyVariable} is not base64: give 32 random bytes in base64 (openssl rand -base64 32)"); }
        return key.Length == 32 ? key : throw new InvalidOperationException($"{KeyVariable} holds {key.Length} bytes: it needs 32 (openssl rand -base64 32)");
    }

    /// <summary>The secret as stored: sealed under <paramref name="key"/>, or as given when no key is configured.</summary>
    public static string Seal(string secret, byte[]? key)
    {
        if (key is null) return secret;
        var plain = Encoding.UTF8.GetBytes(secret);
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var cipher = new byte[plain.Length];
        using (var aes = new AesGcm(key, tag.Length)) aes.Encrypt(nonce, plain, cipher, tag);
        return Prefix + Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    /// <summary>The secret to sign with. A sealed one needs the key it was sealed with: without it, the reason, never a wrong signature.</summary>
    public static string Open(string stored, byte[]? key)
    {
        if (!IsSealed(stored)) return stored;
        if (key is null) throw new InvalidOperationException($"the webhook secret is sealed but {KeyVariable} is not set: set it to the key it was sealed with");
        var sealedBytes = Convert.FromBase64String(stored[Prefix.Length..]);
        var (nonceSize, tagSize) = (AesGcm.NonceByteSizes.MaxSize, AesGcm.TagByteSizes.MaxSize);
        var nonce = sealedBytes.AsSpan(0, nonceSize);
        var tag = sealedBytes.AsSpan(nonceSize, tagSize);
        var cipher = sealedBytes.AsSpan(nonceSize + tagSize);
        var plain = new byte[cipher.Length];
        try
        {
            using var aes = new AesGcm(key, tagSize);
            aes.Decrypt(nonce, cipher, tag, plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new InvalidOperationException($"the webhook secret cannot be opened with this {KeyVariable}: it was sealed with another key");
        }
        return Encoding.UTF8.GetString(plain);
    }
}
