namespace Monitoring.Notifications.Webhooks;

/// <summary>Where a delivery stands: stored as its name, so a delivery history reads without a lookup.</summary>
public enum DeliveryStatus { Pending, Retrying, Sent, DeadLettered, Skipped }
