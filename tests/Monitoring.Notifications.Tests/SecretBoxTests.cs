using System.Security.Cryptography;
using Monitoring.Notifications.Subscriptions;

namespace Monitoring.Notifications.Tests;

public class SecretBoxTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void a_sealed_secret_shows_nothing_of_itself_and_opens_with_its_key()
    {
        const string secret = "whsec_c2VjcmV0LXNpZ25pbmcta2V5LWZvci10ZXN0cw==";
        var stored = SecretBox.Seal(secret, Key);
        Assert.True(SecretBox.IsSealed(stored));
        Assert.DoesNotContain("c2VjcmV0", stored);
        Assert.NotEqual(stored, SecretBox.Seal(secret, Key)); // a fresh nonce each time
        Assert.Equal(secret, SecretBox.Open(stored, Key));
    }

    [Fact]
    public void without_a_key_secrets_are_stored_as_given_and_those_stay_readable_once_a_key_is_set()
    {
        Assert.Equal("plain-secret-of-16+", SecretBox.Seal("plain-secret-of-16+", null));
        Assert.Equal("plain-secret-of-16+", SecretBox.Open("plain-secret-of-16+", Key));
    }

    [Fact]
    public void a_wrong_or_missing_key_is_an_error_naming_the_setting_never_a_wrong_signature()
    {
        var stored = SecretBox.Seal("a-secret-of-some-length", Key);
        Assert.Contains(SecretBox.KeyVariable, Assert.Throws<InvalidOperationException>(() => SecretBox.Open(stored, RandomNumberGenerator.GetBytes(32))).Message);
        Assert.Contains("not set", Assert.Throws<InvalidOperationException>(() => SecretBox.Open(stored, null)).Message);
        Assert.Contains("32", Assert.Throws<InvalidOperationException>(() => SecretBox.KeyOf(Convert.ToBase64String(new byte[16]))).Message);
        Assert.Contains("base64", Assert.Throws<InvalidOperationException>(() => SecretBox.KeyOf("not base64 at all!")).Message);
        Assert.Null(SecretBox.KeyOf(""));
    }
}
