using Monitoring.Extraction.Reading;

namespace Monitoring.Feeds.Inputs;

/// <summary>
/// JSON Lines (what `bench generate` writes): one JSON article a line, {text, published, publisher, url, title}, read by
/// <see cref="ArticleReader"/> as JSON. Blank lines are skipped; a bad line is rejected with its line number and the
/// others still read.
/// </summary>
public static class JsonLines
{
    public static IEnumerable<InputRecord> Read(TextReader reader, string origin, ArticleMetadata? defaults = null, DateOnly? receivedOn = null)
    {
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var position = $"line {number}";
            InputRecord record;
            try
            {
                record = InputRecord.Read(origin, position, ArticleReader.Read(line, ArticleFormat.Json, defaults, receivedOn));
            }
            catch (ArticleRejectedException e)
            {
                record = InputRecord.Rejected(origin, position, e.Message);
            }
            yield return record;
        }
    }
}
