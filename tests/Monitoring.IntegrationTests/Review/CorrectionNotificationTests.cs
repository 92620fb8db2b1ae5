using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Review;
using Monitoring.Domain.Relationships;
using Monitoring.Domain.Review;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.IntegrationTests.Notifications;
using Monitoring.Notifications.Subscriptions;

namespace Monitoring.IntegrationTests.Review;

[Collection(PostgresCollection.Name)]
public sealed class CorrectionNotificationTests(PostgresServer server)
{
    private const string Secret = "whsec_test_0123456789abcdef";

    [Fact]
    public async Task retracting_the_only_source_of_a_state_sends_one_webhook_with_the_correction_as_cause()
    {
        await using var receiver = new WebhookReceiver(Secret);
        await receiver.StartAsync();
        await using var host = await NotificationHost.StartAsync(server, PostgresServer.NewSchema("correctionhook"));
        await host.SubscribeAsync(receiver.Url, new ChangeFilter(Pair: "NER-USA", Dimensions: ["agreements"]), Secret);
        var article = GoldArticles.Named("003_a455b231be305d8d.txt");
        await GoldArticles.AppendAsync(host.Store, article);
        await Eventually.HoldsAsync(() => receiver.Accepted.Count == 1, "the denunciation's webhook");
        var denunciation = article.Reports.Single(r => r.Event.Type == Monitoring.Domain.WorldEventType.AgreementDenounced);

        var retraction = (await host.Services.GetRequiredService<ReviewService>()
            .RetractAsync(denunciation.ReportId.ToString(), "alice", "the sentence reports a rumour", default)).Value!;
        await host.CaughtUpAsync();
        await Eventually.HoldsAsync(() => receiver.Accepted.Count >= 2, "the retraction's webhook");

        var webhook = receiver.Accepted[1];
        Assert.Equal("denounced", webhook.Payload.Change.Before);
        Assert.Equal(ChangeDetection.None, webhook.Payload.Change.After);
        var cause = webhook.Payload.Change.Correction!;
        Assert.Equal(retraction.Id, cause.CorrectionId);
        Assert.Equal(CorrectionKind.Retracted, cause.Kind);
        Assert.Equal("alice", cause.Analyst);
        Assert.Equal("the sentence reports a rumour", cause.Reason);
        // Exactly one: a confirmation, which changes no state, and a caught-up daemon send nothing more.
        await host.Services.GetRequiredService<ReviewService>().ConfirmAsync(article.Reports[1].ReportId.ToString(), "alice", null, default);
        await host.CaughtUpAsync();
        var changes = await host.ChangesAsync("NER-USA");
        Assert.Single(changes, c => c.Dimension == "agreements" && c.Correction is not null);
        Assert.Equal(2, receiver.Accepted.Count);
    }
}
