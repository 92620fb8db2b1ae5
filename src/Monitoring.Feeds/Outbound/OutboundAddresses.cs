using System.Net;
using System.Net.Sockets;

namespace Monitoring.Feeds.Outbound;

/// <summary>
/// Where Monitor may send requests on a user's behalf (webhook receivers, feeds, linked pages): public http(s)
/// addresses only, unless MONITOR_ALLOW_PRIVATE_URLS=true (tests, private deployments). The URL is checked when it is
/// given, and every address its host resolves to is checked again when connecting, so a name that resolves to a private
/// address (or changes to one later) is refused too.
/// </summary>
public static class OutboundAddresses
{
    /// <summary>Read from the host's configuration (see NotificationSettings.FromConfiguration), never from the process here.</summary>
    public const string AllowPrivateVariable = "MONITOR_ALLOW_PRIVATE_URLS";

    /// <summary>Why <paramref name="url"/> may not be a target, or null when it may. Never names more than the user gave.</summary>
    public static string? Refusal(string? url, bool allowPrivate)
    {
        if (string.IsNullOrWhiteSpace(url)) return "a URL is required";
        if (url.Length > MaxUrlLength) return $"the URL is longer than {MaxUrlLength} characters";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return "the URL must be an absolute http or https URL";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "the URL must not carry a user name or password";
        if (allowPrivate) return null;
        // System.Uri has already read hex, octal and dotted-decimal forms of IPv4 (0x7f.1, 017700000001) as addresses.
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(uri.DnsSafeHost, out var literal)
            && !IsPublic(literal))
            return $"the URL points to a private or reserved address; set {AllowPrivateVariable}=true to allow such receivers";
        if (uri.DnsSafeHost.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || uri.DnsSafeHost.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            return $"the URL points to this machine; set {AllowPrivateVariable}=true to allow such receivers";
        return null;
    }

    public const int MaxUrlLength = 2048;

    /// <summary>True for addresses on the public internet: not loopback, private (RFC 1918, unique-local), link-local
    /// (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast, documentation or otherwise reserved.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            || address.Equals(IPAddress.None) || address.Equals(IPAddress.IPv6None))
            return false;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)      // carrier-grade NAT
                || (b[0] == 169 && b[1] == 254)                     // link-local, cloud metadata
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && (b[2] == 0 || b[2] == 2))
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19))      // benchmarking
                || (b[0] == 198 && b[1] == 51 && b[2] == 100) || (b[0] == 203 && b[1] == 0 && b[2] == 113)
                || b[0] >= 224);                                    // multicast, reserved, broadcast
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xFE) == 0xFC                            // unique-local fc00::/7
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) // documentation
                || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B) // NAT64 can reach private IPv4
                || address.IsIPv6Teredo || (b[0] == 0x20 && b[1] == 0x02)); // 6to4 embeds any IPv4
        }
        return false;
    }

    /// <summary>
    /// The handler for outbound clients: connects only to permitted addresses (checked after DNS resolution), follows
    /// no redirect (a redirect would carry a signed body elsewhere), and leaves the response body unread unless asked.
    /// </summary>
    public static SocketsHttpHandler Handler(bool allowPrivate) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        MaxResponseHeadersLength = 64,  // KiB
        ConnectCallback = async (context, ct) =>
        {
            var addresses = IPAddress.TryParse(context.DnsEndPoint.Host, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
            var permitted = allowPrivate ? addresses : addresses.Where(IsPublic).ToArray();
            if (permitted.Length == 0)
                throw new OutboundRefusedException(addresses.Length == 0
                    ? "the receiver's name does not resolve"
                    : $"the receiver resolves to a private or reserved address; set {AllowPrivateVariable}=true to allow it");
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(permitted, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>
    /// What went wrong with an outbound request, said without the host or port it tried (delivery errors are shown to
    /// whoever made the subscription, and must not make Monitor a port scanner of its own network).
    /// </summary>
    public static string Describe(Exception e) => e switch
    {
        OutboundRefusedException refused => refused.Message,
        HttpRequestException { InnerException: OutboundRefusedException refused } => refused.Message,
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "the receiver's name does not resolve",
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => "the receiver could not be reached",
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => "the TLS handshake with the receiver failed",
        HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse } => "the receiver's answer was malformed",
        HttpRequestException => "the request to the receiver failed",
        TaskCanceledException or TimeoutException => "timed out",
        _ => "the request to the receiver failed",
    };

    /// <summary>Reads at most <paramref name="maxBytes"/> of a response body; a longer body is an error, not a buffer.</summary>
    public static async Task<byte[]> ReadBoundedAsync(HttpContent content, long maxBytes, CancellationToken ct)
    {
        if (content.Headers.ContentLength > maxBytes) throw new OutboundRefusedException($"the answer is larger than {maxBytes} bytes");
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) throw new OutboundRefusedException($"the answer is larger than {maxBytes} bytes");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}

/// <summary>An outbound request Monitor refused to make or to finish (private address, oversized answer).</summary>
public sealed class OutboundRefusedException(string message) : Exception(message);
