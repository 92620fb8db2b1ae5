using Marten;

namespace Monitoring.Store.Articles.Ingesting;

/// <summary>
/// A bulk import under way, recorded before its events are written and deleted once their history documents are:
/// while it exists, its article streams may be stored without their relationship history. The importer's own record:
/// one left behind by a crash is completed by the next import (<see cref="IngestBatch.RecoverAsync(IDocumentStore, bool, CancellationToken)"/>);
/// change detection needs none of it (it completes the history of the events it reads through the projection).
/// </summary>
public sealed class PendingImport
{
    public Guid Id { get; set; }
    public string[] Keys { get; set; } = [];
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>An import batch takes seconds; one this old was abandoned (its process died) and is completed by whoever finds it.</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(2);
}
