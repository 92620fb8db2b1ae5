using BenchmarkDotNet.Running;

if (args is ["profile", var what])
{
    Monitoring.MicroBenchmarks.RelationshipQuestions.Profile(what);
    return;
}
if (args is ["questions", ..])
{
    Monitoring.MicroBenchmarks.RelationshipQuestions.Run(args.Length > 1 ? int.Parse(args[1]) : 21_000);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Monitoring.MicroBenchmarks.ExtractionHotPaths).Assembly).Run(args);
