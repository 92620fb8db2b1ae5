using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Monitoring.MicroBenchmarks.ExtractionHotPaths).Assembly).Run(args);
