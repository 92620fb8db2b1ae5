using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Monitoring.IntegrationTests.Api;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Faults;

/// <summary>
/// Fault suite, issue 15 defect 9: twins of one article posted at once store it once; each loser is a duplicate, and
/// the service's log says so in a short line at most, never with the article's text (once three times per loser).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DuplicateLogTests(DuplicateLogTests.Host host) : IClassFixture<DuplicateLogTests.Host>
{
    public sealed class Host(PostgresServer server) : ApiHost(server)
    {
        public ConcurrentQueue<string> Logged { get; } = new();

        protected override void Configure(WebApplicationBuilder builder) => builder.Logging.AddProvider(new Recorder(Logged));
    }

    [Fact]
    public async Task concurrent_twins_store_the_article_once_and_log_no_article_text()
    {
        var marker = "Zanzibarian" + Guid.NewGuid().ToString("N")[..8];
        var text = $"Niamey, 17 March 2024. Niger denounced its military agreement with the United States, the {marker} spokesman said.";
        using var http = host.KeyedClient();
        host.Logged.Clear();

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            http.PostAsync("/articles?published=2024-03-17", new StringContent(text, Encoding.UTF8, "text/plain"))));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.OK }));
        Assert.DoesNotContain(host.Logged, line => line.Contains(marker, StringComparison.Ordinal));
        Assert.All(host.Logged, line => Assert.True(line.Length < 400, line));
    }

    private sealed class Recorder(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string category) => new Logger(category, lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel level) => level >= LogLevel.Information;

            public void Log<TState>(LogLevel level, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(level)) lines.Enqueue($"{level} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
            }
        }
    }
}
