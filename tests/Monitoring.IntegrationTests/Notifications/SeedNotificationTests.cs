using Monitoring.Domain.Relationships;
using Monitoring.Extraction.Reading;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.Notifications.Subscriptions;
using Monitoring.Notifications.Webhooks;
using Monitoring.Store.Articles.Ingesting;

namespace Monitoring.IntegrationTests.Notifications;

[Collection(PostgresCollection.Name)]
public sealed class SeedNotificationTests(PostgresServer server)
{
    private const string Secret = "whsec_test_0123456789abcdef";

    [Fact]
    public async Task real_seeds_in_publication_order_denounce_the_agreement_once_with_one_webhook()
    {
        await using var receiver = new WebhookReceiver(Secret);
        await receiver.StartAsync();
        await using var host = await NotificationHost.StartAsync(server, PostgresServer.NewSchema("notifyseeds"));
        var subscription = await host.SubscribeAsync(receiver.Url, new ChangeFilter(Pair: "NER-USA", Dimensions: ["agreements"]), Secret);
        var articleOf = new Dictionary<string, string>();

        foreach (var file in MonitorTestHost.SeedsInPublicationOrder)
        {
            var outcome = await host.Bus.InvokeAsync<IngestOutcome>(new IngestArticle(file,
                File.ReadAllBytes(Path.Combine(MonitorTestHost.SeedsFolder, file)), ArticleFormat.Text, MonitorTestHost.SeedManifest.Value[file]));
            Assert.Equal(IngestStatus.Accepted, outcome.Status);
            articleOf[file] = outcome.ArticleId!;
            await host.CaughtUpAsync();
        }
        await Eventually.HoldsAsync(async () => (await host.DeliveriesAsync(subscription.Id)) is { Count: > 0 } d && d.All(x => x.Status == DeliveryStatus.Sent),
            "every delivery to be sent");

        var agreements = (await host.ChangesAsync("NER-USA")).Where(c => c.Dimension == "agreements" && c.Kind == ChangeKind.Status).ToList();
        var denounced = Assert.Single(agreements, c => c.After == "denounced");
        Assert.Equal(new DateOnly(2024, 3, 16), denounced.ValidFrom.Value);
        Assert.All(denounced.Causes, c => Assert.Equal(articleOf["003_a455b231be305d8d.txt"], c.ArticleId));
        var webhook = Assert.Single(receiver.Accepted, r => r.Payload.Change.After == "denounced");
        Assert.True(webhook.SignatureValid);
        Assert.Equal(agreements.Count, receiver.Accepted.Count);
    }
}
