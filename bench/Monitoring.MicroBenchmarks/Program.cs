using BenchmarkDotNet.Running;
using Monitoring.MicroBenchmarks;

if (args is ["profile", var what])
{
    RelationshipQuestions.Profile(what);
    return;
}
if (args is ["questions", ..])
{
    RelationshipQuestions.Run(args.Length > 1 && int.TryParse(args[1], out var reports) ? reports : 21_000, warmOnly: args.Contains("--warm") || args.Contains("--build"), buildOnly: args.Contains("--build"));
    return;
}
if (args.Contains("--throughput")) Throughput.Run(args);
else BenchmarkSwitcher.FromAssembly(typeof(ExtractionHotPaths).Assembly).Run(args);
