using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Monitoring.Corpus;
using Monitoring.IntegrationTests.Api;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Faults;

/// <summary>
/// Fault suite, issue 15 defects 5 and 8: input that once gave HTTP 500, stopped the CLI, ran it out of memory or misled
/// it is refused with the article's name and the reason, and the rest of the input goes on. A batch answers each
/// article on its own: the valid ones are stored and reported as accepted, the bad one rejected.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class BadInputTests(ApiHost host) : IClassFixture<ApiHost>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("monitor-badinput-").FullName;

    /// <summary>An article whose text holds a JSON escape of half a UTF-16 pair.</summary>
    private const string LoneSurrogate = """{"text": "Niamey, 17 March 2024. Niger denounced its agreement \ud800 with the United States.", "published": "2024-03-17"}""";

    private static readonly string Seed = Path.Combine(MonitorTestHost.SeedsFolder, "003_a455b231be305d8d.txt");

    private CliRunner Cli() => new(host.Server, PostgresServer.NewSchema("badinput"));

    [Fact]
    public async Task a_lone_surrogate_in_an_http_batch_rejects_that_article_by_its_place_and_stores_and_reports_the_others()
    {
        using var http = host.KeyedClient();
        var valid = JsonSerializer.Serialize(new { text = File.ReadAllText(Seed), published = "2024-03-17", publisher = "Surrogates" });
        var batch = new StringContent($$"""{"articles": [{{valid}}, {{LoneSurrogate}}]}""", Encoding.UTF8, "application/json");

        var answer = await (await http.PostAsync("/articles", batch)).JsonAsync();

        Assert.Equal(1, answer.GetProperty("accepted").GetInt32() + answer.GetProperty("duplicates").GetInt32());
        Assert.Equal(1, answer.GetProperty("rejected").GetInt32());
        var rejected = answer.GetProperty("articles").Items().Single(a => a.GetProperty("status").GetString() == "rejected");
        Assert.Equal("articles[1]", rejected.GetProperty("origin").GetString());
        Assert.Contains("lone surrogate", rejected.GetProperty("reason").GetString());

        var single = await http.PostAsync("/articles", new StringContent(LoneSurrogate, Encoding.UTF8, "application/json"));
        var problem = await single.ProblemAsync(HttpStatusCode.UnprocessableEntity, "Article rejected");
        Assert.Contains("lone surrogate", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task an_archive_of_601_files_with_one_lone_surrogate_names_that_file_and_stores_the_600_others()
    {
        foreach (var a in new CorpusGenerator(601).Generate(600)) File.WriteAllText(Path.Combine(_folder, $"{a.Id}.txt"), a.Text);
        var bad = Path.Combine(_folder, "zz-bad.json");
        File.WriteAllText(bad, LoneSurrogate);

        var result = await Cli().RunAsync($"ingest {_folder} --published 2024-01-01 --json");

        Assert.True(result.ExitCode == 3, result.Error);
        var outcomes = Outcomes(result.Output);
        Assert.Equal(601, outcomes.Count);
        var rejected = Assert.Single(outcomes, o => o.Status == "rejected");
        Assert.Equal(bad, rejected.Origin);
        Assert.Contains("lone surrogate", rejected.Reason);
        Assert.Equal(600, outcomes.Count(o => o.Status == "accepted"));
        Assert.DoesNotContain("AggregateException", result.Error);
    }

    [Fact]
    public async Task dev_zero_and_a_large_stdin_are_refused_at_the_size_limit_while_reading()
    {
        var cli = Cli();
        var zero = await cli.RunAsync("ingest /dev/zero --json");
        var stdin = await cli.RunAsync("ingest - --published 2024-01-01 --json", stdin: new string('a', 3 * 1024 * 1024));

        foreach (var (result, origin) in new[] { (zero, "/dev/zero"), (stdin, "stdin") })
        {
            Assert.True(result.ExitCode == 3, result.Error);
            var outcome = Assert.Single(Outcomes(result.Output));
            Assert.Equal(origin, outcome.Origin);
            Assert.Equal("article too large: more than 2,097,152 bytes (the limit is 2 MiB)", outcome.Reason);
        }
    }

    [Fact]
    public async Task a_missing_file_says_it_does_not_exist()
    {
        var result = await Cli().RunAsync($"ingest {Path.Combine(_folder, "nothing.txt")} --json");

        Assert.Equal(3, result.ExitCode);
        var outcome = Assert.Single(Outcomes(result.Output));
        Assert.Equal(Path.Combine(_folder, "nothing.txt"), outcome.Origin);
        Assert.Contains("does not exist", outcome.Reason);
    }

    [Fact]
    public async Task a_symlink_loop_and_a_pipe_in_a_folder_are_skipped_with_a_named_warning_and_the_rest_is_ingested()
    {
        File.Copy(Seed, Path.Combine(_folder, "article.txt"));
        File.CreateSymbolicLink(Path.Combine(_folder, "loop-a.txt"), Path.Combine(_folder, "loop-b.txt"));
        File.CreateSymbolicLink(Path.Combine(_folder, "loop-b.txt"), Path.Combine(_folder, "loop-a.txt"));
        await MakeFifoAsync(Path.Combine(_folder, "pipe.txt"));

        var result = await Cli().RunAsync($"ingest {_folder} --published 2024-03-17 --json");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("accepted", Assert.Single(Outcomes(result.Output)).Status);
        Assert.Contains($"warning: skipped {Path.Combine(_folder, "loop-a.txt")}: a symbolic link loop", result.Error);
        Assert.Contains($"warning: skipped {Path.Combine(_folder, "loop-b.txt")}: a symbolic link loop", result.Error);
        Assert.Contains($"warning: skipped {Path.Combine(_folder, "pipe.txt")}: empty, or a pipe or device", result.Error);
    }

    [Fact]
    public async Task a_pipe_named_on_the_command_line_is_read_like_a_file()
    {
        var pipe = Path.Combine(_folder, "named.txt");
        await MakeFifoAsync(pipe);
        var ingest = Cli().RunAsync($"ingest {pipe} --published 2024-03-17 --json");
        // Opening a pipe's writing end waits for its reader: the CLI.
        await using (var writer = await Task.Run(() => new FileStream(pipe, FileMode.Open, FileAccess.Write)).WaitAsync(TimeSpan.FromMinutes(2)))
            await writer.WriteAsync(await File.ReadAllBytesAsync(Seed));
        var result = await ingest;

        Assert.True(result.ExitCode == 0, result.Error);
        var outcome = Assert.Single(Outcomes(result.Output));
        Assert.Equal((pipe, "accepted"), (outcome.Origin, outcome.Status));
    }

    private sealed record Outcome(string Origin, string Status, string? Reason);

    private static List<Outcome> Outcomes(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray()
            .Select(e => new Outcome(e.GetProperty("origin").GetString()!, e.GetProperty("status").GetString()!, e.GetProperty("reason").GetString()))
            .ToList();
    }

    private static async Task MakeFifoAsync(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        await mkfifo.WaitForExitAsync();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
