namespace Monitoring.Feeds.DropFolders;

/// <summary>
/// Keeps scanning a drop folder while the service runs: at once when the file system says something changed, and every
/// <see cref="Every"/> anyway (watchers miss events on network shares, and a file still settling needs a second look).
/// </summary>
public sealed class DropFolderWatcher(DropFolder folder, IArticleSink sink, TimeProvider time)
{
    public TimeSpan Every { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Called after each scan that took files.</summary>
    public Action<IReadOnlyList<DropOutcome>>? Scanned { get; init; }

    /// <summary>Called when a scan failed (the store is down, the folder is gone); the next scan tries again.</summary>
    public Action<Exception>? Failed { get; init; }

    /// <summary>Scans until <paramref name="ct"/> is cancelled, then returns.</summary>

    public async Task RunAsync(CancellationToken ct)
    {
        var changed = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(folder.Path) { IncludeSubdirectories = false, EnableRaisingEvents = true };
        void Wake(object? _, EventArgs __) { if (changed.CurrentCount == 0) changed.Release(); }
        watcher.Created += Wake;
        watcher.Changed += Wake;
        watcher.Renamed += Wake;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var outcomes = await folder.ScanAsync(sink, ct);
                if (outcomes.Count > 0) Scanned?.Invoke(outcomes);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Failed?.Invoke(e);
            }
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var delay = Task.Delay(Every, time, tick.Token);
            await Task.WhenAny(delay, changed.WaitAsync(tick.Token));
            await tick.CancelAsync();
        }
    }
}
