namespace Monitoring.Store;

/// <summary>
/// The system clock at PostgreSQL's precision (microseconds). Marten stamps events with this clock before the
/// inline projection sees them; at .NET's 100 ns precision the projected recorded time would differ from what
/// PostgreSQL stores, and a rebuild from the stored events would then rewrite history by a fraction of a microsecond.
/// </summary>
public sealed class PostgresClock : TimeProvider
{
    public override DateTimeOffset GetUtcNow()
    {
        var now = base.GetUtcNow();
        return new DateTimeOffset(now.Ticks - now.Ticks % 10, TimeSpan.Zero);
    }
}
