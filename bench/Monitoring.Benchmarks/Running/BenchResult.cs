namespace Monitoring.Benchmarks.Running;

public sealed record BenchResult(
    DateTimeOffset StartedAt,
    double Seconds,
    string Machine,
    int Articles,
    int Seed,
    ExtractionFigures Extraction,
    IngestionFigures Ingestion,
    CopyFigures Copy,
    IReadOnlyList<AppendFigures> Appends,
    IReadOnlyList<QueryFigures> Queries,
    RebuildFigures Rebuild,
    MemoryFigures Memory,
    NotificationFigures Notifications);

public sealed record ExtractionFigures(
    int Articles,
    double Megabytes,
    double BaselineMbPerSecOneCore,
    double ExtractionMbPerSecOneCore,
    double ExtractionArticlesPerSecOneCore,
    double BaselineMbPerSecAllCores,
    double ExtractionMbPerSecAllCores,
    double ExtractionArticlesPerSecAllCores,
    int Cores,
    double TimeRatioToBaseline,
    QualityFigures Quality);

/// <param name="GoldEvents">Gold events in the sample.</param>
/// <param name="Matched">Gold events found (type, actors, date at the gold's precision).</param>
/// <param name="MustNotViolations">Negated statements that nonetheless produced an event of the forbidden type.</param>
public sealed record QualityFigures(int GoldEvents, int ExtractedEvents, int Matched, int MatchedExtracted, int MustNot, int MustNotViolations)
{
    public double Recall => GoldEvents == 0 ? 0 : (double)Matched / GoldEvents;
    public double Precision => ExtractedEvents == 0 ? 0 : (double)MatchedExtracted / ExtractedEvents;
}

/// <param name="Path">What was measured, e.g. "batched, 500 articles per transaction".</param>
public sealed record IngestionFigures(
    string Path,
    int Articles,
    int Accepted,
    int Duplicates,
    int Rejected,
    long Events,
    double Seconds,
    double ArticlesPerSec,
    double EventsPerSec,
    double AppendSeconds,
    double AppendEventsPerSec,
    IngestionFigures? ProductionPath)
{
    /// <summary>Wall time the extraction workers spent reading and extracting (on all cores).</summary>
    public double PrepareSeconds { get; init; }

    /// <summary>Wall time the appender waited for extracted batches: above zero, extraction is the bottleneck.</summary>
    public double AppenderWaitSeconds { get; init; }

    /// <summary>Of the append time: Marten's bulk COPY of the events.</summary>
    public double EventCopySeconds { get; init; }

    /// <summary>Of the append time: the COPY of the relationship history documents.</summary>
    public double HistoryCopySeconds { get; init; }

    public long HistoryDocuments { get; init; }
}

public sealed record CopyFigures(long Rows, double Megabytes, double Seconds, double RowsPerSec, double MartenAppendPercentOfCopy);

/// <summary>A direct Marten append series (the store padding): reports appended without extraction.</summary>
public sealed record AppendFigures(string What, long Events, double Seconds, double EventsPerSec);

public sealed record QueryFigures(string Query, string Pair, long PairEvents, long StoreEvents, int Repetitions, double MedianMs, double P99Ms);

/// <summary>
/// The rebuilds on the same store in the same run: Marten's daemon (Seconds, EventsPerSec, DocumentsAfter: the baseline,
/// under the fields' old names), the parallel one over ranges of the event sequence (the Parallel fields), and the same
/// on one worker (what the direct read and the suspended change counter give without the parallelism).
/// </summary>
public sealed record RebuildFigures(long StoreEvents, long ProjectedEvents, double Seconds, double EventsPerSec, long DocumentsBefore, long DocumentsAfter,
    int ParallelWorkers = 0, double ParallelSeconds = 0, double ParallelEventsPerSec = 0, long ParallelDocumentsAfter = 0,
    double OneWorkerSeconds = 0, double OneWorkerEventsPerSec = 0)
{
    /// <summary>How many times faster the parallel rebuild ran than the daemon's.</summary>
    public double Speedup => EventsPerSec > 0 ? ParallelEventsPerSec / EventsPerSec : 0;
}

/// <param name="PeakAtTenthMb">Peak working set while ingesting the first tenth of the corpus.</param>
/// <param name="PeakAtEndMb">Peak working set over the whole ingestion.</param>
public sealed record MemoryFigures(int ArticlesAtTenth, double PeakAtTenthMb, int ArticlesAtEnd, double PeakAtEndMb, double ProcessPeakMb);

/// <summary>The query phase alone on an existing store (<c>bench/bench queries</c>).</summary>
/// <param name="WrittenFrom">When the store's first event was written: recorded-clock cuts are drawn from here…</param>
/// <param name="WrittenUntil">…to when its last one was.</param>
/// <param name="PeakMb">Peak working set of the process over the query phase (sampled every 20 ms).</param>
public sealed record QueriesResult(
    DateTimeOffset StartedAt,
    double Seconds,
    string Machine,
    string Schema,
    int Seed,
    DateTimeOffset WrittenFrom,
    DateTimeOffset WrittenUntil,
    IReadOnlyList<QueryFigures> Queries,
    double PeakMb,
    double ProcessPeakMb);
