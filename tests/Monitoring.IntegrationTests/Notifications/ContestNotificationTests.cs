using System.Text;
using Monitoring.Domain.Relationships;
using Monitoring.Extraction.Reading;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.IntegrationTests.Relationships;
using Monitoring.Store.Articles.Ingesting;

namespace Monitoring.IntegrationTests.Notifications;

/// <summary>A dimension becoming contested is news: the change says so, with the report that caused it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ContestNotificationTests(PostgresServer server)
{
    [Fact]
    public async Task a_report_contradicting_a_corroborated_withdrawal_is_notified_as_the_dimension_becoming_contested()
    {
        await using var host = await NotificationHost.StartAsync(server, PostgresServer.NewSchema("contest_notes"));
        async Task IngestAsync((string Name, string Publisher, string Text) a) =>
            await host.Bus.InvokeAsync<IngestOutcome>(new IngestArticle(a.Name, Encoding.UTF8.GetBytes(a.Text), ArticleFormat.Text,
                new ArticleMetadata(Publisher: a.Publisher, Url: $"https://example.org/{a.Name}", Published: new DateOnly(2023, 12, 22))));

        var (withdrawals, weekly) = (ContestedStateIntegrationTests.Articles[..2], ContestedStateIntegrationTests.Articles[2]);
        foreach (var a in withdrawals) await IngestAsync(a);
        await host.CaughtUpAsync();
        var before = (await host.ChangesAsync("FRA-NER")).Count;
        Assert.DoesNotContain(await host.ChangesAsync("FRA-NER"), c => c.Contest != ContestChange.None);

        await IngestAsync(weekly);
        await host.CaughtUpAsync();
        var changes = (await host.ChangesAsync("FRA-NER")).Skip(before).ToList();
        var contested = Assert.Single(changes, c => c.Dimension == Dimensions.TroopPresence);
        Assert.Equal(ContestChange.Began, contested.Contest);
        Assert.Equal("withdrawn", contested.Before);
        Assert.Equal(Relationship.Contested, contested.After);
        Assert.Equal("Weekly Courier", Assert.Single(contested.Causes).Publisher);
    }
}
