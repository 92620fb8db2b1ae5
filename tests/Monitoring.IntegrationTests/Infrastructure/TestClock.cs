namespace Monitoring.IntegrationTests.Infrastructure;

/// <summary>
/// The system clock moved on by the test: a test that needs two recorded times apart advances it instead of sleeping.
/// It keeps running in real time, so Wolverine and Marten's own timers behave as they do with the system clock.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
