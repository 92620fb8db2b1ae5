using System.Net;
using System.Text;
using Monitoring.Api.Hosting;
using Monitoring.IntegrationTests.Api;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Faults;

/// <summary>
/// Fault suite, issue 15 defect 9: what an attacker could put in an article or make a browser do. Links are http or
/// https only; the page and the API forbid content sniffing and load nothing foreign; the CLI prints no control sequence
/// it read from an article.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class HardeningTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const string Text = "Niamey, 17 March 2024. Niger denounced its military agreement with the United States, the spokesman said.";

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("ftp://example.org/article")]
    public async Task an_article_whose_url_is_not_http_or_https_is_refused_on_ingest(string url)
    {
        using var http = host.KeyedClient();
        var query = await http.PostAsync($"/articles?published=2024-03-17&url={Uri.EscapeDataString(url)}", new StringContent(Text, Encoding.UTF8, "text/plain"));
        var json = await http.PostAsync("/articles", new StringContent(
            System.Text.Json.JsonSerializer.Serialize(new { text = Text + " " + url, published = "2024-03-17", url }), Encoding.UTF8, "application/json"));

        foreach (var response in new[] { query, json })
        {
            var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "Article rejected");
            Assert.EndsWith("is not an http or https address", problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task the_page_and_the_api_answer_with_a_content_security_policy_and_nosniff()
    {
        using var http = host.Client();
        foreach (var path in new[] { "/", "/app.js", "/relationships", "/health", "/no-such-path" })
        {
            var response = await http.GetAsync(path);
            Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
            Assert.Equal([MonitorWeb.ContentSecurityPolicy], response.Headers.GetValues("Content-Security-Policy"));
        }
    }

    [Fact]
    public async Task control_sequences_in_an_article_are_not_printed_raw_by_the_cli()
    {
        var cli = new CliRunner(host.Server, PostgresServer.NewSchema("hardening"));
        const string title = "Breaking\u001b]0;pwned\u0007\u001b[2J news";
        var ingest = await cli.RunAsync("ingest - --published 2024-03-17 --publisher \"Evil\u001b[31mPress\" --json", stdin: title + "\n\n" + Text);
        Assert.True(ingest.ExitCode == 0, ingest.Error);

        var listed = await cli.RunAsync("articles");

        Assert.True(listed.ExitCode == 0, listed.Error);
        Assert.DoesNotContain('\u001b', listed.Output);
        Assert.DoesNotContain('\u0007', listed.Output);
        Assert.Contains("Breaking\uFFFD]0;pwned", listed.Output);
        Assert.Contains("Evil\uFFFD[31mPress", listed.Output);
    }
}
