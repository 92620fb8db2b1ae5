using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Browser;

/// <summary>
/// The page's bundle is committed in the service's wwwroot, so the service needs neither npm nor a network at run
/// time. These tests keep that bundle honest: built from the current sources, and self-contained.
/// </summary>
public sealed class BundleTests
{
    private static readonly string Web = Path.Combine(PostgresServer.RepositoryRoot, "web");
    private static readonly string WwwRoot = Path.Combine(PostgresServer.RepositoryRoot, "src", "Monitoring.Api", "wwwroot");

    [Fact]
    public void committed_bundle_is_built_from_the_current_web_sources()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(WwwRoot, "bundle.json")));
        var recorded = manifest.RootElement.GetProperty("sources").GetString();
        Assert.True(recorded == SourceHash(),
            "src/Monitoring.Api/wwwroot is stale: run `npm ci && npm run build` in web/ and commit the bundle");
    }

    [Fact]
    public void bundle_loads_nothing_from_another_host()
    {
        var html = File.ReadAllText(Path.Combine(WwwRoot, "index.html"));
        var css = File.ReadAllText(Path.Combine(WwwRoot, "app.css"));
        foreach (var text in new[] { html, css })
        {
            Assert.DoesNotContain("http://", text);
            Assert.DoesNotContain("https://", text);
            Assert.DoesNotContain("//", text.Replace("://", ""));
        }
        Assert.Contains("src=\"app.js\"", html);
        Assert.Contains("href=\"app.css\"", html);
        Assert.DoesNotContain("@import", css);
    }

    /// <summary>web/build.mjs's recipe: per input file in ordinal path order, "path\n" + sha256(text with LF endings) + "\n".</summary>
    private static string SourceHash()
    {
        string[] inputs = ["build.mjs", "package.json", "package-lock.json", "tsconfig.json", "src"];
        var files = inputs
            .SelectMany(i => Directory.Exists(Path.Combine(Web, i))
                ? Directory.EnumerateFiles(Path.Combine(Web, i), "*", SearchOption.AllDirectories)
                : [Path.Combine(Web, i)])
            .Select(f => Path.GetRelativePath(Web, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        var all = new StringBuilder();
        foreach (var f in files)
        {
            var text = File.ReadAllText(Path.Combine(Web, f), Encoding.UTF8).Replace("\r\n", "\n");
            all.Append(f).Append('\n').Append(Hex(Encoding.UTF8.GetBytes(text))).Append('\n');
        }
        return Hex(Encoding.UTF8.GetBytes(all.ToString()));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
