using System.Diagnostics;

namespace Monitoring.Store.Articles.Ingesting;

/// <summary>
/// A test seam for the fault suite: with <c>MONITOR_FAULT_KILL_AT</c> set to one of these points, the process kills
/// itself (SIGKILL, no clean-up, its connections cut by the kernel) when a bulk import reaches it, as a crash there
/// would. Unset, it is one comparison per batch.
/// </summary>
public static class ImportFaults
{
    public const string Variable = "MONITOR_FAULT_KILL_AT";

    /// <summary>The import's record is committed, no event written yet.</summary>
    public const string Recorded = "recorded";

    /// <summary>The events' COPY is committed, not the history documents'.</summary>
    public const string EventsCopied = "events-copied";

    /// <summary>Both COPYs committed, the record not yet deleted.</summary>
    public const string HistoryCopied = "history-copied";

    private static readonly string? KillAt = Environment.GetEnvironmentVariable(Variable);

    internal static void Reached(string point)
    {
        if (KillAt == point) Process.GetCurrentProcess().Kill();
    }
}
