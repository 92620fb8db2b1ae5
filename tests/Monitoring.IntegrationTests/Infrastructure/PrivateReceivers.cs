using System.Runtime.CompilerServices;

namespace Monitoring.IntegrationTests.Infrastructure;

/// <summary>
/// Every receiver and feed these tests start listens on 127.0.0.1, which Monitor refuses by default (SSRF): the test
/// process and the CLI processes it starts allow private addresses, as a private deployment would.
/// </summary>
internal static class PrivateReceivers
{
    [ModuleInitializer]
    internal static void Allow() => Environment.SetEnvironmentVariable("MONITOR_ALLOW_PRIVATE_URLS", "true");
}
