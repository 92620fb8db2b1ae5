using JasperFx;
using JasperFx.Events;
using Marten;
using Monitoring.Store.Articles;
using Monitoring.Store.Articles.Ingesting;
using Monitoring.Store.Relationships;
using Monitoring.Store.Review;
using Weasel.Core;

namespace Monitoring.Store;

/// <summary>The Marten configuration every host of Monitor shares (service, CLI, tests, benchmarks).</summary>
public static class MonitorStore
{
    public const string DefaultSchema = "monitor";

    /// <param name="clock">The host's clock (TimeProvider.System where the host registers it): events are stamped with it.</param>
    public static void Configure(StoreOptions opts, string connectionString, string schema, TimeProvider clock)
    {
        opts.Connection(connectionString);
        opts.DatabaseSchemaName = schema;
        opts.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);

        // Article streams are keyed by content hash: the key is what makes ingestion idempotent.
        opts.Events.StreamIdentity = StreamIdentity.AsString;
        // Rich: the inline relationship projection stamps every report with its global sequence.
        opts.Events.AppendMode = EventAppendMode.Rich;
        opts.Events.TimeProvider = new PostgresClock(clock);
        // Every transactional append sends a NOTIFY that wakes the async daemon at once: change detection (and so a
        // webhook) follows a commit in milliseconds instead of waiting for the daemon's next poll. Polling stays as
        // the fallback (bulk imports send no NOTIFY).
        opts.Events.UseListenNotifyForEventAppends = true;
        opts.Events.AddEventType<ArticleIngested>();
        opts.Events.AddEventType<EventReported>();
        opts.Events.AddEventType<ArticleReextracted>();
        opts.Events.AddEventType<CorrectionRecorded>();

        opts.Projections.Add<RelationshipHistoryProjection>(JasperFx.Events.Projections.ProjectionLifecycle.Inline);
        // The projection only inserts (one document per report): a rebuild writes its batches with COPY.
        opts.Projections.RebuildWithBulkCopy = true;
        // A real, indexed column: every relationship question filters on it.
        // The index also carries what the history cache checks on every question (how many rows, which ids, the latest
        // modification), so that check is an index-only scan of the pair's entries, not a read of its documents.
        opts.Schema.For<HistoryReport>().DocumentAlias("history_report")
            .Duplicate(r => r.HistoryId, configure: index => index.IncludeColumns = ["id", "mt_last_modified"]);
        opts.Schema.For<HistorySupersession>().DocumentAlias("history_supersession").Duplicate(s => s.HistoryId);
        opts.Schema.For<HistoryCorrection>().DocumentAlias("history_correction").Duplicate(c => c.HistoryId);
        opts.Schema.For<PendingImport>().DocumentAlias("pending_import");
    }
}
