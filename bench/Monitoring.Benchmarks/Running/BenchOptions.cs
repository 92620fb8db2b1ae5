namespace Monitoring.Benchmarks.Running;

/// <param name="Articles">Corpus size ingested through the batched path (the N of the run).</param>
/// <param name="BatchSize">Articles per transaction on the batched path.</param>
/// <param name="ExtractionSample">Articles (the corpus's first) timed in the extraction phases.</param>
/// <param name="ProductionSample">Articles ingested through the Wolverine handler, one per transaction.</param>
/// <param name="HotPairMinEvents">The queried relationship is topped up with direct reports to at least this many.</param>
/// <param name="StoreTarget">Events in the store for the second query measurement (padded with other pairs' reports).</param>
public sealed record BenchOptions(
    string ConnectionString,
    string ResultsDirectory,
    int Articles = 100_000,
    int Seed = 42,
    string Schema = "monitor_bench",
    int BatchSize = 500,
    int ExtractionSample = 5_000,
    int ProductionSample = 2_000,
    int ProductionWriters = 4,
    int HotPairMinEvents = 10_000,
    long StoreTarget = 1_000_000,
    int QueryRepetitions = 100,
    int NotificationSamples = 50)
{
    /// <summary>The CI smoke configuration: every phase, tiny sizes, well under a minute.</summary>
    public static BenchOptions Smoke(string connectionString, string resultsDirectory, string schema) =>
        new(connectionString, resultsDirectory, Articles: 200, Schema: schema, BatchSize: 50, ExtractionSample: 200, ProductionSample: 40,
            HotPairMinEvents: 200, StoreTarget: 3_000, QueryRepetitions: 20, NotificationSamples: 5);
}
