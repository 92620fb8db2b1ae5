using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.Notifications.Subscriptions;
using Monitoring.Notifications.Webhooks;

namespace Monitoring.IntegrationTests.Notifications;

[Collection(PostgresCollection.Name)]
public sealed class WebhookNotificationTests(PostgresServer server)
{
    private const string Secret = "whsec_test_0123456789abcdef";
    private static readonly ChangeFilter NerUsaAgreements = new(Pair: "NER-USA", Dimensions: ["agreements"]);

    [Fact]
    public async Task denounced_agreement_changes_once_at_the_first_report_and_sends_one_signed_webhook()
    {
        await using var receiver = new WebhookReceiver(Secret);
        await receiver.StartAsync();
        await using var host = await NotificationHost.StartAsync(server, PostgresServer.NewSchema("notifyonce"));
        var subscription = await host.SubscribeAsync(receiver.Url, NerUsaAgreements, Secret);
        var first = GoldArticles.Named("003_a455b231be305d8d.txt");

        foreach (var article in GoldArticles.InPublicationOrder.Value)
        {
            await GoldArticles.AppendAsync(host.Store, article);
            await host.CaughtUpAsync();
        }
        await Eventually.HoldsAsync(async () => (await host.DeliveriesAsync(subscription.Id)) is { Count: > 0 } d && d.All(x => x.Status == DeliveryStatus.Sent),
            "every delivery to be sent");

        var changes = await host.ChangesAsync("NER-USA");
        var agreements = changes.Where(c => c.Dimension == "agreements" && c.Kind == ChangeKind.Status).ToList();
        var denounced = Assert.Single(agreements);
        Assert.Equal("denounced", denounced.After);
        Assert.Equal(new DateOnly(2024, 3, 16), denounced.ValidFrom.Value);
        Assert.All(denounced.Causes, c => Assert.Equal(first.StreamKey, c.ArticleId));
        Assert.Contains(denounced.Causes, c => c.Type == WorldEventType.AgreementDenounced);

        var webhook = Assert.Single(receiver.Requests);
        Assert.True(webhook.SignatureValid);
        Assert.Equal(denounced.Id, webhook.Payload.Change.Id);
        Assert.Equal("denounced", webhook.Payload.Change.After);
        Assert.Equal(webhook.DeliveryId, webhook.Payload.Id.ToString());

        // What the benchmark measures: from the report's commit to the receiver's 2xx (no timing asserted here).
        await using var session = host.Store.QuerySession();
        var (changeId, latency) = Assert.Single(await Deliveries.LatenciesAsync(session, default));
        Assert.Equal(denounced.Id, changeId);
        Assert.True(latency > TimeSpan.Zero && webhook.At >= denounced.RecordedAt, $"latency {latency}");
    }

    [Fact]
    public async Task a_receiver_verifies_the_standard_webhooks_signature_with_the_published_library()
    {
        var secret = SubscriptionManagement.NewSecret();
        Assert.Equal(secret, StandardWebhookSignature.LibrarySecret(secret)); // a secret Monitor makes is the library's form as it is
        await using var receiver = new WebhookReceiver(secret);
        await receiver.StartAsync();
        await using var host = await NotificationHost.StartAsync(server, PostgresServer.NewSchema("standardhooks"));
        await host.SubscribeAsync(receiver.Url, NerUsaAgreements, secret);
        foreach (var article in GoldArticles.InPublicationOrder.Value) await GoldArticles.AppendAsync(host.Store, article);
        await Eventually.HoldsAsync(() => !receiver.Requests.IsEmpty, "the webhook to arrive");

        var webhook = receiver.Requests.First();
        Assert.Equal(webhook.DeliveryId, webhook.StandardHeaders[StandardWebhookSignature.IdHeader]);
        var headers = new Microsoft.AspNetCore.Http.HeaderDictionary(webhook.StandardHeaders.ToDictionary(h => h.Key, h => new Microsoft.Extensions.Primitives.StringValues(h.Value)));
        var library = new StandardWebhooks.StandardWebhook(secret);
        library.Verify(webhook.Body, headers); // throws WebhookVerificationException when the signature does not match
        Assert.ThrowsAny<Exception>(() => library.Verify(webhook.Body.Replace("denounced", "signed"), headers));
        Assert.ThrowsAny<Exception>(() => new StandardWebhooks.StandardWebhook(SubscriptionManagement.NewSecret()).Verify(webhook.Body, headers));

        // A secret a user chose (not whsec_ and base64) is keyed by its UTF-8 bytes; the library takes it in the whsec_ form given at creation.
        const string chosen = "a user's own secret, not base64!";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signed = new Microsoft.AspNetCore.Http.HeaderDictionary
        {
            [StandardWebhookSignature.IdHeader] = "d-1",
            [StandardWebhookSignature.TimestampHeader] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [StandardWebhookSignature.SignatureHeader] = StandardWebhookSignature.Sign(chosen, "d-1", timestamp, "{}"),
        };
        new StandardWebhooks.StandardWebhook(StandardWebhookSignature.LibrarySecret(chosen)).Verify("{}", signed);
    }

