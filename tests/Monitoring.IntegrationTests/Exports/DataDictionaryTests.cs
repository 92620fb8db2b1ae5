using Monitoring.Api.Exports;

namespace Monitoring.IntegrationTests.Exports;

/// <summary>docs/data-dictionary.md is the export schemas rendered: a new or renamed column fails here until the document follows.</summary>
public sealed class DataDictionaryTests
{
    [Fact]
    public void the_data_dictionary_is_the_export_schemas()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Monitor.sln"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Monitor.sln not found above the test's folder");
        var path = Path.Combine(root, "docs", "data-dictionary.md");
        var rendered = DataDictionary.Markdown();
        if (Environment.GetEnvironmentVariable("MONITOR_APPROVE") == "1") File.WriteAllText(path, rendered);
        Assert.True(File.Exists(path), $"{path} is missing: run the test with MONITOR_APPROVE=1 to write it");
        Assert.Equal(rendered, File.ReadAllText(path));
    }
}
