using Monitoring.Notifications;
using Monitoring.Store;

namespace Monitoring.Api.Hosting;

/// <param name="RunBackgroundWork">Run the async daemon and the notification subscriptions: long-lived hosts
/// (serve, watch, tests of notifications) do; short-lived CLI commands do not.</param>
/// <param name="Notifications">Webhook retry delays and stream timings; null for those of the configuration.</param>
public sealed record MonitorSettings(
    string ConnectionString,
    string Schema = MonitorStore.DefaultSchema,
    bool RunBackgroundWork = false,
    NotificationSettings? Notifications = null)
{
    public const string DatabaseVariable = "MONITOR_DB";
    public const string SchemaVariable = "MONITOR_SCHEMA";

    /// <summary>
    /// The one place MONITOR_DB and MONITOR_SCHEMA are read (the configuration holds the environment);
    /// <paramref name="localDatabase"/> finds a database when MONITOR_DB is not set.
    /// </summary>
    public static async Task<MonitorSettings> FromConfigurationAsync(IConfiguration configuration, bool runBackgroundWork,
        Func<CancellationToken, Task<string>> localDatabase, CancellationToken ct) =>
        new(configuration[DatabaseVariable] is { Length: > 0 } configured ? Checked(configured) : await localDatabase(ct),
            configuration[SchemaVariable] is { Length: > 0 } schema ? schema : MonitorStore.DefaultSchema,
            runBackgroundWork,
            NotificationSettings.FromConfiguration(configuration));

    /// <summary>MONITOR_DB as Npgsql reads it, checked before the host is built (Npgsql's own failure comes from deep in Marten's start).</summary>
    private static string Checked(string connectionString)
    {
        try
        {
            _ = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            return connectionString;
        }
        catch (ArgumentException e)
        {
            throw new SettingException($"{DatabaseVariable} is not a PostgreSQL connection string such as " +
                                       $"'Host=localhost;Port=5432;Username=monitor;Password=...;Database=monitor' ({e.Message.TrimEnd('.')})");
        }
    }
}

/// <summary>A setting that cannot be used, told in one line naming it.</summary>
public sealed class SettingException(string message) : Exception(message);
