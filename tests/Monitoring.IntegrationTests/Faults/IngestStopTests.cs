using System.Diagnostics;
using System.Text;
using Monitoring.Cli.Commands;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.IntegrationTests.Notifications;
using Npgsql;
using Xunit.Abstractions;

namespace Monitoring.IntegrationTests.Faults;

/// <summary>
/// Fault suite, issue 15: SIGTERM to `monitor ingest` of a named pipe. Opening a FIFO blocks until a writer comes and reading
/// it until the writer writes, neither of which heeds a cancellation: the command still stops within 10 s, says so in one
/// line and exits with its documented code, having stored what it had read and nothing else.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class IngestStopTests(PostgresServer server, ITestOutputHelper log)
{
    private static readonly TimeSpan Supervisor = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ingest_of_a_fifo_with_no_writer_stops_on_sigterm_and_stores_nothing()
    {
        var schema = PostgresServer.NewSchema("fifonowriter");
        var fifo = await FifoAsync("article.txt");
        await using var ingest = MonitorProcess.Start(server, schema, $"ingest \"{fifo}\" --published 2024-02-02");
        await Eventually.HoldsAsync(() => BlockedOpening(ingest.Id), "ingest blocked opening the FIFO", TimeSpan.FromSeconds(90));

        var took = await ingest.TerminateAsync(Supervisor);

        log.WriteLine($"ingest exited {ingest.ExitCode} in {took.TotalSeconds:F1} s after SIGTERM: {ingest.Output.Trim()}");
        Assert.Equal(IngestCommand.StoppedExitCode, ingest.ExitCode);
        Assert.Equal("monitor: stopped before the input ended: 0 articles stored, the rest not read", ingest.Output.Trim());
        Assert.Equal(0, ArticlesStored(schema));
    }

    [Fact]
    public async Task ingest_of_a_fifo_whose_writer_holds_it_open_stores_what_was_written_and_stops_on_sigterm()
    {
        var schema = PostgresServer.NewSchema("fifoheld");
        var fifo = await FifoAsync("news.jsonl");
        await using var ingest = MonitorProcess.Start(server, schema, $"ingest \"{fifo}\"");
        // Opening for writing waits for the reader: ingest's open of the pipe.
        await using var writer = await Task.Run(() => new FileStream(fifo, FileMode.Open, FileAccess.Write)).WaitAsync(TimeSpan.FromSeconds(90));
        var line = """{"text": "Niamey, 2 February 2024. Niger denounced its military agreement with the United States.", "published": "2024-02-02", "publisher": "Reuters"}""";
        await writer.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));
        await writer.FlushAsync();

        await Eventually.HoldsAsync(() => ArticlesStored(schema) == 1, "the article written to the pipe stored while the pipe stays open", TimeSpan.FromSeconds(60));
        var took = await ingest.TerminateAsync(Supervisor);

        log.WriteLine($"ingest exited {ingest.ExitCode} in {took.TotalSeconds:F1} s after SIGTERM: {ingest.Output.Trim()}");
        Assert.Equal(IngestCommand.StoppedExitCode, ingest.ExitCode);
        Assert.Equal("monitor: stopped before the input ended: 1 article stored, the rest not read", ingest.Output.Trim());
        Assert.Equal(1, ArticlesStored(schema));
    }

    private static async Task<string> FifoAsync(string name)
    {
        var folder = Directory.CreateTempSubdirectory("monitor-fifo-").FullName;
        var path = Path.Combine(folder, name);
        using var mkfifo = Process.Start("mkfifo", [path]);
        await mkfifo.WaitForExitAsync();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    /// <summary>
    /// A thread of the process waits in the kernel for the pipe's other end (Linux names that wait wait_for_partner). The
    /// runtime's debugger thread always waits so on a pipe of its own, so it does not count.
    /// </summary>
    private static bool BlockedOpening(int pid) =>
        Directory.EnumerateDirectories($"/proc/{pid}/task").Any(task =>
        {
            try { return File.ReadAllText(Path.Combine(task, "wchan")) == "wait_for_partner" && File.ReadAllText(Path.Combine(task, "comm")).Trim() != ".NET DebugPipe"; }
            catch (IOException) { return false; } // the thread ended meanwhile
        });

    private long ArticlesStored(string schema)
    {
        using var connection = new NpgsqlConnection(server.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"select count(*) from {schema}.mt_events where type = 'article_ingested'", connection);
        try
        {
            return (long)command.ExecuteScalar()!;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0; // the command's host has not created the store yet
        }
    }
}
