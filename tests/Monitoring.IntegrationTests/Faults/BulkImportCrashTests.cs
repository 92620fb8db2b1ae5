using System.Text.Json;
using Monitoring.Corpus;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.Store.Articles.Ingesting;
using Npgsql;
using Xunit.Abstractions;

namespace Monitoring.IntegrationTests.Faults;

/// <summary>
/// Fault suite, issue 15 defect 1: `monitor ingest` of an archive killed (SIGKILL, by itself at a chosen step of the bulk
/// import: <see cref="ImportFaults"/>), then at once a read, a one-article ingest or the re-ingest of a larger folder
/// holding the same articles. Whatever comes first repairs the import before answering, and every figure (streams,
/// history reports, relationships, their states) equals that of a clean ingest.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class BulkImportCrashTests(PostgresServer server, ITestOutputHelper output)
{
    /// <summary>The archive killed half-way: the first 120 articles of the 200 re-ingested afterwards.</summary>
    private const int Killed = 120, Whole = 200;

    private static readonly Lazy<(string Part, string All)> Folders = new(() =>
    {
        var articles = new CorpusGenerator(15).Generate(Whole).ToList();
        var part = Directory.CreateTempSubdirectory("monitor-crash-part-").FullName;
        var all = Directory.CreateTempSubdirectory("monitor-crash-all-").FullName;
        for (var i = 0; i < articles.Count; i++)
        {
            File.WriteAllText(Path.Combine(all, $"{articles[i].Id}.txt"), articles[i].Text);
            if (i < Killed) File.WriteAllText(Path.Combine(part, $"{articles[i].Id}.txt"), articles[i].Text);
        }
        return (part, all);
    });

    private const string Options = "--published 2024-01-01 --publisher Archive --json";

    private static readonly SemaphoreSlim CleanOnce = new(1, 1);
    private static (Figures Part, Figures All)? _clean;

    /// <summary>What an analyst sees: the streams and history reports stored, and every relationship with its dimensions.</summary>
    private sealed record Figures(long Streams, long HistoryReports, long PendingImports, IReadOnlyList<string> Relationships)
    {
        public override string ToString() =>
            $"{Streams} streams, {HistoryReports} history reports, {Relationships.Count} relationships, {PendingImports} pending imports";
    }

    [Theory]
    [InlineData(ImportFaults.Recorded, "read")]
    [InlineData(ImportFaults.EventsCopied, "read")]
    [InlineData(ImportFaults.EventsCopied, "one article")]
    [InlineData(ImportFaults.EventsCopied, "re-ingest")]
    [InlineData(ImportFaults.HistoryCopied, "re-ingest")]
    public async Task an_ingest_killed_during_a_bulk_import_is_repaired_by_the_next_read_or_ingest_and_answers_equal_a_clean_ingest(string killedAt, string next)
    {
        var (part, all) = Folders.Value;
        var clean = await CleanAsync();
        var schema = PostgresServer.NewSchema("crash" + killedAt);
        var cli = new CliRunner(server, schema);

        var killed = await cli.RunAsync($"ingest {part} {Options}", environment: new Dictionary<string, string> { [ImportFaults.Variable] = killedAt });
        Assert.True(killed.ExitCode == 137, $"expected a SIGKILL (137), got {killed.ExitCode}: {killed.Error}");
        var crashed = await CountsAsync(schema, []);
        output.WriteLine($"killed at {killedAt}: {crashed}");
        Assert.Equal(1, crashed.PendingImports);
        Assert.Equal(killedAt == ImportFaults.Recorded ? 0 : Killed, crashed.Streams);
        if (killedAt == ImportFaults.EventsCopied) Assert.Equal(0, crashed.HistoryReports);

        var stored = killedAt == ImportFaults.Recorded ? 0 : Killed;
        switch (next)
        {
            case "read":
                var read = await FiguresAsync(cli, schema);
                output.WriteLine($"after the read: {read}");
                Assert.Equal(stored == 0 ? new Figures(0, 0, 0, []) : clean.Part, read, FiguresComparer.Instance);
                break;
            case "one article":
                var one = await cli.RunAsync($"ingest {Directory.EnumerateFiles(part).Order().First()} {Options}");
                Assert.True(one.ExitCode == 0, one.Error);
                Assert.Equal(["duplicate"], Statuses(one.Output));
                var afterOne = await CountsAsync(schema, []);
                output.WriteLine($"after one article: {afterOne}");
                Assert.Equal((clean.Part.Streams, clean.Part.HistoryReports, 0L), (afterOne.Streams, afterOne.HistoryReports, afterOne.PendingImports));
                break;
        }

        var again = await cli.RunAsync($"ingest {all} {Options}");
        Assert.True(again.ExitCode == 0, again.Error);
        var statuses = Statuses(again.Output);
        Assert.Equal(stored, statuses.Count(s => s == "duplicate"));
        Assert.Equal(Whole - stored, statuses.Count(s => s == "accepted"));
        var after = await FiguresAsync(cli, schema);
        output.WriteLine($"after re-ingesting {Whole}: {after}; clean ingest: {clean.All}");
        Assert.Equal(clean.All, after, FiguresComparer.Instance);
    }

    /// <summary>The figures of clean ingests of the two folders, each into a fresh schema (once for the class).</summary>
    private async Task<(Figures Part, Figures All)> CleanAsync()
    {
        await CleanOnce.WaitAsync();
        try
        {
            if (_clean is { } done) return done;
            var (part, all) = Folders.Value;
            var figures = new List<Figures>();
            foreach (var folder in new[] { part, all })
            {
                var schema = PostgresServer.NewSchema("crashclean");
                var cli = new CliRunner(server, schema);
                var ingest = await cli.RunAsync($"ingest {folder} {Options}");
                Assert.True(ingest.ExitCode == 0, ingest.Error);
                figures.Add(await FiguresAsync(cli, schema));
            }
            _clean = (figures[0], figures[1]);
            output.WriteLine($"clean ingest of {Killed}: {figures[0]}; of {Whole}: {figures[1]}");
            return _clean.Value;
        }
        finally
        {
            CleanOnce.Release();
        }
    }

    /// <summary>A read through the CLI (`relationships --json`), then the stored counts as that read left them.</summary>
    private async Task<Figures> FiguresAsync(CliRunner cli, string schema)
    {
        var read = await cli.RunAsync("relationships --json");
        Assert.True(read.ExitCode == 0, read.Error);
        using var doc = JsonDocument.Parse(read.Output);
        // Each relationship by its dimensions' statuses and dates: recorded times and sequences differ between schemas.
        var relationships = doc.RootElement.EnumerateArray().Select(state =>
            state.GetProperty("pair").GetRawText() + ": " + string.Join("; ", state.GetProperty("dimensions").EnumerateArray().Select(d =>
                $"{d.GetProperty("dimension").GetString()}:{d.GetProperty("side").GetRawText()} {d.GetProperty("status").GetString()} since {d.GetProperty("since").GetRawText()}")))
            .Order(StringComparer.Ordinal).ToList();
        return await CountsAsync(schema, relationships);
    }

    private async Task<Figures> CountsAsync(string schema, IReadOnlyList<string> relationships)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        async Task<long> Count(string table)
        {
            await using var command = new NpgsqlCommand($"select count(*) from {schema}.{table}", connection);
            return (long)(await command.ExecuteScalarAsync())!;
        }
        return new Figures(await Count("mt_streams"), await Count("mt_doc_history_report"), await Count("mt_doc_pending_import"), relationships);
    }

    private static List<string> Statuses(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray().Select(e => e.GetProperty("status").GetString()!).ToList();
    }

    private sealed class FiguresComparer : IEqualityComparer<Figures>
    {
        public static readonly FiguresComparer Instance = new();

        public bool Equals(Figures? x, Figures? y) =>
            x is not null && y is not null && (x.Streams, x.HistoryReports, x.PendingImports) == (y.Streams, y.HistoryReports, y.PendingImports)
            && x.Relationships.SequenceEqual(y.Relationships);

        public int GetHashCode(Figures f) => f.Streams.GetHashCode();
    }
}
