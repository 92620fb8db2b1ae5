
namespace Monitoring.Store.Articles.Ingesting;

/// <summary>Where a bulk import's time goes: Marten's event COPY, and the COPY of the history documents.</summary>
public sealed class ImportTiming
{
    public long Events { get; private set; }
    public double EventSeconds { get; private set; }
    public long HistoryDocuments { get; private set; }
    public double HistorySeconds { get; private set; }

    internal void Add(long events, double eventSeconds, long documents, double historySeconds)
    {
        Events += events;
        EventSeconds += eventSeconds;
        HistoryDocuments += documents;
        HistorySeconds += historySeconds;
    }
}