    [Fact]
    public async Task receiver_down_for_the_first_attempts_then_up_gets_the_change_once_per_delivery_id()
    {
        await using var receiver = new WebhookReceiver(Secret);
        await using var host = await NotificationHost.StartAsync(server, PostgresServer.NewSchema("notifydown"), NotificationHost.Fast(0.5, 1, 1, 1, 2, 2, 2));
        var subscription = await host.SubscribeAsync(receiver.Url, NerUsaAgreements, Secret);

        await GoldArticles.AppendAsync(host.Store, GoldArticles.Named("003_a455b231be305d8d.txt"));
        await Eventually.HoldsAsync(async () => (await host.DeliveriesAsync(subscription.Id)) is [{ Attempts.Count: >= 2 }],
            "two failed attempts while the receiver is down");
        await receiver.StartAsync();
        await Eventually.HoldsAsync(async () => (await host.DeliveriesAsync(subscription.Id)) is [{ Status: DeliveryStatus.Sent }], "the delivery to be sent");

        var delivery = Assert.Single(await host.DeliveriesAsync(subscription.Id));
        Assert.True(delivery.Attempts.Count >= 3, $"{delivery.Attempts.Count} attempts");
        Assert.All(delivery.Attempts.SkipLast(1), a => Assert.NotNull(a.Error));
        var received = Assert.Single(receiver.Requests);
        Assert.Equal(delivery.Id.ToString(), received.DeliveryId);
        Assert.True(received.SignatureValid);
    }

    [Fact]
    public async Task failing_receiver_dead_letters_the_delivery_and_a_resend_delivers_it_once()
    {
        await using var receiver = new WebhookReceiver(Secret) { Answer = _ => 503 };
        await receiver.StartAsync();
        await using var host = await NotificationHost.StartAsync(server, PostgresServer.NewSchema("notifydead"), NotificationHost.Fast(0.2, 0.2));
        var subscription = await host.SubscribeAsync(receiver.Url, NerUsaAgreements, Secret);

        await GoldArticles.AppendAsync(host.Store, GoldArticles.Named("003_a455b231be305d8d.txt"));
        await Eventually.HoldsAsync(async () => (await host.DeliveriesAsync(subscription.Id)) is [{ Status: DeliveryStatus.DeadLettered }], "the delivery to be dead-lettered");
        var dead = Assert.Single(await host.DeliveriesAsync(subscription.Id));
        Assert.Equal(3, dead.Attempts.Count);
        Assert.All(dead.Attempts, a => Assert.Equal(503, a.HttpStatus));

        receiver.Answer = _ => 200;
        await using (var session = host.Store.LightweightSession())
            await Deliveries.ResendAsync(session, host.Bus, dead.Id, default);
        await Eventually.HoldsAsync(async () => (await host.DeliveriesAsync(subscription.Id)) is [{ Status: DeliveryStatus.Sent }], "the resent delivery to be sent");

        var accepted = Assert.Single(receiver.Accepted);
        Assert.Equal(dead.Id.ToString(), accepted.DeliveryId);
        Assert.Equal(4, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.Equal(dead.Id.ToString(), r.DeliveryId));
    }

