using Monitoring.Notifications.Subscriptions;

namespace Monitoring.Notifications.Tests;

/// <summary>A subscription is refused at creation when its receiver is private (unless allowed) or its fields are unbounded.</summary>
public sealed class SubscriptionValidationTests
{
    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://127.0.0.1:9000/hook")]
    [InlineData("http://0x7f.1/hook")]
    [InlineData("http://192.168.0.10/hook")]
    [InlineData("http://[::1]/hook")]
    public void a_private_receiver_is_refused_unless_allowed(string url)
    {
        var request = new CreateSubscription("ops", url);
        Assert.Contains("MONITOR_ALLOW_PRIVATE_URLS", Assert.Single(SubscriptionManagement.Validate(request, allowPrivateUrls: false)["url"]));
        Assert.Empty(SubscriptionManagement.Validate(request, allowPrivateUrls: true));
    }

    [Fact]
    public void a_public_receiver_is_accepted() =>
        Assert.Empty(SubscriptionManagement.Validate(new CreateSubscription("ops", "https://hooks.example.org/monitor"), allowPrivateUrls: false));

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://hooks.example.org/")]
    public void only_http_receivers_are_accepted_even_when_private_ones_are(string url) =>
        Assert.Contains("http or https", Assert.Single(SubscriptionManagement.Validate(new CreateSubscription("ops", url), allowPrivateUrls: true)["url"]));

    [Fact]
    public void names_and_urls_have_length_limits()
    {
        var errors = SubscriptionManagement.Validate(
            new CreateSubscription(new string('n', 201), "https://hooks.example.org/" + new string('a', 3000)), allowPrivateUrls: false);
        Assert.Contains("at most 200", Assert.Single(errors["name"]));
        Assert.Contains("longer than 2048", Assert.Single(errors["url"]));
    }
}
