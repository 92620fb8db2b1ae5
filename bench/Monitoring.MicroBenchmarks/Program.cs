using BenchmarkDotNet.Running;
using Monitoring.MicroBenchmarks;

if (args.Contains("--throughput")) Throughput.Run(args);
else BenchmarkSwitcher.FromAssembly(typeof(ExtractionHotPaths).Assembly).Run(args);