    [Fact]
    public async Task a_change_recorded_before_the_host_stops_is_delivered_after_it_starts_again()
    {
        var schema = PostgresServer.NewSchema("notifyrestart");
        await using var receiver = new WebhookReceiver(Secret);
        Guid subscriptionId;
        await using (var host = await NotificationHost.StartAsync(server, schema, NotificationHost.Fast(1, 2, 2, 2, 2)))
        {
            subscriptionId = (await host.SubscribeAsync(receiver.Url, NerUsaAgreements, Secret)).Id;
            await GoldArticles.AppendAsync(host.Store, GoldArticles.Named("003_a455b231be305d8d.txt"));
            // Stop as soon as the change is recorded: the receiver is down, so it cannot have been delivered.
            await Eventually.HoldsAsync(async () => (await host.ChangesAsync("NER-USA")).Any(c => c.Dimension == "agreements"), "the change to be recorded");
        }
        Assert.Empty(receiver.Requests);

        await receiver.StartAsync();
        await using (var host = await NotificationHost.StartAsync(server, schema, NotificationHost.Fast(1, 2, 2, 2, 2)))
        {
            await Eventually.HoldsAsync(() => receiver.Accepted.Count > 0, "the webhook after the restart", TimeSpan.FromSeconds(60));
            await Eventually.HoldsAsync(async () => (await host.DeliveriesAsync(subscriptionId)) is [{ Status: DeliveryStatus.Sent }], "the delivery to be marked sent");
            var delivery = Assert.Single(await host.DeliveriesAsync(subscriptionId));
            var accepted = Assert.Single(receiver.Accepted);
            Assert.Equal(delivery.Id.ToString(), accepted.DeliveryId);
            Assert.Equal("denounced", accepted.Payload.Change.After);
        }
    }

