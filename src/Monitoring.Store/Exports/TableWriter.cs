using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Parquet;
using Parquet.Schema;

namespace Monitoring.Store.Exports;

/// <summary>
/// Writes an export table row by row to a stream in one format. Values are written by their column's kind, the same
/// way in every format: dates as yyyy-MM-dd, recorded times as UTC ISO 8601, an absent value as empty (CSV) or null.
/// </summary>
public abstract class TableWriter<TRow> : IAsyncDisposable
{
    protected TableWriter(ExportTable<TRow> table) => Table = table;

    protected ExportTable<TRow> Table { get; }

    public long Rows { get; private set; }

    public static TableWriter<TRow> Create(ExportFormat format, ExportTable<TRow> table, Stream output) => format switch
    {
        ExportFormat.Csv => new CsvTableWriter<TRow>(table, output),
        ExportFormat.Jsonl => new JsonLinesTableWriter<TRow>(table, output),
        _ => new ParquetTableWriter<TRow>(table, output),
    };

    public async ValueTask WriteAsync(TRow row, CancellationToken ct)
    {
        await WriteRowAsync(row, ct);
        Rows++;
    }

    protected abstract ValueTask WriteRowAsync(TRow row, CancellationToken ct);

    /// <summary>Writes what is buffered and the format's trailer (Parquet's footer); the stream stays open.</summary>
    public abstract ValueTask CompleteAsync(CancellationToken ct);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    internal static string Text(ColumnKind kind, object value) => kind switch
    {
        ColumnKind.Date => ((DateOnly)value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ColumnKind.Timestamp => ((DateTimeOffset)value).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        ColumnKind.Number => ((double)value).ToString("R", CultureInfo.InvariantCulture),
        ColumnKind.Integer => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        ColumnKind.Boolean => (bool)value ? "true" : "false",
        _ => (string)value,
    };
}

/// <summary>
/// Text formats write each row into a buffer and hand it on asynchronously in chunks: an HTTP response refuses the
/// synchronous writes a CSV or JSON writer makes when its own buffer fills.
/// </summary>
internal abstract class ChunkedTableWriter<TRow>(ExportTable<TRow> table, Stream output) : TableWriter<TRow>(table)
{
    private const int ChunkBytes = 1 << 16;
    protected MemoryStream Chunk { get; } = new();

    protected async ValueTask HandOnAsync(bool force, CancellationToken ct)
    {
        await FlushIntoChunkAsync(ct);
        if (!force && Chunk.Length < ChunkBytes) return;
        Chunk.Position = 0;
        await Chunk.CopyToAsync(output, ct);
        Chunk.SetLength(0);
        if (force) await output.FlushAsync(ct);
    }

