using System.Diagnostics;
using System.Threading.Channels;
using Marten;

namespace Monitoring.Store.Articles.Ingesting;

/// <summary>
/// Loading an archive: articles are read and extracted in parallel, a batch at a time, while the previous batch is
/// imported (<see cref="IngestBatch.ImportAsync"/>). It streams: at most a few batches are held in memory, whatever
/// the archive's size. Outcomes come back in input order, one call of <c>onBatch</c> per batch.
/// </summary>
/// <param name="extractors">Threads reading and extracting; by default all cores but one, which is left to PostgreSQL and the importer.</param>
public sealed class ArchiveImport(IDocumentStore store, int batchSize = 500, int? extractors = null, ImportTiming? timing = null)
{
    /// <summary>Where the time went: extraction (overlapping the imports), importing, and the importer waiting for extraction.</summary>
    public sealed record Timing(double WallSeconds, double PrepareSeconds, double ImportSeconds, double ImporterWaitSeconds, int ExtractorThreads);

    public async Task<Timing> RunAsync(IEnumerable<IngestArticle> articles, Func<IReadOnlyList<IngestOutcome>, ValueTask> onBatch, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var threads = extractors ?? Math.Max(1, Environment.ProcessorCount - 1);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = ct };
        var batches = Channel.CreateBounded<(PreparedArticle? Article, IngestOutcome? Rejected)[]>(2);
        var preparing = new Stopwatch();
        var wall = Stopwatch.StartNew();
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var chunk in articles.Chunk(batchSize))
                {
                    preparing.Start();
                    var prepared = new (PreparedArticle?, IngestOutcome?)[chunk.Length];
                    var today = PreparedArticle.Today(store);
                    Parallel.For(0, chunk.Length, parallel, i => prepared[i] = PreparedArticle.Prepare(chunk[i], today));
                    preparing.Stop();
                    await batches.Writer.WriteAsync(prepared, ct);
                }
                batches.Writer.Complete();
            }
            catch (Exception e)
            {
                batches.Writer.Complete(e);
            }
        }, ct);

        var importing = new Stopwatch();
        var waiting = Stopwatch.StartNew();
        await foreach (var batch in batches.Reader.ReadAllAsync(ct))
        {
            waiting.Stop();
            importing.Start();
            var imported = await IngestBatch.ImportAsync(store, batch.Select(b => b.Article).OfType<PreparedArticle>().ToList(), ct, timing);
            importing.Stop();
            // Back in input order: the rejected where they were, the imported in their order.
            var outcomes = new List<IngestOutcome>(batch.Length);
            var next = 0;
            foreach (var (article, rejected) in batch) outcomes.Add(article is null ? rejected! : imported[next++]);
            await onBatch(outcomes);
            waiting.Start();
        }
        waiting.Stop();
        await producer;
        return new Timing(wall.Elapsed.TotalSeconds, preparing.Elapsed.TotalSeconds, importing.Elapsed.TotalSeconds, waiting.Elapsed.TotalSeconds, threads);
    }
}
