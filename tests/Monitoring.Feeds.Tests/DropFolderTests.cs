using Microsoft.Extensions.Time.Testing;
using Monitoring.Feeds.DropFolders;

namespace Monitoring.Feeds.Tests;

public class DropFolderPlanTests
{
    private static readonly DateTimeOffset Now = new(2024, 3, 16, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    private static DroppedFile Old(string name) => new(name, Now.AddMinutes(-5));

    [Fact]
    public void a_sidecar_json_goes_with_its_article_and_is_not_an_article_of_its_own()
    {
        var items = DropFolderPlan.Decide([Old("a.txt"), Old("a.json"), Old("b.json"), Old("c.jsonl"), Old("d.csv")], Now, Settle);

        Assert.Equal([new DropItem("a.txt", "a.json"), new DropItem("b.json"), new DropItem("c.jsonl"), new DropItem("d.csv")], items);
    }

    [Fact]
    public void a_file_still_being_written_waits_for_a_later_scan()
    {
        var items = DropFolderPlan.Decide([new DroppedFile("fresh.txt", Now.AddSeconds(-1)), Old("old.txt"),
            Old("pair.txt"), new DroppedFile("pair.json", Now)], Now, Settle);

        Assert.Equal(["old.txt"], items.Select(i => i.File));
    }

    [Fact]
    public void the_manifest_reasons_and_partial_downloads_are_never_taken()
    {
        var items = DropFolderPlan.Decide([Old("manifest.json"), Old("x.txt.reason.txt"), Old(".hidden.txt"), Old("wire.jsonl.part"),
            Old("copy.tmp"), Old("note.txt~")], Now, Settle);

        Assert.Empty(items);
    }

    [Fact]
    public void an_unknown_kind_of_file_is_taken_to_be_rejected_with_the_reason()
    {
        var item = Assert.Single(DropFolderPlan.Decide([Old("report.pdf")], Now, Settle));

        Assert.Equal("not an article file (.pdf): a drop folder takes .txt, .html, .json, .jsonl and .csv", item.Problem);
    }
}

public sealed class DropFolderTests : IDisposable
{
    private readonly string _path = Directory.CreateTempSubdirectory("monitor-drop-").FullName;
    private readonly RecordingSink _sink = new();
    // An hour past the real clock: every file written by the test has settled.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow.AddHours(1));
    private readonly DropFolder _folder;

    public DropFolderTests() => _folder = new DropFolder(_path, _time);

    public void Dispose() => Directory.Delete(_path, recursive: true);

    private void Drop(string name, string content) => File.WriteAllText(Path.Combine(_path, name), content);

    private string[] Files(string sub = "") =>
        Directory.Exists(Path.Combine(_path, sub))
            ? Directory.GetFiles(Path.Combine(_path, sub)).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray()
            : [];

    [Fact]
    public async Task dropped_files_are_ingested_once_and_moved_to_done()
    {
        Drop("coup.txt", "Soldiers seized power in Gabon on Wednesday.");
        Drop("coup.json", """{"publisher": "Wire One", "published": "2023-08-30", "url": "https://one.example/coup"}""");
        Drop("batch.jsonl", """
            {"text":"ECOWAS suspended Guinea.","published":"2021-09-08","publisher":"Wire Two"}
            {"text":"ECOWAS lifted sanctions on Niger.","published":"2024-02-24","publisher":"Wire Two"}
            """);

        var outcomes = await _folder.ScanAsync(_sink, CancellationToken.None);
        var again = await _folder.ScanAsync(_sink, CancellationToken.None);

        Assert.Equal([("batch.jsonl", DropDisposition.Done, 2), ("coup.txt", DropDisposition.Done, 1)],
            outcomes.Select(o => (o.File, o.Disposition, o.Accepted)));
        Assert.Empty(again);
        Assert.Equal(3, _sink.Calls);
        var coup = _sink.Accepted.Single(a => a.OriginalText.Contains("Gabon"));
        Assert.Equal(("Wire One", new DateOnly(2023, 8, 30), "https://one.example/coup"), (coup.Publisher, coup.Published, coup.Url));
        Assert.Empty(Files());
        Assert.Equal(["batch.jsonl", "coup.json", "coup.txt"], Files("done"));
    }

    [Fact]
    public async Task a_bad_file_lands_in_rejected_with_its_reason_beside_it()
    {
        Drop("garbled.txt", "\0\0\0 not a text");
        Drop("slides.pdf", "%PDF-1.7");

        var outcomes = await _folder.ScanAsync(_sink, CancellationToken.None);

        Assert.All(outcomes, o => Assert.Equal(DropDisposition.Rejected, o.Disposition));
        Assert.Equal(["garbled.txt", "garbled.txt.reason.txt", "slides.pdf", "slides.pdf.reason.txt"], Files("rejected"));
        Assert.StartsWith("binary input", File.ReadAllText(Path.Combine(_path, "rejected", "garbled.txt.reason.txt")));
        Assert.Equal(0, _sink.Calls);
    }

