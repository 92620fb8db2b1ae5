using System.Globalization;
using System.Net;
using System.Text.Json;
using Monitoring.IntegrationTests.Api;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.Store.Exports;
using Parquet;
using Parquet.Schema;
using Sylvan.Data.Csv;

namespace Monitoring.IntegrationTests.Exports;

/// <summary>
/// GET /export/{what} over the seeds' gold events: each format read back with a library other than the writer's
/// (Sylvan for CSV, System.Text.Json for JSON Lines, Parquet.Net's reader for Parquet) gives the same rows, and
/// those rows are the API's timelines and states, row for row.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ExportApiTests(GoldApiHost host) : IClassFixture<GoldApiHost>
{
    private static readonly string[] Formats = ["csv", "jsonl", "parquet"];

    /// <summary>A table read back: the header and each row as text per column (null for an absent value).</summary>
    private sealed record Rows(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Values)
    {
        public IEnumerable<string?> Column(string name) => Values.Select(v => v[Columns.ToList().IndexOf(name)]);
    }

    private async Task<Rows> ExportAsync(string what, string format, string query = "")
    {
        using var http = host.Client();
        using var response = await http.GetAsync($"/export/{what}?format={format}{query}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what} as {format}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}");
        Assert.Equal(ExportFormats.Parse(format)!.Value.MediaType().Split(';')[0], response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"monitor-{what}.", response.Content.Headers.ContentDisposition?.ToString());
        return format switch
        {
            "csv" => ReadCsv(bytes),
            "jsonl" => ReadJsonLines(bytes),
            _ => await ReadParquetAsync(bytes),
        };
    }

    private static Rows ReadCsv(byte[] bytes)
    {
        using var csv = CsvDataReader.Create(new StreamReader(new MemoryStream(bytes)));
        var columns = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToList();
        var rows = new List<IReadOnlyList<string?>>();
        while (csv.Read())
            rows.Add(Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i) is { Length: > 0 } s ? Unescape(s) : null).ToList());
        return new Rows(columns, rows);
    }

    /// <summary>The CSV writer guards spreadsheets: text starting like a formula gets an apostrophe, which a reader drops.</summary>
    private static string Unescape(string s) => s.Length > 1 && s[0] == '\'' && "=+-@\t\r".Contains(s[1]) ? s[1..] : s;

    private static Rows ReadJsonLines(byte[] bytes)
    {
        var lines = System.Text.Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var columns = new List<string>();
        var rows = new List<IReadOnlyList<string?>>();
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            var properties = json.RootElement.EnumerateObject().ToList();
            if (columns.Count == 0) columns.AddRange(properties.Select(p => p.Name));
            Assert.Equal(columns, properties.Select(p => p.Name)); // every line has every key, in order
            rows.Add(properties.Select(p => p.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.Number => p.Value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => p.Value.GetString(),
            }).ToList());
        }
        return new Rows(columns, rows);
    }

    private static async Task<Rows> ReadParquetAsync(byte[] bytes)
    {
        // Dates are Parquet DATE columns; Parquet.Net hands them out as DateTime unless asked for DateOnly.
        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes), new ParquetOptions { UseDateOnlyTypeForDates = true });
        var fields = reader.Schema.DataFields;
        var rows = new List<IReadOnlyList<string?>>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = (int)group.RowCount;
            var columns = new List<string?[]>();
            foreach (var field in fields) columns.Add(await ReadColumnAsync(group, field, n));
            for (var r = 0; r < n; r++) rows.Add(columns.Select(c => c[r]).ToList());
        }
        return new Rows(fields.Select(f => f.Name).ToList(), rows);
    }

    private static async Task<string?[]> ReadColumnAsync(ParquetRowGroupReader group, DataField field, int n)
    {
        if (field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>)) // Parquet.Net reads UTF-8 text as either
        {
            var text = new string?[n];
            await group.ReadAsync(field, text.AsMemory());
            return text;
        }
        if (field.ClrType == typeof(DateOnly)) return await ReadAsync<DateOnly>(group, field, n, d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (field.ClrType == typeof(DateTime))
            return await ReadAsync<DateTime>(group, field, n, t => t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        if (field.ClrType == typeof(long)) return await ReadAsync<long>(group, field, n, v => ((double)v).ToString("R", CultureInfo.InvariantCulture));
        if (field.ClrType == typeof(double)) return await ReadAsync<double>(group, field, n, v => v.ToString("R", CultureInfo.InvariantCulture));
        if (field.ClrType == typeof(bool)) return await ReadAsync<bool>(group, field, n, v => v ? "true" : "false");
        throw new InvalidOperationException($"column {field.Name} has an unexpected type {field.ClrType}");
    }

    private static async Task<string?[]> ReadAsync<T>(ParquetRowGroupReader group, DataField field, int n, Func<T, string> text) where T : struct
    {
        var values = new T?[n];
        await group.ReadAsync<T>(field, values.AsMemory());
        return values.Select(v => v is { } x ? text(x) : null).ToArray();
    }

    /// <summary>CSV has no types: numbers compare as numbers in every format.</summary>
    private static Rows Normalised(Rows rows, IReadOnlyList<ColumnKind> kinds) => rows with
    {
        Values = rows.Values.Select(v => (IReadOnlyList<string?>)v.Select((x, i) => x is not null && kinds[i] is ColumnKind.Integer or ColumnKind.Number
            ? double.Parse(x, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture) : x).ToList()).ToList(),
    };

    [Fact]
    public async Task the_three_formats_give_the_same_events_and_they_are_the_timelines_of_the_api()
    {
        var kinds = ExportTables.Events.Columns.Select(c => c.Kind).ToList();
        var exports = new List<Rows>();
        foreach (var format in Formats) exports.Add(Normalised(await ExportAsync("events", format), kinds));
        Assert.All(exports, e => Assert.Equal(ExportTables.Events.Columns.Select(c => c.Name), e.Columns));
        Assert.NotEmpty(exports[0].Values);
        for (var f = 1; f < exports.Count; f++)
        {
            Assert.Equal(exports[0].Values.Count, exports[f].Values.Count);
            for (var r = 0; r < exports[0].Values.Count; r++) Assert.Equal(exports[0].Values[r], exports[f].Values[r]);
        }

        // Row for row against GET /relationships/{a}/{b}/timeline, pair by pair.
        using var http = host.Client();
        var pairs = (await Discovery.DiscoveryApiTests.WalkAsync(http, "/relationships?limit=500")).Select(p => p.GetProperty("pair").GetString()!).ToList();
        var events = exports[0];
        Assert.Equal(pairs.Order(StringComparer.Ordinal), events.Column("pair").Distinct().Order(StringComparer.Ordinal)!);
        foreach (var pair in pairs)
        {
            var parts = pair.Split('-');
            var timeline = await (await http.GetAsync($"/relationships/{parts[0]}/{parts[1]}/timeline")).JsonAsync();
            var expected = timeline.GetProperty("entries").Items()
                .Select(e => (Id: e.GetProperty("id").GetString(), Type: e.GetProperty("type").GetString(),
                    Date: e.GetProperty("date").GetProperty("value").GetString(), Precision: e.GetProperty("date").GetProperty("precision").GetString(),
                    Sources: (string?)e.GetProperty("sourceCount").GetInt32().ToString(CultureInfo.InvariantCulture)))
                .OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
            var rows = events.Values.Where(v => v[0] == pair).Select(v => Row(events, v))
                .Select(r => (Id: r["entry_id"], Type: r["type"], Date: r["date"], Precision: r["precision"], Sources: r["sources"] is { } s ? double.Parse(s, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) : null))
                .OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
            Assert.Equal(expected, rows);
        }
    }

    private static Dictionary<string, string?> Row(Rows rows, IReadOnlyList<string?> values) =>
        rows.Columns.Select((c, i) => (c, values[i])).ToDictionary(x => x.c, x => x.Item2);

    [Fact]
    public async Task the_three_formats_give_the_same_states_and_they_are_the_dimensions_of_the_api()
    {
        var kinds = ExportTables.States.Columns.Select(c => c.Kind).ToList();
        var exports = new List<Rows>();
        foreach (var format in Formats) exports.Add(Normalised(await ExportAsync("states", format, "&asOf=2024-01-01"), kinds));
        for (var f = 1; f < exports.Count; f++) Assert.Equal(exports[0].Values, exports[f].Values);

        using var http = host.Client();
        var state = await (await http.GetAsync("/relationships/USA/NER?asOf=2024-01-01")).JsonAsync();
        var expected = state.GetProperty("dimensions").Items()
            .Select(d => (d.GetProperty("dimension").GetString(), d.GetProperty("side").GetString(), d.GetProperty("status").GetString())).ToList();
        var states = exports[0];
        var rows = states.Values.Where(v => v[0] == "NER-USA").Select(v => Row(states, v)).Select(r => (r["dimension"], r["side"], r["status"])).ToList();
        Assert.Equal(expected, rows);
        Assert.Contains(("security_cooperation", (string?)null, "resumption_announced"), rows);
        Assert.All(states.Column("clock_as_of"), d => Assert.Equal("2024-01-01", d));
    }

    [Fact]
    public async Task as_of_cuts_events_by_valid_time_and_filters_narrow_the_table()
    {
        var all = await ExportAsync("events", "jsonl");
        var newYear = await ExportAsync("events", "jsonl", "&asOf=2024-01-01");
        Assert.Contains("agreement_denounced", all.Column("type"));
        Assert.DoesNotContain("agreement_denounced", newYear.Column("type"));
        Assert.True(newYear.Values.Count < all.Values.Count);

        var french = await ExportAsync("events", "csv", "&actor=France&from=2023-08-01&type=WithdrawalCompleted");
        Assert.NotEmpty(french.Values);
        Assert.All(french.Column("pair"), p => Assert.Contains("FRA", p!.Split('-')));
        Assert.All(french.Column("type"), t => Assert.Equal("withdrawal_completed", t));
        Assert.All(french.Column("latest"), d => Assert.True(string.CompareOrdinal(d, "2023-08-01") >= 0, d));
    }

    [Fact]
    public async Task an_unknown_table_format_or_misfit_filter_is_a_problem_naming_it()
    {
        using var http = host.Client();
        Assert.Contains("events, states, changes", await (await http.GetAsync("/export/wars")).InvalidAsync("what"));
        Assert.Contains("csv, jsonl, parquet", await (await http.GetAsync("/export/events?format=xlsx")).InvalidAsync("format"));
        Assert.Contains("from/to", await (await http.GetAsync("/export/states?from=2024-01-01")).InvalidAsync("what"));
        Assert.Contains("yyyy-MM-dd", await (await http.GetAsync("/export/events?knownAt=yesterday")).InvalidAsync("knownAt"));
        await (await http.GetAsync("/export/events?actor=Atlantis")).ProblemAsync(HttpStatusCode.NotFound, "Unknown actor");
    }

    [Fact]
    public async Task an_empty_table_keeps_its_columns()
    {
        var none = await ExportAsync("events", "csv", "&asOf=1999-01-01");
        Assert.Empty(none.Values);
        Assert.Equal(ExportTables.Events.Columns.Select(c => c.Name), none.Columns);
        var changes = await ExportAsync("changes", "parquet", "&recordedAt=2000-01-01T00:00:00Z");
        Assert.Empty(changes.Values);
        Assert.Equal(Monitoring.Notifications.Feed.ChangeExport.Table.Columns.Select(c => c.Name), changes.Columns);
    }
}
