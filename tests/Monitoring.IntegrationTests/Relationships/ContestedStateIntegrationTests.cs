using System.Text;
using System.Text.Json;
using Monitoring.Api.Relationships;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.Extraction.Reading;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.Store;
using Monitoring.Store.Articles.Ingesting;

namespace Monitoring.IntegrationTests.Relationships;

/// <summary>
/// One report contradicting two independent ones, through the whole pipeline (read, extract, store, fold): the dimension is
/// contested with both readings, the corroborated transition stands, and the audit names both sides and their sources.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ContestedStateIntegrationTests(PostgresServer server)
{
    private static readonly ActorPair FranceNiger = ActorPair.Of("FRA", "NER");

    // Two outlets report the completed withdrawal; a third, the same day, reports troops still there.
    internal static readonly (string Name, string Publisher, string Text)[] Articles =
    [
        ("wire", "Reuters", """
            France completes withdrawal of its troops from Niger

            NIAMEY, Dec 22 (Reuters) - France completed the withdrawal of its troops from Niger on Friday, the French army said, ending a decade of counter-insurgency operations in the country after the military coup in July.
            """),
        ("paper", "Le Monde", """
            Last French soldiers leave Niger

            The last French soldiers left Niger on 22 December 2023, the French general staff said. The withdrawal of French forces from Niger was completed on Friday, after the junta demanded their departure.
            """),
        ("weekly", "Weekly Courier", """
            France keeps soldiers in Niger, says opposition paper

            France still has 1,500 troops in Niger, according to a report in the weekly.
            """),
    ];

    [Fact]
    public async Task one_report_against_two_independent_ones_is_contested_and_the_audit_names_both_sides()
    {
        await using var host = await MonitorTestHost.StartAsync(server, "contested");
        foreach (var (name, publisher, text) in Articles)
        {
            var outcome = await host.Bus.InvokeAsync<IngestOutcome>(new IngestArticle(name, Encoding.UTF8.GetBytes(text), ArticleFormat.Text,
                new ArticleMetadata(Publisher: publisher, Url: $"https://example.org/{name}", Published: new DateOnly(2023, 12, 22))));
            Assert.Equal(IngestStatus.Accepted, outcome.Status);
        }

        await using var session = host.Store.QuerySession();
        var state = await host.Answers.StateAsync(session, FranceNiger, new Clocks(AsOf: new DateOnly(2023, 12, 30)));
        var troops = state.Dimension($"{Dimensions.TroopPresence}:FRA");
        Assert.NotNull(troops);
        Assert.Equal(Relationship.Contested, troops.Status);
        Assert.Equal(DecidedBy.CorroboratedTransitionStands, troops.Rule);
        Assert.Equal("withdrawn", troops.Prevailing);
        var withdrawn = Assert.Single(troops.Readings, r => r.Status == "withdrawn");
        var present = Assert.Single(troops.Readings, r => r.Status != "withdrawn");
        Assert.Equal(2, withdrawn.IndependentSources);
        Assert.Equal(1, present.IndependentSources);

        // The audit: each side with its own chain, down to the publishers and quotes.
        var audit = AuditView.Of(state);
        var dimension = Assert.Single(audit.Dimensions, d => d.Key == troops.Key);
        var publishers = (AuditReading r) => r.Entries.SelectMany(e => e.Reports).Select(x => x.Publisher).Order().ToList();
        Assert.Equal(["Le Monde", "Reuters"], publishers(Assert.Single(dimension.Readings, r => r.Prevails)));
        Assert.Equal(["Weekly Courier"], publishers(Assert.Single(dimension.Readings, r => !r.Prevails)));
        Assert.Contains("\"rule\":\"corroborated_transition_stands\"", JsonSerializer.Serialize(audit, MonitorJson.Options));

        // The CLI's audit prints both chains and the rule.
        var cli = await new CliRunner(server, host.Schema).RunAsync("audit FRA NER --as-of 2023-12-30");
        Assert.Equal(0, cli.ExitCode);
        Assert.Contains("decided by rule corroborated_transition_stands: withdrawn prevails", cli.Output);
        Assert.Contains("reading: withdrawn since 2023-12-22, 2 independent sources", cli.Output);
        Assert.Contains("reading: present", cli.Output);
        Assert.Contains("Weekly Courier", cli.Output);
        Assert.Contains("still has 1,500 troops", cli.Output);
    }

    [Fact]
    public async Task the_same_report_order_reversed_gives_the_same_contested_state()
    {
        await using var host = await MonitorTestHost.StartAsync(server, "contested_rev");
        foreach (var (name, publisher, text) in Articles.Reverse())
            await host.Bus.InvokeAsync<IngestOutcome>(new IngestArticle(name, Encoding.UTF8.GetBytes(text), ArticleFormat.Text,
                new ArticleMetadata(Publisher: publisher, Url: $"https://example.org/{name}", Published: new DateOnly(2023, 12, 22))));
        await using var session = host.Store.QuerySession();
        var troops = (await host.Answers.StateAsync(session, FranceNiger, Clocks.Now)).Dimension($"{Dimensions.TroopPresence}:FRA");
        Assert.NotNull(troops);
        Assert.Equal(Relationship.Contested, troops.Status);
        Assert.Equal("withdrawn", troops.Prevailing);
    }
}
