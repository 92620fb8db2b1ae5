using System.Security.Cryptography;
using Monitoring.Extraction.Reading;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.Notifications.Subscriptions;
using Monitoring.Store.Articles.Ingesting;

namespace Monitoring.IntegrationTests.Notifications;

/// <summary>With MONITOR_SECRETS_KEY set, a webhook secret is stored sealed, and webhooks are still signed with it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SealedSecretTests(PostgresServer server)
{
    private const string Secret = "whsec_sealed_test_0123456789abcdef";

    [Fact]
    public async Task a_sealed_secret_is_not_in_the_database_and_signs_every_webhook()
    {
        await using var receiver = new WebhookReceiver(Secret);
        await receiver.StartAsync();
        var settings = NotificationHost.Fast() with { SecretsKey = RandomNumberGenerator.GetBytes(32) };
        await using var host = await NotificationHost.StartAsync(server, PostgresServer.NewSchema("sealed"), settings);
        var subscription = await host.SubscribeAsync(receiver.Url, new ChangeFilter(Pair: "NER-USA"), Secret);
        Assert.Equal(Secret, subscription.Secret); // shown once, in the clear, at creation

        await using (var session = host.Store.QuerySession())
        {
            var stored = await session.Json.FindByIdAsync<NotificationSubscription>(subscription.Id);
            Assert.NotNull(stored);
            Assert.DoesNotContain(Secret, stored);
            Assert.Contains("sealed:v1:", stored);
        }

        const string file = "003_a455b231be305d8d.txt";
        await host.Bus.InvokeAsync<IngestOutcome>(new IngestArticle(file, File.ReadAllBytes(Path.Combine(MonitorTestHost.SeedsFolder, file)),
            ArticleFormat.Text, MonitorTestHost.SeedManifest.Value[file]));
        await Eventually.HoldsAsync(() => receiver.Requests.Count > 0, "a webhook");
        Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid, "signed with the secret the subscriber was given"));
    }
}