    [Fact]
    public async Task a_file_that_states_no_publication_date_counts_as_published_the_day_it_was_taken_and_says_so()
    {
        Drop("undated.txt", "Guinea suspended its cooperation with the regional bloc.");

        var outcome = Assert.Single(await _folder.ScanAsync(_sink, CancellationToken.None));

        Assert.Equal(DropDisposition.Done, outcome.Disposition);
        var article = Assert.Single(_sink.Accepted);
        Assert.True(article.PublicationUnstated);
        Assert.Equal(DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime), article.Published);
    }

    [Fact]
    public async Task the_good_lines_of_a_partly_bad_file_are_ingested_and_the_bad_ones_named()
    {
        Drop("wire.jsonl", """
            {"text":"Mali left ECOWAS.","published":"2024-01-28"}
            {"title":"no text here"}
            """);

        var outcome = Assert.Single(await _folder.ScanAsync(_sink, CancellationToken.None));

        Assert.Equal(DropDisposition.Rejected, outcome.Disposition);
        Assert.Equal(1, outcome.Accepted);
        var reason = File.ReadAllText(Path.Combine(_path, "rejected", "wire.jsonl.reason.txt"));
        Assert.Contains("1 article(s) of this file were ingested (1 new)", reason);
        Assert.Contains("line 2: ", reason);
    }

    [Fact]
    public async Task a_manifest_gives_metadata_to_the_files_it_lists_and_stays()
    {
        Drop("manifest.json", """{"articles": [{"file": "brief.txt", "publisher": "Wire Three", "published": "2024-07-06"}]}""");
        Drop("brief.txt", "Niger, Mali and Burkina Faso formed a confederation.");

        var outcome = Assert.Single(await _folder.ScanAsync(_sink, CancellationToken.None));

        Assert.Equal(DropDisposition.Done, outcome.Disposition);
        Assert.Equal("Wire Three", Assert.Single(_sink.Accepted).Publisher);
        Assert.Equal(["manifest.json"], Files());
    }

    [Fact]
    public async Task a_file_dropped_again_is_a_duplicate_and_still_leaves_the_folder()
    {
        Drop("one.txt", "15 Dec, 2023 12:28\nThe United States plans to resume security cooperation with Niger.");
        await _folder.ScanAsync(_sink, CancellationToken.None);
        Drop("one.txt", "15 Dec, 2023 12:28\nThe United States plans to resume security cooperation with Niger.");

        var outcome = Assert.Single(await _folder.ScanAsync(_sink, CancellationToken.None));

        Assert.Equal((DropDisposition.Done, 0, 1), (outcome.Disposition, outcome.Accepted, outcome.Duplicates));
        Assert.Single(_sink.Accepted);
        Assert.Equal(["one (2).txt", "one.txt"], Files("done"));
    }

    [Fact]
    public async Task when_the_store_fails_the_file_stays_for_the_next_scan()
    {
        Drop("later.txt", "15 Dec, 2023 12:28\nText.");
        _sink.Override = _ => throw new InvalidOperationException("the database is unreachable");

        await Assert.ThrowsAsync<InvalidOperationException>(() => _folder.ScanAsync(_sink, CancellationToken.None));

        Assert.Equal(["later.txt"], Files());
        _sink.Override = null;
        Assert.Single(await _folder.ScanAsync(_sink, CancellationToken.None));
        Assert.Empty(Files());
    }

    [Fact]
    public async Task the_watcher_takes_a_file_dropped_while_it_runs()
    {
        using var stop = new CancellationTokenSource();
        var scanned = new TaskCompletionSource<IReadOnlyList<DropOutcome>>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The fake clock stands still, so no timed scan runs: the first scan or the file system's notification takes the file.
        var watcher = new DropFolderWatcher(_folder, _sink, _time) { Scanned = o => scanned.TrySetResult(o) };
        var running = watcher.RunAsync(stop.Token);

        // Written under a name scans skip, then renamed: the watcher's first scan may run at any moment.
        Drop("live.txt.part", "29 Nov, 2024 18:00\nChad ended its defence cooperation with France.");
        File.Move(Path.Combine(_path, "live.txt.part"), Path.Combine(_path, "live.txt"));
        var outcomes = await scanned.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await running;

        Assert.Equal("live.txt", Assert.Single(outcomes).File);
        Assert.Single(_sink.Accepted);
    }
}
