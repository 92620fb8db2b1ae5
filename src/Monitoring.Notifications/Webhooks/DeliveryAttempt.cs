namespace Monitoring.Notifications.Webhooks;

/// <summary>One try at a delivery: when, the receiver's HTTP status or the error, and how long it took.</summary>
public sealed record DeliveryAttempt(int Number, DateTimeOffset At, int? HttpStatus, string? Error, double Milliseconds);
