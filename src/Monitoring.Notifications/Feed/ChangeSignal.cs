
namespace Monitoring.Notifications.Feed;

/// <summary>Wakes live streams on this node as soon as a change is fanned out; other nodes poll.</summary>
public sealed class ChangeSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Pulse() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Returns at the next pulse or after <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            await _next.Task.WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
        }
    }
}
