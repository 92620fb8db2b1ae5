using System.CommandLine;
using Monitoring.Cli;
using Monitoring.Cli.Commands;
using Spectre.Console;

// Spectre.Console writes its own colours to the real output; everything else written to stdout is cleaned of control
// characters (TerminalSafeWriter).
var stdout = Console.Out;
AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) });
Console.SetOut(new TerminalSafeWriter(stdout));
// Piped output has no terminal width: use a wide one rather than folding tables at 80 columns.
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 200;

var root = new RootCommand("""
    Monitor: an auditable, replayable history of international relationships, read from news articles.

    Examples:
      monitor demo
      monitor ingest seeds/
      monitor show USA NER --as-of 2024-01-01
      monitor show USA NER --as-of 2024-03-20 --known-at 2023-12-31
      monitor audit USA NER --known-at 2024-03-18
      monitor replay --to 2023-12-20
    The local PostgreSQL cluster (.data/pg, when MONITOR_DB is not set): ./monitor db status|stop.
    Exit codes: 0 ok, 1 error (one line on stderr), 2 usage, 3 some articles were rejected, 4 resolve named no actor,
    130 ingest stopped (Ctrl+C, SIGTERM) before its input ended.
    """);
foreach (var command in new[]
         {
             DemoCommand.Create(), IngestCommand.Create(), RelationshipCommands.List(), RelationshipCommands.Show(),
             RelationshipCommands.Timeline(), RelationshipCommands.Audit(), RelationshipCommands.Replay(), ExtractCommand.Create(), ResolveCommand.Create(), EvalCommand.Create(), ReextractCommand.Create(), RebuildCommand.Create(), EventsCommand.Create(), ArticlesCommand.Create(), ExportCommand.Create(), FeedsCommand.Create(),
             WatchCommand.Create(),
             SubscriptionCommands.Create(),
             ServeCommand.Create(),
             KeysCommand.Create(),
         }.Concat(ReviewCommands.Create()))
    root.Subcommands.Add(command);

try
{
    var parsed = root.Parse(args);
    if (parsed.Errors.Count > 0)
    {
        // Usage errors exit with 2, one line each, so scripts can tell them from failures.
        foreach (var error in parsed.Errors) Console.Error.WriteLine($"monitor: {error.Message}");
        Console.Error.WriteLine($"Try 'monitor {string.Join(' ', parsed.CommandResult.Command.Name == root.Name ? [] : new[] { parsed.CommandResult.Command.Name })} --help'.".Replace("  ", " "));
        return 2;
    }
    // SIGTERM and Ctrl+C cancel the command's token; the process then waits for the command to end as long as serve's
    // shutdown grace (System.CommandLine's own default, 2 s, would cut in-flight deliveries short and exit with 143).
    return await parsed.InvokeAsync(new InvocationConfiguration
    {
        EnableDefaultExceptionHandler = false,
        ProcessTerminationTimeout = Monitoring.Api.Hosting.MonitorHost.ShutdownGrace + TimeSpan.FromSeconds(1),
    });
}
catch (CliException e)
{
    Console.Error.WriteLine($"monitor: {e.Message}");
    return e.ExitCode;
}
catch (Monitoring.Api.Hosting.SettingException e)
{
    Console.Error.WriteLine($"monitor: {e.Message}");
    return 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("monitor: cancelled");
    return 130;
}
catch (Exception e) when (Environment.GetEnvironmentVariable("MONITOR_DEBUG") is null)
{
    // One clear line; MONITOR_DEBUG=1 shows the whole exception.
    Console.Error.WriteLine($"monitor: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
    return 1;
}
