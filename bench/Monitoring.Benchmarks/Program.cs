using Monitoring.Benchmarks;
using Monitoring.Cli;

try
{
    return await BenchCommand.Create().Parse(args).InvokeAsync();
}
catch (CliException e)
{
    Console.Error.WriteLine($"monitor-bench: {e.Message}");
    return e.ExitCode;
}