    /// <summary>Moves what the format's writer buffers into <see cref="Chunk"/>.</summary>
    protected abstract ValueTask FlushIntoChunkAsync(CancellationToken ct);
}

/// <summary>
/// RFC 4180 CSV with a header row, UTF-8 without a byte-order mark, through CsvHelper. Text that a spreadsheet would run
/// as a formula (starting with = + - @) is escaped with a leading apostrophe: quotes come from news articles.
/// </summary>
internal sealed class CsvTableWriter<TRow> : ChunkedTableWriter<TRow>
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };
    private readonly CsvWriter _csv;
    private bool _headerWritten;

    public CsvTableWriter(ExportTable<TRow> table, Stream output) : base(table, output) =>
        _csv = CsvWriter.Create(Chunk, Options, leaveOpen: true);

    protected override async ValueTask WriteRowAsync(TRow row, CancellationToken ct)
    {
        await WriteHeaderOnceAsync(ct);
        foreach (var column in Table.Columns)
            _csv.WriteField(column.Value(row) is { } v ? Text(column.Kind, v) : "");
        await _csv.EndRecordAsync(ct);
        if (Rows % 256 == 255) await HandOnAsync(force: false, ct);
    }

    private async ValueTask WriteHeaderOnceAsync(CancellationToken ct)
    {
        if (_headerWritten) return;
        await _csv.WriteRecordAsync(Table.Columns.Select(c => c.Name).ToArray(), ct);
        _headerWritten = true;
    }

    protected override async ValueTask FlushIntoChunkAsync(CancellationToken ct) => await _csv.FlushAsync(ct);

    public override async ValueTask CompleteAsync(CancellationToken ct)
    {
        await WriteHeaderOnceAsync(ct); // an empty export is still a table with its columns
        await HandOnAsync(force: true, ct);
    }

    public override async ValueTask DisposeAsync()
    {
        await _csv.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>One JSON object per line, keys in column order, nulls written (every line has every key).</summary>
internal sealed class JsonLinesTableWriter<TRow> : ChunkedTableWriter<TRow>
{
    private readonly Utf8JsonWriter _json;

    public JsonLinesTableWriter(ExportTable<TRow> table, Stream output) : base(table, output) =>
        _json = new Utf8JsonWriter(Chunk, new JsonWriterOptions { SkipValidation = true });

    protected override async ValueTask WriteRowAsync(TRow row, CancellationToken ct)
    {
        _json.WriteStartObject();
        foreach (var column in Table.Columns)
        {
            _json.WritePropertyName(column.Name);
            switch (column.Value(row))
            {
                case null: _json.WriteNullValue(); break;
                case var v when column.Kind == ColumnKind.Number: _json.WriteNumberValue((double)v); break;
                case var v when column.Kind == ColumnKind.Integer: _json.WriteNumberValue(Convert.ToInt64(v, CultureInfo.InvariantCulture)); break;
                case var v when column.Kind == ColumnKind.Boolean: _json.WriteBooleanValue((bool)v); break;
                case var v: _json.WriteStringValue(Text(column.Kind, v)); break;
            }
        }
        _json.WriteEndObject();
        await HandOnAsync(force: false, ct);
    }

    protected override ValueTask FlushIntoChunkAsync(CancellationToken ct)
    {
        if (_json.BytesPending == 0) return ValueTask.CompletedTask;
        _json.Flush(); // into the chunk, a memory stream
        _json.Reset();
        Chunk.WriteByte((byte)'\n');
        return ValueTask.CompletedTask;
    }

    public override async ValueTask CompleteAsync(CancellationToken ct) => await HandOnAsync(force: true, ct);

    public override async ValueTask DisposeAsync()
    {
        await _json.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>
/// Parquet through Parquet.Net, in row groups of <see cref="RowGroupRows"/>. Parquet's footer holds offsets, so a
/// stream that cannot seek (an HTTP response) gets the file through a temporary file deleted on close.
/// </summary>
internal sealed class ParquetTableWriter<TRow> : TableWriter<TRow>
{
    public const int RowGroupRows = 50_000;
    private readonly Stream _output;
    private readonly Stream _file;
    private readonly ParquetSchema _schema;
    private readonly List<TRow> _buffer = [];
    private ParquetWriter? _writer;

    public ParquetTableWriter(ExportTable<TRow> table, Stream output) : base(table)
    {
        _output = output;
        _file = output.CanSeek ? output
            : new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        _schema = new ParquetSchema(table.Columns.Select(Field));
    }

    private static DataField Field(ExportColumn<TRow> column) => column.Kind switch
    {
        ColumnKind.Date => new DataField<DateOnly?>(column.Name),
        ColumnKind.Timestamp => new DataField<DateTime?>(column.Name),
        ColumnKind.Integer => new DataField<long?>(column.Name),
        ColumnKind.Number => new DataField<double?>(column.Name),
        ColumnKind.Boolean => new DataField<bool?>(column.Name),
        _ => new DataField<string>(column.Name, true),
    };

    protected override async ValueTask WriteRowAsync(TRow row, CancellationToken ct)
    {
        _buffer.Add(row);
        if (_buffer.Count >= RowGroupRows) await FlushGroupAsync(ct);
    }

    private async Task<ParquetWriter> WriterAsync(CancellationToken ct) =>
        _writer ??= await ParquetWriter.CreateAsync(_schema, _file, cancellationToken: ct);

    private async Task FlushGroupAsync(CancellationToken ct)
    {
        var writer = await WriterAsync(ct);
        using var group = writer.CreateRowGroup();
        var fields = _schema.DataFields;
        for (var c = 0; c < Table.Columns.Count; c++)
        {
            var column = Table.Columns[c];
            var values = _buffer.Select(column.Value).ToArray();
            switch (column.Kind)
            {
                case ColumnKind.Date:
                    await group.WriteAsync<DateOnly>(fields[c], values.Select(v => (DateOnly?)v).ToArray(), cancellationToken: ct); break;
                case ColumnKind.Timestamp:
                    await group.WriteAsync<DateTime>(fields[c], values.Select(v => v is DateTimeOffset t ? t.UtcDateTime : (DateTime?)null).ToArray(), cancellationToken: ct); break;
                case ColumnKind.Integer:
                    await group.WriteAsync<long>(fields[c], values.Select(v => v is null ? (long?)null : Convert.ToInt64(v, CultureInfo.InvariantCulture)).ToArray(), cancellationToken: ct); break;
                case ColumnKind.Number:
                    await group.WriteAsync<double>(fields[c], values.Select(v => (double?)v).ToArray(), cancellationToken: ct); break;
                case ColumnKind.Boolean:
                    await group.WriteAsync<bool>(fields[c], values.Select(v => (bool?)v).ToArray(), cancellationToken: ct); break;
                default:
                    await group.WriteAsync(fields[c], values.Select(v => (string?)v).ToArray()!); break;
            }
        }
        _buffer.Clear();
    }

    public override async ValueTask CompleteAsync(CancellationToken ct)
    {
        if (_buffer.Count > 0 || _writer is null) await FlushGroupAsync(ct);
        await _writer!.DisposeAsync(); // writes the footer
        _writer = null;
        if (!ReferenceEquals(_file, _output))
        {
            _file.Position = 0;
            await _file.CopyToAsync(_output, ct);
        }
        await _output.FlushAsync(ct);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_writer is not null) await _writer.DisposeAsync();
        if (!ReferenceEquals(_file, _output)) await _file.DisposeAsync();
        await base.DisposeAsync();
    }
}
