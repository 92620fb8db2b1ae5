using Monitoring.Extraction.Reading;
using Sylvan.Data.Csv;

namespace Monitoring.Feeds.Inputs;

/// <summary>
/// CSV with a header row, one article a row: a "text" column (or "body", "content") and optionally "published",
/// "publisher", "url", "title" (common aliases accepted, any case). Rows are numbered as a spreadsheet shows them
/// (the header is row 1).
/// </summary>
public static class CsvArticles
{
    private static readonly string[] TextNames = ["text", "body", "content"];
    private static readonly string[] PublishedNames = ["published", "date", "published_at", "publishedAt"];
    private static readonly string[] PublisherNames = ["publisher", "source", "site"];
    private static readonly string[] UrlNames = ["url", "link"];
    private static readonly string[] TitleNames = ["title", "headline"];

    public static IEnumerable<InputRecord> Read(TextReader reader, string origin, ArticleMetadata? defaults = null, DateOnly? receivedOn = null)
    {
        CsvDataReader csv;
        try
        {
            // A field may hold a whole article: let the buffer grow to the reader's limit instead of failing at 64K.
            csv = CsvDataReader.Create(reader, new CsvDataReaderOptions
            {
                HeaderComparer = StringComparer.OrdinalIgnoreCase,
                MaxBufferSize = ArticleReader.MaxBytes + 64 * 1024,
            });
        }
        catch (CsvFormatException e)
        {
            throw new InputException($"{origin}: malformed CSV header: {e.Message}");
        }
        using (csv)
        {
            var columns = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToArray();
            int Column(string[] names) => Array.FindIndex(columns, c => names.Contains(c.Trim(), StringComparer.OrdinalIgnoreCase));
            var text = Column(TextNames);
            if (text < 0)
                throw new InputException(columns.Length == 0
                    ? $"{origin}: the CSV file is empty (a header row with a \"text\" column is needed)"
                    : $"{origin}: the CSV has no \"text\" column (its columns: {string.Join(", ", columns)})");
            var published = Column(PublishedNames);
            var publisher = Column(PublisherNames);
            var url = Column(UrlNames);
            var title = Column(TitleNames);

            while (true)
            {
                bool more;
                string? malformed = null;
                try { more = csv.Read(); }
                catch (CsvFormatException e) { more = false; malformed = e.Message; }
                if (malformed is not null)
                {
                    // Past a broken quote nothing after it can be trusted to be where it seems: stop there.
                    yield return InputRecord.Rejected(origin, $"row {csv.RowNumber + 1}", $"malformed CSV: {malformed}");
                    yield break;
                }
                if (!more) yield break;
                yield return ReadRow(csv, origin, defaults, text, published, publisher, url, title, receivedOn);
            }
        }
    }

    private static InputRecord ReadRow(CsvDataReader csv, string origin, ArticleMetadata? defaults, int text, int published, int publisher, int url, int title,
        DateOnly? receivedOn)
    {
        var position = $"row {csv.RowNumber + 1}"; // Sylvan counts data rows; a spreadsheet counts the header as row 1
        string? Field(int i) => i >= 0 && i < csv.RowFieldCount && csv.GetString(i) is { Length: > 0 } s && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;
        var publishedRaw = Field(published);
        var date = DateLine.ParseLoose(publishedRaw);
        if (publishedRaw is not null && date is null)
            return InputRecord.Rejected(origin, position, $"\"published\" is not a date: {publishedRaw}");
        var metadata = new ArticleMetadata(
            defaults?.Title ?? Field(title), defaults?.Publisher ?? Field(publisher), defaults?.Url ?? Field(url), defaults?.Published ?? date);
        try
        {
            return InputRecord.Read(origin, position, ArticleReader.Read(text < csv.RowFieldCount ? csv.GetString(text) : "", ArticleFormat.Text, metadata, receivedOn));
        }
        catch (ArticleRejectedException e)
        {
            return InputRecord.Rejected(origin, position, e.Message);
        }
    }
}
