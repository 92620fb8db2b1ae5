namespace Monitoring.Store;

/// <summary>
/// The host's clock at PostgreSQL's precision (microseconds). Marten stamps events with this clock before the
/// inline projection sees them; at .NET's 100 ns precision the projected recorded time would differ from what
/// PostgreSQL stores, and a rebuild from the stored events would then rewrite history by a fraction of a microsecond.
/// It wraps the injected <see cref="TimeProvider"/>, so a test that sets the host's clock sets the recorded times too.
/// </summary>
public sealed class PostgresClock(TimeProvider time) : TimeProvider
{
    public override DateTimeOffset GetUtcNow()
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - now.Ticks % 10, TimeSpan.Zero);
    }

    public override long GetTimestamp() => time.GetTimestamp();

    public override long TimestampFrequency => time.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => time.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        time.CreateTimer(callback, state, dueTime, period);
}
