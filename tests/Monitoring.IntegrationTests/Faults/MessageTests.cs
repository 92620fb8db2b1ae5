using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Monitoring.IntegrationTests.Api;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Faults;

/// <summary>
/// Fault suite, issue 15 defect 8: each of these once answered with a message that misled (an "empty article", a .NET
/// type, a stack trace); each now says what is wrong, in one line or one problem, naming the limit or the setting.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MessageTests(ApiHost host) : IClassFixture<ApiHost>
{
    private CliRunner Cli() => new(host.Server, PostgresServer.NewSchema("messages"));

    [Fact]
    public async Task a_monitor_db_that_is_not_a_connection_string_is_told_in_one_line_naming_it()
    {
        var result = await Cli().RunAsync("relationships", environment: new Dictionary<string, string> { ["MONITOR_DB"] = "garbage" });

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Trim().Split('\n'));
        Assert.StartsWith("monitor: MONITOR_DB is not a PostgreSQL connection string such as 'Host=localhost;", line);
        Assert.DoesNotContain("Exception", line);
    }

    [Fact]
    public async Task a_cache_size_that_is_not_a_number_of_reports_is_told_in_one_line_naming_it()
    {
        var result = await Cli().RunAsync("relationships", environment: new Dictionary<string, string> { ["MONITOR_CACHE_REPORTS"] = "lots" });

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Trim().Split('\n'));
        Assert.Equal("monitor: MONITOR_CACHE_REPORTS='lots' is not a positive number of reports (default 300000, about 600 MB)", line);
    }

    [Fact]
    public async Task an_unreachable_database_is_told_in_one_line_without_a_stack_trace()
    {
        var closed = ClosedPort();
        var result = await Cli().RunAsync("relationships",
            environment: new Dictionary<string, string> { ["MONITOR_DB"] = $"Host=127.0.0.1;Port={closed};Username=monitor;Password=x;Database=monitor" });

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Trim().Split('\n'));
        Assert.StartsWith("monitor: cannot reach the database:", line);
    }

    [Fact]
    public async Task publication_dates_before_1900_or_after_tomorrow_are_refused_with_the_reason()
    {
        var cli = Cli();
        const string text = "Niger denounced its military agreement with the United States, the government said.";
        var early = await cli.RunAsync("ingest - --published 1899-12-31 --json", stdin: text);
        var late = await cli.RunAsync("ingest - --published 9999-01-01 --json", stdin: text);

        Assert.Equal(3, early.ExitCode);
        Assert.Equal("implausible publication date 1899-12-31: dates before 1900-01-01 are refused", Reason(early.Output));
        Assert.Equal(3, late.ExitCode);
        Assert.StartsWith("implausible publication date 9999-01-01: it is after tomorrow (", Reason(late.Output));

        using var http = host.KeyedClient();
        var json = new StringContent("""{"text": "Niger denounced its military agreement with the United States.", "published": "0001-01-01"}""", Encoding.UTF8, "application/json");
        var problem = await (await http.PostAsync("/articles", json)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "Article rejected");
        Assert.Contains("dates before 1900-01-01 are refused", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task a_latin1_article_over_http_is_decoded_from_its_charset()
    {
        using var http = host.KeyedClient();
        const string text = "Niamey, 17 mars 2024. Le Niger a dénoncé l'accord de coopération militaire avec les États-Unis, a déclaré le porte-parole.";
        var body = new ByteArrayContent(Encoding.Latin1.GetBytes(text));
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain") { CharSet = "iso-8859-1" };

        var answer = await (await http.PostAsync("/articles?published=2024-03-17", body)).JsonAsync(HttpStatusCode.Created);
        var article = await (await http.GetAsync($"/articles/{answer.GetProperty("articleId").GetString()}")).JsonAsync();

        Assert.Equal(text, article.GetProperty("text").GetString()!.Trim());

        var unknown = new ByteArrayContent(Encoding.Latin1.GetBytes(text));
        unknown.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain") { CharSet = "klingon-1" };
        await (await http.PostAsync("/articles?published=2024-03-17", unknown)).ProblemAsync(HttpStatusCode.UnsupportedMediaType, "Unsupported charset", "klingon-1");
    }

    [Fact]
    public async Task a_malformed_subscription_is_a_400_that_names_no_dotnet_type()
    {
        using var http = host.KeyedClient();
        foreach (var body in new[] { """{"name": 5, "url": "https://example.org/hook"}""", """{"name": "n", "url": "https://example.org/hook", "filter": "all"}""", "[1, 2]" })
        {
            var response = await http.PostAsync("/subscriptions", new StringContent(body, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
            Assert.Contains("not a subscription {name, url, filter, secret}", text);
            Assert.DoesNotContain("Monitoring.", text);
            Assert.DoesNotContain("System.", text);
        }
    }

    private static string? Reason(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray().Single().GetProperty("reason").GetString();
    }

    /// <summary>A loopback port nothing listens on (taken, then released).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
