namespace Monitoring.Store.Articles;

/// <summary>
/// An article as a stream aggregate: what was known of it at a point in recorded time. Built live with
/// Marten's time travel (<c>AggregateStreamAsync&lt;ArticleSummary&gt;(key, timestamp: t)</c>), never stored.
/// </summary>
public sealed class ArticleSummary
{
    public string Id { get; set; } = "";
    public string? Title { get; set; }
    public string? Publisher { get; set; }
    public string? Url { get; set; }
    public DateOnly Published { get; set; }
    public string ExtractorVersion { get; set; } = "";
    public int Events { get; set; }
    public int Reextractions { get; set; }

    public void Apply(ArticleIngested e)
    {
        Id = e.ArticleId;
        Title = e.Title;
        Publisher = e.Publisher;
        Url = e.Url;
        Published = e.Published;
        ExtractorVersion = e.ExtractorVersion;
    }

    public void Apply(EventReported e)
    {
        if (e.ExtractorVersion == ExtractorVersion) Events++;
    }

    public void Apply(ArticleReextracted e)
    {
        ExtractorVersion = e.NewVersion;
        Events = 0;
        Reextractions++;
    }
}
