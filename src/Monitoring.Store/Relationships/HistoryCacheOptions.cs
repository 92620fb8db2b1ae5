namespace Monitoring.Store.Relationships;

/// <summary>How much of the relationship histories a process holds (<see cref="HistoryCache"/>; MONITOR_CACHE_REPORTS).</summary>
public sealed record HistoryCacheOptions
{
    /// <summary>Reports held across all pairs before the least recently asked pairs are dropped (about 2 KB each).</summary>
    public int MaxReports { get; init; } = 300_000;
}