    [Fact]
    public async Task paused_subscription_receives_nothing_and_other_dimensions_do_not_match()
    {
        await using var receiver = new WebhookReceiver(Secret);
        await receiver.StartAsync();
        await using var host = await NotificationHost.StartAsync(server, PostgresServer.NewSchema("notifypause"));
        var paused = await host.SubscribeAsync(receiver.Url, NerUsaAgreements, Secret);
        await using (var session = host.Store.LightweightSession())
            await SubscriptionManagement.SetPausedAsync(session, paused.Id, true, default);
        var sanctions = await host.SubscribeAsync(receiver.Url, new ChangeFilter(Dimensions: ["sanctions"], Actors: ["USA"]), Secret);
        var active = await host.SubscribeAsync(receiver.Url, NerUsaAgreements, Secret);

        await GoldArticles.AppendAsync(host.Store, GoldArticles.Named("003_a455b231be305d8d.txt"));
        // One fan-out decides every subscription of a change: once the active one is served, the others are decided.
        await Eventually.HoldsAsync(async () => (await host.DeliveriesAsync(active.Id)) is [{ Status: DeliveryStatus.Sent }], "the active subscription's delivery");

        Assert.Empty(await host.DeliveriesAsync(paused.Id));
        Assert.Empty(await host.DeliveriesAsync(sanctions.Id));
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task two_nodes_record_and_deliver_each_change_once()
    {
        var schema = PostgresServer.NewSchema("notifynodes");
        await using var receiver = new WebhookReceiver(Secret);
        await receiver.StartAsync();
        await using var one = await NotificationHost.StartAsync(server, schema);
        await using var two = await NotificationHost.StartAsync(server, schema);
        var subscription = await one.SubscribeAsync(receiver.Url, new ChangeFilter(Pair: "NER-USA"), Secret);

        foreach (var article in GoldArticles.InPublicationOrder.Value)
            await GoldArticles.AppendAsync(two.Store, article);
        await one.CaughtUpAsync();
        var changes = await one.ChangesAsync("NER-USA");
        var statusChanges = changes.Where(c => c.Kind != ChangeKind.Confidence).ToList();
        await Eventually.HoldsAsync(async () => (await one.DeliveriesAsync(subscription.Id)) is { } d && d.Count == statusChanges.Count && d.All(x => x.Status == DeliveryStatus.Sent),
            "every NER-USA status and detail change to be delivered");

        Assert.Single(changes, c => c.Dimension == "agreements" && c.Kind == ChangeKind.Status);
        // Published once across the cluster: one inbox envelope per change (handled envelopes are kept for a while).
        Assert.Equal((await one.ChangesAsync()).Count, await PublishedChangeMessagesAsync(schema));
        Assert.Equal(statusChanges.Select(c => c.Id).Order(), receiver.Accepted.Select(r => r.Payload.Change.Id).Order());
        Assert.Equal(receiver.Requests.Count, receiver.Requests.Select(r => r.DeliveryId).Distinct().Count());
    }

    [Fact]
    public async Task a_report_of_an_earlier_event_is_a_revision_that_subscribers_can_leave_out()
    {
        await using var receiver = new WebhookReceiver(Secret);
        await receiver.StartAsync();
        await using var host = await NotificationHost.StartAsync(server, PostgresServer.NewSchema("notifyrevision"));
        var everything = await host.SubscribeAsync(receiver.Url, new ChangeFilter(Pair: "NER-USA", Dimensions: ["troop_presence"]), Secret);
        var noRevisions = await host.SubscribeAsync(receiver.Url, new ChangeFilter(Pair: "NER-USA", Dimensions: ["troop_presence"], IncludeRevisions: false), Secret);
        var late = GoldArticles.Named("002_144ec1b0046c93af.txt");

        foreach (var article in GoldArticles.InPublicationOrder.Value)
        {
            await GoldArticles.AppendAsync(host.Store, article);
            await host.CaughtUpAsync();
        }

        // 004 (published 2024-03-18) saw US troops there on the 18th; 002 (the 19th) reports that Niger demanded
        // their withdrawal on the 16th: the new status holds from a date before what was already known.
        var changes = await host.ChangesAsync("NER-USA");
        var revision = Assert.Single(changes, c => c.Revision && c.Dimension == "troop_presence");
        Assert.Equal("USA", revision.Side);
        Assert.Equal("present", revision.Before);
        Assert.Equal("withdrawal_demanded", revision.After);
        Assert.Equal(new DateOnly(2024, 3, 16), revision.ValidFrom.Value);
        Assert.All(revision.Causes, c => Assert.Equal(late.StreamKey, c.ArticleId));
        await Eventually.HoldsAsync(async () => (await host.DeliveriesAsync(everything.Id)).Any(d => d.ChangeId == revision.Id && d.Status == DeliveryStatus.Sent),
            "the revision's delivery to the subscription that includes revisions");
        var leftOut = await host.DeliveriesAsync(noRevisions.Id);
        Assert.DoesNotContain(leftOut, d => d.ChangeId == revision.Id);
        Assert.Equal((await host.DeliveriesAsync(everything.Id)).Count - 1, leftOut.Count);
    }

    [Fact]
    public async Task a_reextraction_that_corrects_a_date_notifies_the_corrected_status()
    {
        await using var host = await NotificationHost.StartAsync(server, PostgresServer.NewSchema("notifyreextract"));
        var article = GoldArticles.Named("003_a455b231be305d8d.txt");
        await GoldArticles.AppendAsync(host.Store, article);
        await host.CaughtUpAsync();

        // The new extractor version reads the denunciation a day earlier.
        var corrected = article.Reports.Select((r, i) => r with
        {
            ReportId = Store.Articles.ArticleStream.ReportId(article.StreamKey, "gold2", i),
            ExtractorVersion = "gold2",
            Event = r.Event.Type == WorldEventType.AgreementDenounced ? r.Event with { Date = EventDate.Day(new DateOnly(2024, 3, 15)) } : r.Event,
        }).ToList();
        await using (var session = host.Store.LightweightSession())
        {
            var affected = article.Reports.Concat(corrected).SelectMany(r => r.HistoryIds()).Distinct().ToList();
            session.Events.Append(article.StreamKey, [new Store.Articles.ArticleReextracted(article.StreamKey, "gold", "gold2", affected), .. corrected]);
            await session.SaveChangesAsync();
        }
        await host.CaughtUpAsync();

        var agreements = (await host.ChangesAsync("NER-USA")).Where(c => c.Dimension == "agreements" && c.Kind == ChangeKind.Status).ToList();
        Assert.Equal(2, agreements.Count);
        var correction = agreements[1];
        Assert.Equal(("denounced", "denounced"), (correction.Before, correction.After));
        Assert.Equal(new DateOnly(2024, 3, 15), correction.ValidFrom.Value);
        var cause = Assert.Single(correction.Causes);
        Assert.Equal(corrected.Single(r => r.Event.Type == WorldEventType.AgreementDenounced).ReportId, cause.EventId);
    }

    private async Task<long> PublishedChangeMessagesAsync(string schema)
    {
        await using var connection = new Npgsql.NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"select count(*) from {schema}_messages.wolverine_incoming_envelopes where message_type like '%RelationshipChanged%'";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
