using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.Notifications.Detection;
using Monitoring.Notifications.Subscriptions;
using Monitoring.Notifications.Webhooks;

namespace Monitoring.Notifications.Tests;

/// <summary>The pure rules of notifications: signatures and filters. No database.</summary>
public sealed class NotificationRulesTests
{
    private const string Secret = "whsec_test_0123456789abcdef";
    private static readonly DateTimeOffset Now = new(2024, 3, 17, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void signature_is_the_hex_hmac_sha256_of_timestamp_dot_body()
    {
        // Computed independently: printf '1710676800.{}' | openssl dgst -sha256 -hmac 'whsec_test_0123456789abcdef'
        const string expected = "fecf43237043993030c6d2be3a5ba391757f7f7338b8408079f78d9c1bef2b1a";

        Assert.Equal($"t=1710676800,v1={expected}", WebhookSignature.HeaderValue(Secret, 1710676800, "{}"));
    }

    [Fact]
    public void signature_verifies_only_the_exact_body_with_the_right_secret_in_time()
    {
        const string body = """{"id":"1","type":"relationship.changed"}""";
        var header = WebhookSignature.HeaderValue(Secret, Now.ToUnixTimeSeconds(), body);
        var tolerance = TimeSpan.FromMinutes(5);

        Assert.True(WebhookSignature.Verify(Secret, header, body, Now.AddMinutes(1), tolerance));
        Assert.False(WebhookSignature.Verify(Secret, header, body + " ", Now, tolerance));
        Assert.False(WebhookSignature.Verify("whsec_another_secret_value", header, body, Now, tolerance));
        Assert.False(WebhookSignature.Verify(Secret, header, body, Now.AddMinutes(6), tolerance));
        Assert.False(WebhookSignature.Verify(Secret, header.Replace("t=", "t=1"), body, Now, tolerance));
        Assert.False(WebhookSignature.Verify(Secret, null, body, Now, tolerance));
    }

    private static RelationshipChanged Change(string pair = "NER-USA", string dimension = "agreements", ChangeKind kind = ChangeKind.Status,
        bool revision = false, double confidence = 0.8, WorldEventType type = WorldEventType.AgreementDenounced) =>
        new(1000, pair, dimension, null, kind, null, "denounced", EventDate.Day(new DateOnly(2024, 3, 16)), Now, revision, null, null, null, confidence,
            [new ChangeCause(Guid.NewGuid(), 1, type, "article-a", "Wire", null, new DateOnly(2024, 3, 17))]);

    [Fact]
    public void filter_matches_by_actors_pair_dimension_type_confidence_and_revision()
    {
        Assert.True(ChangeFilter.Everything.Matches(Change()));
        Assert.True(new ChangeFilter(Actors: ["NER"]).Matches(Change()));
        Assert.False(new ChangeFilter(Actors: ["NER", "FRA"]).Matches(Change()));
        Assert.True(new ChangeFilter(Pair: "USA-NER").Normalised().Matches(Change()));
        Assert.False(new ChangeFilter(Pair: "FRA-NER").Matches(Change()));
        Assert.False(new ChangeFilter(Dimensions: ["sanctions"]).Matches(Change()));
        Assert.True(new ChangeFilter(EventTypes: [WorldEventType.AgreementDenounced]).Matches(Change()));
        Assert.False(new ChangeFilter(EventTypes: [WorldEventType.TiesSevered]).Matches(Change()));
        Assert.False(new ChangeFilter(MinConfidence: 0.9).Matches(Change()));
        Assert.False(new ChangeFilter(IncludeRevisions: false).Matches(Change(revision: true)));
        Assert.True(ChangeFilter.Everything.Matches(Change(revision: true)));
    }

    [Fact]
    public void confidence_only_changes_reach_only_those_who_ask()
    {
        Assert.True(ChangeFilter.Everything.Matches(Change(kind: ChangeKind.Detail)));
        Assert.False(ChangeFilter.Everything.Matches(Change(kind: ChangeKind.Confidence)));
        Assert.True(new ChangeFilter(IncludeConfidenceChanges: true).Matches(Change(kind: ChangeKind.Confidence)));
    }

    [Theory]
    [InlineData("AgreementDenounced")]
    [InlineData("agreement_denounced")]
    [InlineData("agreementdenounced")]
    public void event_types_parse_by_name_or_json_form(string text)
    {
        Assert.True(ChangeFilter.TryParseEventType(text, out var type));
        Assert.Equal(WorldEventType.AgreementDenounced, type);
        Assert.False(ChangeFilter.TryParseEventType("NoSuchEvent", out _));
    }

    [Fact]
    public void delivery_id_is_stable_per_subscription_and_change()
    {
        var subscription = Guid.NewGuid();
        Assert.Equal(WebhookDelivery.IdOf(subscription, 42_000), WebhookDelivery.IdOf(subscription, 42_000));
        Assert.NotEqual(WebhookDelivery.IdOf(subscription, 42_000), WebhookDelivery.IdOf(subscription, 42_001));
        Assert.NotEqual(WebhookDelivery.IdOf(subscription, 42_000), WebhookDelivery.IdOf(Guid.NewGuid(), 42_000));
    }
}
