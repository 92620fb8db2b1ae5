using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitoring.Api.Hosting;
using Monitoring.Corpus;
using Monitoring.Domain;
using Monitoring.Domain.Relationships;
using Monitoring.Extraction;
using Monitoring.Extraction.Reading;
using Monitoring.Extraction.Text;
using Monitoring.Store;
using Monitoring.Store.Articles;
using Monitoring.Store.Articles.Ingesting;
using Monitoring.Store.Relationships;
using Npgsql;
using NpgsqlTypes;
using Wolverine;

namespace Monitoring.Benchmarks.Running;

/// <summary>
/// One benchmark run on one database schema (dropped and re-created: never the user's data): extraction against a
/// read-and-split baseline, ingestion end to end against a COPY of the same event rows, queries on one relationship
/// at two store sizes, a projection rebuild, and the ingesting process's memory.
/// </summary>
public sealed class BenchmarkRunner(BenchOptions options, TextWriter progress)
{
    private const string ExtractionNote = "read + Extractor.Extract";

    public async Task<BenchResult> RunAsync(CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        var total = Stopwatch.StartNew();
        var generator = new CorpusGenerator(options.Seed);
        var pairs = new[] { ActorPair.Of(generator.HotPair.A, generator.HotPair.B), ActorPair.Of(generator.WarmPair.A, generator.WarmPair.B) };

        var extraction = MeasureExtraction(generator);

        await ResetSchemaAsync(ct);
        using var host = await StartHostAsync(ct);
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        var (ingestion, memory, firstSeq, _) = await IngestBatchedAsync(store, generator, ct);
        var appendOnly = await AppendPreparedAsync(store, ct);
        var copy = await CopyBaselineAsync(store, firstSeq, await MaxSequenceAsync(store, ct), appendOnly[0], ct);
        var production = await IngestProductionPathAsync(host.Services.GetRequiredService<IMessageBus>(), ct);
        ingestion = ingestion with { ProductionPath = production };

        var appends = new List<AppendFigures>(appendOnly);
        var queries = new List<QueryFigures>();
        var hotEvents = await PairEventsAsync(store, pairs[0], ct);
        if (hotEvents < options.HotPairMinEvents)
            appends.Add(await PadAsync(store, "hot", options.HotPairMinEvents - hotEvents, _ => pairs[0], ct, bulk: true));
        queries.AddRange(await MeasureQueriesAsync(store, pairs, started, ct));

        var storeEvents = await StoreEventsAsync(store, ct);
        if (storeEvents < options.StoreTarget)
        {
            var excluded = pairs.SelectMany(p => new[] { p.A, p.B }).ToHashSet();
            var others = Gazetteer().Where(c => !excluded.Contains(c)).ToArray();
            var k = others.Length;
            appends.Add(await PadAsync(store, "other", options.StoreTarget - storeEvents,
                i => ActorPair.Of(others[i % k], others[(i % k + 1 + i / k % (k - 1)) % k]), ct, bulk: true));
        }
        queries.AddRange(await MeasureQueriesAsync(store, pairs, started, ct));

        var rebuild = await RebuildAsync(store, ct);
        memory = memory with { ProcessPeakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1e6 };
        appends.AddRange(await CompareAppendModesAsync(ct));
        var notifications = await new NotificationProbe(options.ConnectionString, options.Schema + "_notify", options.NotificationSamples, progress).MeasureAsync(ct);

        return new BenchResult(started, total.Elapsed.TotalSeconds, $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}",
            options.Articles, options.Seed, extraction, ingestion, copy, appends, queries, rebuild, memory, notifications);
    }

    /// <summary>
    /// The query phase alone, on the store an earlier <c>run</c> left in the schema (nothing dropped, nothing written): the
    /// same questions on the same two pairs, with recorded-clock cuts drawn over the window in which the store was written
    /// (every such cut is mid-import, the hardest kind), and the peak working set of a process that only answers.
    /// Minutes instead of the hour a 1M-article run takes to get there, so a change to the index can be measured at scale.
    /// </summary>
    public async Task<QueriesResult> QueriesAsync(CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        var total = Stopwatch.StartNew();
        var generator = new CorpusGenerator(options.Seed);
        var pairs = new[] { ActorPair.Of(generator.HotPair.A, generator.HotPair.B), ActorPair.Of(generator.WarmPair.A, generator.WarmPair.B) };
        var window = await WrittenWindowAsync(ct);
        using var host = await StartHostAsync(ct);
        var store = host.Services.GetRequiredService<IDocumentStore>();
        using var memory = new PeakSampler();
        var queries = await MeasureQueriesAsync(store, pairs, window.First, ct, window.Last);
        var peak = memory.Peak / 1e6;
        return new QueriesResult(started, total.Elapsed.TotalSeconds, $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}",
            options.Schema, options.Seed, window.First, window.Last, queries, peak, Process.GetCurrentProcess().PeakWorkingSet64 / 1e6);
    }

    /// <summary>When the schema's events were first and last written; an error naming the schema when it holds none.</summary>
    private async Task<(DateTimeOffset First, DateTimeOffset Last)> WrittenWindowAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select to_regclass(@table) is not null", connection);
        exists.Parameters.AddWithValue("table", $"{options.Schema}.mt_events");
        if (!(bool)(await exists.ExecuteScalarAsync(ct))!)
            throw new InvalidOperationException($"schema '{options.Schema}' holds no Monitor store: run `bench/bench run --schema {options.Schema}` first");
        await using var command = new NpgsqlCommand($"select min(timestamp), max(timestamp) from {options.Schema}.mt_events", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        if (reader.IsDBNull(0)) throw new InvalidOperationException($"schema '{options.Schema}' holds no events: run `bench/bench run --schema {options.Schema}` first");
        return (reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1));
    }

    private static IReadOnlyList<string> Gazetteer() =>
        Monitoring.Extraction.Actors.Gazetteer.Default.Entities.Where(e => e.IsState).Select(e => e.Code).ToList();

    // ---- extraction -------------------------------------------------------------------------------------

    private ExtractionFigures MeasureExtraction(CorpusGenerator generator)
    {
        var sample = generator.Generate(Math.Min(options.Articles, options.ExtractionSample)).ToList();
        var megabytes = sample.Sum(a => (long)Encoding.UTF8.GetByteCount(a.Text)) / 1e6;
        progress.WriteLine($"extraction: {sample.Count:N0} articles, {megabytes:N1} MB");

        static void Baseline(GeneratedArticle a) => SentenceSplitter.Split(ArticleReader.Read(a.Text, ArticleFormat.Text, a.Metadata).OriginalText);
        static ExtractionResult Extract(GeneratedArticle a) => Extractor.Extract(ArticleReader.Read(a.Text, ArticleFormat.Text, a.Metadata));

        // Warm-up: one whole untimed pass of each, so that the JIT's tiers (tier-1 with profile-guided optimisation comes
        // after some thousands of calls, compiled in the background) and the regexes settle before anything is timed;
        // then the best of three passes: steady-state throughput, as a long-running ingestion sees it.
        foreach (var a in sample) { Baseline(a); Extract(a); }
        var results = new ExtractionResult[sample.Count];
        var baselineOne = Best(() => { foreach (var a in sample) Baseline(a); });
        var extractOne = Best(() => { for (var i = 0; i < sample.Count; i++) results[i] = Extract(sample[i]); });
        var baselineAll = Best(() => Parallel.ForEach(sample, Baseline));
        var extractAll = Best(() => Parallel.ForEach(sample, a => Extract(a)));

        var (gold, extracted, matched, matchedExtracted, mustNot, violations) = (0, 0, 0, 0, 0, 0);
        for (var i = 0; i < sample.Count; i++)
        {
            var score = GoldMatching.Score(sample[i], results[i].Events);
            gold += sample[i].Events.Count;
            extracted += results[i].Events.Count;
            matched += score.Matched;
            matchedExtracted += score.MatchedExtracted;
            mustNot += sample[i].MustNot.Count;
            violations += score.Violations;
        }
        progress.WriteLine($"extraction: one core {megabytes / extractOne:N2} MB/s (baseline {megabytes / baselineOne:N2} MB/s), all cores {megabytes / extractAll:N2} MB/s; " +
                           $"{extracted:N0} events extracted, {matched:N0}/{gold:N0} gold matched");
        return new ExtractionFigures(sample.Count, megabytes,
            megabytes / baselineOne, megabytes / extractOne, sample.Count / extractOne,
            megabytes / baselineAll, megabytes / extractAll, sample.Count / extractAll, Environment.ProcessorCount,
            extractOne / baselineOne, new QualityFigures(gold, extracted, matched, matchedExtracted, mustNot, violations));
    }

    private static double Best(Action action) => Math.Min(Time(action), Math.Min(Time(action), Time(action)));

    private static double Time(Action action)
    {
        var sw = Stopwatch.StartNew();
        action();
        return Math.Max(sw.Elapsed.TotalSeconds, 1e-6);
    }

    // ---- ingestion --------------------------------------------------------------------------------------

    private async Task<(IngestionFigures, MemoryFigures, long FirstSeq, long LastSeq)> IngestBatchedAsync(IDocumentStore store, CorpusGenerator generator, CancellationToken ct)
    {
        var firstSeq = await MaxSequenceAsync(store, ct);
        var n = options.Articles;
        var tenth = Math.Max(1, n / 10);
        // The product's archive load (what `monitor ingest` does with a folder): extraction on all cores but one,
        // pipelined with bulk imports of the previous batch.
        var timing = new ImportTiming();
        var import = new ArchiveImport(store, options.BatchSize, timing: timing);
        var articles = generator.Generate(n).Select(a => new IngestArticle(a.Id, Encoding.UTF8.GetBytes(a.Text), ArticleFormat.Text, a.Metadata));

        using var memory = new PeakSampler();
        var (done, accepted, duplicates, rejected, events) = (0, 0, 0, 0, 0L);
        var (peakAtTenth, doneAtTenth) = (0L, 0);
        var wall = Stopwatch.StartNew();
        var lastReport = Stopwatch.StartNew();
        var spent = await import.RunAsync(articles, outcomes =>
        {
            foreach (var o in outcomes)
            {
                if (o.Status == IngestStatus.Accepted) { accepted++; events += 1 + o.Events; }
                else if (o.Status == IngestStatus.Duplicate) duplicates++;
                else rejected++;
            }
            done += outcomes.Count;
            if (doneAtTenth == 0 && done >= tenth) (peakAtTenth, doneAtTenth) = (memory.Peak, done);
            if (lastReport.Elapsed.TotalSeconds >= 5 || done == n)
            {
                progress.WriteLine($"ingest: {done:N0}/{n:N0} articles, {events:N0} events, {done / wall.Elapsed.TotalSeconds:N0} articles/s, working set {Environment.WorkingSet / 1e6:N0} MB");
                lastReport.Restart();
            }
            return ValueTask.CompletedTask;
        }, ct);
        var seconds = spent.WallSeconds;
        var figures = new IngestionFigures($"archive import ({options.BatchSize} articles per bulk import, extraction pipelined on {spent.ExtractorThreads} of {Environment.ProcessorCount} cores)", n, accepted, duplicates, rejected, events,
            seconds, n / seconds, events / seconds, spent.ImportSeconds, events / Math.Max(spent.ImportSeconds, 1e-6), null)
        {
            PrepareSeconds = spent.PrepareSeconds,
            AppenderWaitSeconds = spent.ImporterWaitSeconds,
            EventCopySeconds = timing.EventSeconds,
            HistoryCopySeconds = timing.HistorySeconds,
            HistoryDocuments = timing.HistoryDocuments,
        };
        var mem = new MemoryFigures(doneAtTenth, peakAtTenth / 1e6, done, memory.Peak / 1e6, 0);
        return (figures, mem, firstSeq, await MaxSequenceAsync(store, ct));
    }

    /// <summary>
    /// Marten's append rate alone: articles read and extracted beforehand (untimed), then imported in batches with no
    /// extraction competing for the cores. The event COPY (Marten's bulk append) is the figure compared with COPY; the
    /// history documents' COPY and the transactional path (Rich + inline projection) are measured beside it.
    /// </summary>
    private async Task<IReadOnlyList<AppendFigures>> AppendPreparedAsync(IDocumentStore store, CancellationToken ct)
    {
        var count = Math.Max(20, Math.Min(10_000, options.Articles / 10));
        List<PreparedArticle> Prepare(int seed) => new CorpusGenerator(seed).Generate(count).AsParallel().AsOrdered()
            .Select(a => PreparedArticle.Prepare(new IngestArticle(a.Id, Encoding.UTF8.GetBytes(a.Text), ArticleFormat.Text, a.Metadata), DateOnly.FromDateTime(DateTime.UtcNow)).Article)
            .OfType<PreparedArticle>().ToList();

        var prepared = Prepare(options.Seed + 1);
        var timing = new ImportTiming();
        var sw = Stopwatch.StartNew();
        foreach (var batch in prepared.Chunk(options.BatchSize)) await IngestBatch.ImportAsync(store, batch, ct, timing);
        var bulkSeconds = sw.Elapsed.TotalSeconds;
        progress.WriteLine($"append only (bulk): {prepared.Count:N0} articles, {timing.Events:N0} events: events {timing.Events / timing.EventSeconds:N0}/s, with history {timing.Events / bulkSeconds:N0}/s");

        var transactional = Prepare(options.Seed + 2);
        var events = 0L;
        sw.Restart();
        foreach (var batch in transactional.Chunk(options.BatchSize))
            foreach (var o in await IngestBatch.AppendAsync(store, batch, ct))
                if (o.Status == IngestStatus.Accepted) events += 1 + o.Events;
        var seconds = sw.Elapsed.TotalSeconds;
        progress.WriteLine($"append only (transactional): {transactional.Count:N0} articles, {events:N0} events, {events / seconds:N0} events/s");
        return
        [
            new($"Marten bulk append of the events (BulkInsertEventsAsync, COPY; {options.BatchSize} articles per import, extraction done beforehand; {prepared.Count:N0} articles)",
                timing.Events, timing.EventSeconds, timing.Events / timing.EventSeconds),
            new($"bulk import whole: events + {timing.HistoryDocuments:N0} history documents (COPY) + bookkeeping, same {prepared.Count:N0} articles",
                timing.Events, bulkSeconds, timing.Events / bulkSeconds),
            new($"transactional append (IngestBatch.AppendAsync: {options.BatchSize} articles per transaction, Rich + inline projection; {transactional.Count:N0} other articles)",
                events, seconds, events / seconds),
        ];
    }

    /// <summary>The production path: Wolverine's handler, one article per transaction, a few concurrent callers.</summary>
    private async Task<IngestionFigures> IngestProductionPathAsync(IMessageBus bus, CancellationToken ct)
    {
        var articles = new CorpusGenerator(options.Seed + 7919).Generate(options.ProductionSample).ToList();
        var outcomes = new IngestOutcome[articles.Count];
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.ProductionWriters).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < articles.Count)
            {
                var a = articles[i];
                outcomes[i] = await bus.InvokeAsync<IngestOutcome>(new IngestArticle(a.Id, Encoding.UTF8.GetBytes(a.Text), ArticleFormat.Text, a.Metadata), ct);
            }
        }, ct)));
        var seconds = wall.Elapsed.TotalSeconds;
        var accepted = outcomes.Count(o => o.Status == IngestStatus.Accepted);
        var events = outcomes.Where(o => o.Status == IngestStatus.Accepted).Sum(o => 1L + o.Events);
        progress.WriteLine($"production path: {articles.Count:N0} articles in {seconds:N1} s");
        return new IngestionFigures($"Wolverine handler (one article per transaction, {options.ProductionWriters} concurrent callers)", articles.Count, accepted,
            outcomes.Count(o => o.Status == IngestStatus.Duplicate), outcomes.Count(o => o.Status == IngestStatus.Rejected), events,
            seconds, articles.Count / seconds, events / seconds, seconds, events / seconds, null);
    }

    // ---- COPY baseline ----------------------------------------------------------------------------------

    /// <summary>
    /// The same event rows (same JSON payloads, read back from mt_events) written with Npgsql's binary COPY into a
    /// plain table of the same database: the practical write limit of the machine. Only the COPY is timed.
    /// </summary>
    private async Task<CopyFigures> CopyBaselineAsync(IDocumentStore store, long firstSeq, long lastSeq, AppendFigures marten, CancellationToken ct)
    {
        var schema = options.Schema;
        await using var source = new NpgsqlConnection(options.ConnectionString);
        await using var target = new NpgsqlConnection(options.ConnectionString);
        await source.OpenAsync(ct);
        await target.OpenAsync(ct);
        await Execute(target, $"""
            drop table if exists {schema}.bench_copy_events;
            create table {schema}.bench_copy_events (seq_id bigint primary key, id uuid not null, stream_id varchar not null, version bigint not null,
              data jsonb not null, type varchar not null, "timestamp" timestamptz not null, tenant_id varchar, mt_dotnet_type varchar);
            """, ct);
        var (rows, bytes) = (0L, 0L);
        var copy = new Stopwatch();
        var last = firstSeq;
        while (true)
        {
            var chunk = new List<(long Seq, Guid Id, string Stream, long Version, string Data, string Type, DateTimeOffset At, string? Tenant, string? DotNet)>(20_000);
            await using (var read = new NpgsqlCommand($"""
                select seq_id, id, stream_id, version, data::text, type, "timestamp", tenant_id, mt_dotnet_type from {schema}.mt_events
                where seq_id > @last and seq_id <= @max order by seq_id limit 20000
                """, source))
            {
                read.Parameters.AddWithValue("last", last);
                read.Parameters.AddWithValue("max", lastSeq);
                await using var r = await read.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct))
                    chunk.Add((r.GetInt64(0), r.GetGuid(1), r.GetString(2), r.GetInt64(3), r.GetString(4), r.GetString(5), r.GetFieldValue<DateTimeOffset>(6),
                        r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8)));
            }
            if (chunk.Count == 0) break;
            last = chunk[^1].Seq;
            copy.Start();
            await using (var importer = await target.BeginBinaryImportAsync(
                             $"copy {schema}.bench_copy_events (seq_id, id, stream_id, version, data, type, \"timestamp\", tenant_id, mt_dotnet_type) from stdin (format binary)", ct))
            {
                foreach (var e in chunk)
                {
                    await importer.StartRowAsync(ct);
                    await importer.WriteAsync(e.Seq, NpgsqlDbType.Bigint, ct);
                    await importer.WriteAsync(e.Id, NpgsqlDbType.Uuid, ct);
                    await importer.WriteAsync(e.Stream, NpgsqlDbType.Varchar, ct);
                    await importer.WriteAsync(e.Version, NpgsqlDbType.Bigint, ct);
                    await importer.WriteAsync(e.Data, NpgsqlDbType.Jsonb, ct);
                    await importer.WriteAsync(e.Type, NpgsqlDbType.Varchar, ct);
                    await importer.WriteAsync(e.At, NpgsqlDbType.TimestampTz, ct);
                    if (e.Tenant is null) await importer.WriteNullAsync(ct); else await importer.WriteAsync(e.Tenant, NpgsqlDbType.Varchar, ct);
                    if (e.DotNet is null) await importer.WriteNullAsync(ct); else await importer.WriteAsync(e.DotNet, NpgsqlDbType.Varchar, ct);
                    bytes += e.Data.Length;
                }
                await importer.CompleteAsync(ct);
            }
            copy.Stop();
            rows += chunk.Count;
            progress.WriteLine($"copy baseline: {rows:N0} rows");
        }
        var seconds = Math.Max(copy.Elapsed.TotalSeconds, 1e-6);
        var rate = rows / seconds;
        return new CopyFigures(rows, bytes / 1e6, seconds, rate, rate > 0 ? 100 * marten.EventsPerSec / rate : 0);
    }

    // ---- store padding ----------------------------------------------------------------------------------

    /// <summary>
    /// Reports appended directly (no article text, no extraction) in streams of ten, 1,000 events per commit: by the
    /// bulk import (COPY of events and history), or by a transactional session (whatever the store is configured for).
    /// </summary>
    private async Task<AppendFigures> PadAsync(IDocumentStore store, string kind, long count, Func<int, ActorPair> pairOf, CancellationToken ct, bool bulk = false)
    {
        var rng = new Prng((ulong)options.Seed * 31 + (ulong)kind.Length);
        var types = Enum.GetValues<WorldEventType>().Where(t => Vocabulary.ShapeOf(t) == ActorShape.Directed).ToArray();
        const int perStream = 10, streamsPerCommit = 100;
        var span = CorpusGenerator.LastDay.DayNumber - CorpusGenerator.FirstDay.DayNumber;
        var (written, stream) = (0L, 0);
        var sw = Stopwatch.StartNew();
        var lastReport = Stopwatch.StartNew();
        while (written < count)
        {
            var streams = new List<(string Key, IReadOnlyList<object> Events)>(streamsPerCommit);
            for (var s = 0; s < streamsPerCommit && written < count; s++, stream++)
            {
                var key = $"article-pad-{kind}-{options.Seed}-{stream:D8}";
                var published = DateOnly.FromDayNumber(CorpusGenerator.FirstDay.DayNumber + rng.Below(span + 1));
                var source = new ArticleSource(key, "Bench padding", null, published, null, key);
                var n = (int)Math.Min(perStream, count - written);
                var reports = new object[n];
                for (var i = 0; i < n; i++)
                {
                    var pair = pairOf(stream * perStream + i);
                    var (a, b) = rng.Chance(0.5) ? (pair.A, pair.B) : (pair.B, pair.A);
                    var date = published.AddDays(-rng.Below(60));
                    var e = new ExtractedEvent(rng.Pick(types), a, b, [], null, null, EventDate.Day(date), Modality.Asserted, 0.8, "bench-pad", "1",
                        [new Evidence(i, 0, 10, "Bench pad.")]);
                    reports[i] = new EventReported(ArticleStream.ReportId(key, "bench", i), source, e, "bench");
                }
                streams.Add((key, reports));
                written += n;
            }
            if (bulk)
            {
                if (!await IngestBatch.BulkAppendAsync(store, streams, ct)) throw new InvalidOperationException("padding streams already stored");
            }
            else
            {
                await using var session = store.LightweightSession();
                foreach (var (key, events) in streams) session.Events.StartStream(key, events.ToArray());
                await session.SaveChangesAsync(ct);
            }
            if (lastReport.Elapsed.TotalSeconds >= 5 || written >= count)
            {
                progress.WriteLine($"pad ({kind}): {written:N0}/{count:N0} events, {written / sw.Elapsed.TotalSeconds:N0} events/s");
                lastReport.Restart();
            }
        }
        var seconds = sw.Elapsed.TotalSeconds;
        return new AppendFigures($"direct EventReported appends ({kind} pairs), {perStream * streamsPerCommit} events per commit, {(bulk ? "bulk import (COPY events + COPY history)" : "transactional session")}",
            written, seconds, written / seconds);
    }

    /// <summary>
    /// What the append modes cost: the same direct reports appended to fresh stores — the bulk import (COPY events +
    /// COPY history), the transactional path (Rich + inline projection), Rich without projection, Quick without projection.
    /// </summary>
    private async Task<IReadOnlyList<AppendFigures>> CompareAppendModesAsync(CancellationToken ct)
    {
        var count = Math.Min(50_000, Math.Max(150, options.StoreTarget / 20));
        var figures = new List<AppendFigures>();
        foreach (var (suffix, label, configure) in new (string, string, Action<StoreOptions, string>)[]
                 {
                     ("cmp_bulk", "bulk import: COPY events + COPY history documents", (o, schema) => MonitorStore.Configure(o, options.ConnectionString, schema, TimeProvider.System)),
                     ("cmp_prod", "transactional: Rich + inline projection", (o, schema) => MonitorStore.Configure(o, options.ConnectionString, schema, TimeProvider.System)),
                     ("cmp_rich", "Rich, no projection", (o, schema) => RawEvents(o, schema, JasperFx.Events.EventAppendMode.Rich)),
                     ("cmp_quick", "Quick, no projection", (o, schema) => RawEvents(o, schema, JasperFx.Events.EventAppendMode.Quick)),
                 })
        {
            var schema = $"{options.Schema}_{suffix}";
            await DropSchemasAsync(ct, schema);
            using var compared = DocumentStore.For(o => configure(o, schema));
            await compared.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            var pair = ActorPair.Of("USA", "NER");
            var f = await PadAsync(compared, "cmp", count, _ => pair, ct, bulk: suffix == "cmp_bulk");
            figures.Add(f with { What = $"append mode comparison, {label} (same {count:N0} reports, 1,000 per commit)" });
            await DropSchemasAsync(ct, schema);
        }
        return figures;
    }

    private void RawEvents(StoreOptions o, string schema, JasperFx.Events.EventAppendMode mode)
    {
        o.Connection(options.ConnectionString);
        o.DatabaseSchemaName = schema;
        o.AutoCreateSchemaObjects = JasperFx.AutoCreate.CreateOrUpdate;
        o.UseSystemTextJsonForSerialization(Weasel.Core.EnumStorage.AsString, Weasel.Core.Casing.CamelCase);
        o.Events.StreamIdentity = JasperFx.Events.StreamIdentity.AsString;
        o.Events.AppendMode = mode;
        o.Events.AddEventType<EventReported>();
    }

    // ---- queries ----------------------------------------------------------------------------------------

    private async Task<IReadOnlyList<QueryFigures>> MeasureQueriesAsync(IDocumentStore store, IReadOnlyList<ActorPair> pairs, DateTimeOffset since, CancellationToken ct,
        DateTimeOffset? writtenUntil = null)
    {
        var storeEvents = await StoreEventsAsync(store, ct);
        // Steady state, as autovacuum leaves it: statistics current and the visibility map set, so that the history
        // cache's check is the index-only scan it is in a store that is not being bulk-loaded this very minute.
        await using (var connection = new NpgsqlConnection(options.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await Execute(connection, $"vacuum (analyze) {options.Schema}.mt_doc_history_report", ct);
        }
        var until = writtenUntil ?? DateTimeOffset.UtcNow;
        var rng = new Prng((ulong)options.Seed + 99);
        var span = CorpusGenerator.LastDay.DayNumber - CorpusGenerator.FirstDay.DayNumber;
        DateOnly AsOf() => DateOnly.FromDayNumber(CorpusGenerator.FirstDay.DayNumber + rng.Below(span + 1));
        DateTimeOffset RecordedAt() => since + (until - since) * rng.Unit();

        var figures = new List<QueryFigures>();
        foreach (var pair in pairs)
        {
            var pairEvents = await PairEventsAsync(store, pair, ct);
            async Task Measure(string name, Func<IQuerySession, Task> query, int repetitions, Action? before = null)
            {
                var times = new double[repetitions];
                for (var i = -3; i < times.Length; i++)
                {
                    // A pure answer is not cancellable: stop between questions when told (SIGTERM, Ctrl+C).
                    ct.ThrowIfCancellationRequested();
                    before?.Invoke();
                    var sw = Stopwatch.StartNew();
                    await using (var session = store.QuerySession()) await query(session);
                    if (i >= 0) times[i] = sw.Elapsed.TotalMilliseconds;
                }
                Array.Sort(times);
                figures.Add(new QueryFigures(name, pair.Id, pairEvents, storeEvents, times.Length, Percentile(times, 0.5), Percentile(times, 0.99)));
                progress.WriteLine($"query {name} {pair.Id} ({pairEvents:N0} pair events, {storeEvents:N0} in store): median {Percentile(times, 0.5):N1} ms, p99 {Percentile(times, 0.99):N1} ms");
            }
            var reps = options.QueryRepetitions;
            var cache = new HistoryCache(new HistoryCacheOptions());
            var answers = new RelationshipAnswers(cache);
            // Every question after the first on a pair in a process: the history cache checks the pair's rows, then the index answers.
            await Measure("StateOf (asOf + recordedAt)", s => answers.StateAsync(s, pair, new Clocks(AsOf(), RecordedAt: RecordedAt()), ct), reps);
            await Measure("timeline (recordedAt)", s => answers.TimelineAsync(s, pair, new Clocks(RecordedAt: RecordedAt()), ct), reps);
            // The audit view is the state with its sources, serialized whole, as `monitor audit --json` answers it.
            await Measure("audit (recordedAt, serialized)", async s =>
                JsonSerializer.Serialize(await answers.StateAsync(s, pair, new Clocks(RecordedAt: RecordedAt()), ct)), reps);
            // Where StateOf's time goes: the cache's check against the pair's rows (SQL), and the answer from the index (pure).
            await Measure("  of which: check the cached history against the pair's change counter (SQL)", s => cache.IndexAsync(s, pair, ct), reps);
            // Same-run baseline: the check before the counter, which read every index entry of the pair (its report rows only: a lower bound).
            var reportTable = MartenTables.DocumentTable<HistoryReport>(store);
            await Measure("  baseline: count, id hashes and latest change of every report row of the pair (the check before the counter)", s =>
                s.QueryAsync<long>($"select count(*) + coalesce(sum(hashtext(id)), 0) + coalesce(extract(epoch from max({MartenTables.LastModified})), 0)::bigint " +
                                   $"from {reportTable} where history_id = ANY(?)", ct, [new[] { pair.Id, pair.A, pair.B }]), reps);
            await using (var session = store.QuerySession())
            {
                var index = await cache.IndexAsync(session, pair, ct);
                await Measure("  of which: answer from the index (HistoryIndex.StateOf, pure)", _ => Task.FromResult(index.StateOf(new Clocks(AsOf(), RecordedAt: RecordedAt()))), reps);
            }
            // The first question on a pair in a process (or after the cache dropped it): the whole history loaded and indexed.
            await Measure("StateOf, first question in a process (load + index)", s => answers.StateAsync(s, pair, new Clocks(AsOf(), RecordedAt: RecordedAt()), ct),
                Math.Max(3, reps / 10), () => cache.Clear(store));
        }
        return figures;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    // ---- rebuild ----------------------------------------------------------------------------------------

    /// <summary>
    /// The parallel rebuild first, then the same on one worker, then the daemon's (the baseline) on the same store: whatever
    /// the first one leaves warm in PostgreSQL's cache helps the others, not the figure being measured. Both through <see cref="HistoryRebuild"/>, so
    /// both include the folding of the change counter.
    /// </summary>
    private async Task<RebuildFigures> RebuildAsync(IDocumentStore store, CancellationToken ct)
    {
        var storeEvents = await StoreEventsAsync(store, ct);
        var projected = await ScalarAsync($"select count(*) from {options.Schema}.mt_events where type in ('event_reported', 'article_reextracted', 'correction_recorded')", ct);
        var before = await ScalarAsync($"select count(*) from {options.Schema}.mt_doc_history_report", ct);
        progress.WriteLine($"rebuild: {storeEvents:N0} events in store, {projected:N0} projected, {before:N0} documents");
        var rebuild = new HistoryRebuild(store);
        var workers = Environment.ProcessorCount;
        var parallel = await rebuild.RunAsync(new RebuildSettings(Workers: workers), null, null, ct);
        progress.WriteLine($"rebuild, parallel ({workers} workers): {parallel.Seconds:N1} s, {parallel.EventsPerSecond:N0} events/s, {parallel.Documents:N0} documents");
        var one = await rebuild.RunAsync(new RebuildSettings(Workers: 1), null, null, ct);
        progress.WriteLine($"rebuild, parallel code on 1 worker: {one.Seconds:N1} s, {one.EventsPerSecond:N0} events/s");
        var daemon = await rebuild.RunAsync(new RebuildSettings(Parallel: false), null, null, ct);
        progress.WriteLine($"rebuild, daemon: {daemon.Seconds:N1} s, {daemon.EventsPerSecond:N0} events/s, {daemon.Documents:N0} documents");
        return new RebuildFigures(storeEvents, projected, daemon.Seconds, storeEvents / daemon.Seconds, before, daemon.Documents,
            workers, parallel.Seconds, storeEvents / parallel.Seconds, parallel.Documents, one.Seconds, storeEvents / one.Seconds);
    }

    // ---- plumbing ---------------------------------------------------------------------------------------

    private Task<long> StoreEventsAsync(IDocumentStore store, CancellationToken ct) => ScalarAsync($"select count(*) from {options.Schema}.mt_events", ct);

    private Task<long> MaxSequenceAsync(IDocumentStore store, CancellationToken ct) => ScalarAsync($"select coalesce(max(seq_id), 0) from {options.Schema}.mt_events", ct);

    private static async Task<long> PairEventsAsync(IDocumentStore store, ActorPair pair, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.Query<HistoryReport>().CountAsync(r => r.HistoryId == pair.Id, ct);
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    private Task ResetSchemaAsync(CancellationToken ct)
    {
        if (options.Schema is "public" || options.Schema == MonitorStore.DefaultSchema)
            throw new InvalidOperationException($"refusing to drop schema '{options.Schema}': the benchmark uses its own schema");
        return DropSchemasAsync(ct, options.Schema);
    }

    private async Task DropSchemasAsync(CancellationToken ct, string schema)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync(ct);
        await Execute(connection, $"drop schema if exists {schema} cascade; drop schema if exists {schema}_messages cascade;", ct);
    }

    private async Task<IHost> StartHostAsync(CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.AddMonitor(new MonitorSettings(options.ConnectionString, options.Schema));
        var host = builder.Build();
        await host.StartAsync(ct);
        return host;
    }

    /// <summary>Samples the process's working set every 20 ms: the peak of the ingesting process.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly Timer _timer;
        private long _peak;

        public PeakSampler() => _timer = new Timer(_ => Sample(), null, 0, 20);

        public long Peak
        {
            get
            {
                Sample();
                return Interlocked.Read(ref _peak);
            }
        }

        private void Sample()
        {
            var ws = Environment.WorkingSet;
            long seen;
            while (ws > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, ws, seen) != seen) { }
        }

        public void Dispose() => _timer.Dispose();
    }
}
