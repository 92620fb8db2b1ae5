using System.Text;
using System.Text.Json;
using Monitoring.Extraction.Evaluation;
using Monitoring.Extraction.Reading;
using Monitoring.Feeds.Inputs;

namespace Monitoring.Feeds.DropFolders;

public enum DropDisposition { Done, Rejected }

/// <summary>
/// What became of one dropped file: moved to done/ (every article in it accepted or already stored), or to rejected/
/// with a .reason.txt beside it naming each problem. The good articles of a rejected file are ingested all the same;
/// dropping the corrected file again adds only what was missing (the rest are duplicates).
/// </summary>
public sealed record DropOutcome(string File, DropDisposition Disposition, int Accepted, int Duplicates, IReadOnlyList<string> Problems);

/// <summary>
/// A folder that articles are dropped into (`feeds add folder:PATH`). Each scan takes the settled files
/// (<see cref="DropFolderPlan"/>), hands their articles to the sink, and moves them out of the way so that each is
/// ingested once. A manifest.json in the folder gives metadata for files it lists and stays where it is. If the sink
/// fails (the database is down), the file stays and the next scan takes it again: the sink's idempotency on the text
/// keeps what it had already stored from being stored twice.
/// </summary>
public sealed class DropFolder(string path, TimeProvider time)
{
    public const string DoneFolder = "done";
    public const string RejectedFolder = "rejected";

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public TimeSpan Settle { get; init; } = DropFolderPlan.Settle;

    public async Task<IReadOnlyList<DropOutcome>> ScanAsync(IArticleSink sink, CancellationToken ct)
    {
        if (!Directory.Exists(Path)) throw new InputException($"the drop folder {Path} does not exist");
        var listing = new DirectoryInfo(Path).EnumerateFiles()
            .Select(f => new DroppedFile(f.Name, new DateTimeOffset(f.LastWriteTimeUtc, TimeSpan.Zero)))
            .ToList();
        var items = DropFolderPlan.Decide(listing, time.GetUtcNow(), Settle);
        if (items.Count == 0) return [];

        var (manifest, manifestProblem) = LoadManifest();
        var outcomes = new List<DropOutcome>();
        foreach (var item in items)
        {
            ct.ThrowIfCancellationRequested();
            var outcome = await TakeAsync(item, manifest, manifestProblem, sink, ct);
            Move(item, outcome);
            outcomes.Add(outcome);
        }
        return outcomes;
    }

    private async Task<DropOutcome> TakeAsync(DropItem item, IReadOnlyDictionary<string, ArticleMetadata>? manifest, string? manifestProblem,
        IArticleSink sink, CancellationToken ct)
    {
        if (item.Problem is not null) return new DropOutcome(item.File, DropDisposition.Rejected, 0, 0, [item.Problem]);
        ArticleMetadata? metadata;
        try
        {
            metadata = item.Sidecar is not null ? Sidecar(System.IO.Path.Combine(Path, item.Sidecar)) : manifest?.GetValueOrDefault(item.File);
        }
        catch (InputException e)
        {
            return new DropOutcome(item.File, DropDisposition.Rejected, 0, 0, [e.Message]);
        }
        int accepted = 0, duplicates = 0;
        var problems = new List<string>();
        if (metadata is null && manifestProblem is not null && item.Sidecar is null) problems.Add(manifestProblem);
        try
        {
            foreach (var record in ArticleInputs.Read(System.IO.Path.Combine(Path, item.File), metadata, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)))
            {
                var where = record.Position is null ? "" : $"{record.Position}: ";
                if (record.Article is null)
                {
                    problems.Add(where + record.Problem);
                    continue;
                }
                var result = await sink.IngestAsync(record.Article, ct);
                switch (result.Status)
                {
                    case IngestStatus.Accepted: accepted++; break;
                    case IngestStatus.Duplicate: duplicates++; break;
                    default: problems.Add(where + (result.Reason ?? "rejected")); break;
                }
            }
        }
        catch (InputException e)
        {
            problems.Add(e.Message);
        }
        // The manifest's problem only matters when the file could not be read without it.
        if (problems.Count == 1 && problems[0] == manifestProblem) problems.Clear();
        return new DropOutcome(item.File, problems.Count == 0 ? DropDisposition.Done : DropDisposition.Rejected, accepted, duplicates, problems);
    }

    private void Move(DropItem item, DropOutcome outcome)
    {
        var target = System.IO.Path.Combine(Path, outcome.Disposition == DropDisposition.Done ? DoneFolder : RejectedFolder);
        Directory.CreateDirectory(target);
        var moved = item.Files.Select(f => MoveOne(System.IO.Path.Combine(Path, f), target)).ToList();
        if (outcome.Disposition == DropDisposition.Rejected)
        {
            var reason = new StringBuilder();
            if (outcome.Accepted + outcome.Duplicates > 0)
                reason.AppendLine($"{outcome.Accepted + outcome.Duplicates} article(s) of this file were ingested ({outcome.Accepted} new); these were not:");
            foreach (var p in outcome.Problems) reason.AppendLine(p);
            File.WriteAllText(moved[0] + DropFolderPlan.ReasonSuffix, reason.ToString());
        }
    }

    /// <summary>Moves a file into <paramref name="folder"/>, never over an earlier file of the same name ("x (2).txt").</summary>
    private static string MoveOne(string file, string folder)
    {
        var name = System.IO.Path.GetFileNameWithoutExtension(file);
        var ext = System.IO.Path.GetExtension(file);
        var dest = System.IO.Path.Combine(folder, name + ext);
        for (var n = 2; File.Exists(dest) || File.Exists(dest + DropFolderPlan.ReasonSuffix); n++)
            dest = System.IO.Path.Combine(folder, $"{name} ({n}){ext}");
        File.Move(file, dest);
        return dest;
    }

    private (IReadOnlyDictionary<string, ArticleMetadata>?, string?) LoadManifest()
    {
        var file = System.IO.Path.Combine(Path, DropFolderPlan.Manifest);
        if (!File.Exists(file)) return (null, null);
        try
        {
            return (ManifestFile.Parse(File.ReadAllText(file)), null);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            return (null, $"manifest.json is malformed ({e.Message.Split('\n')[0]}), so its metadata was not used");
        }
    }

    /// <summary>x.json beside x.txt: {title, publisher, url, published}, as in a manifest entry.</summary>
    private static ArticleMetadata Sidecar(string file)
    {
        var name = System.IO.Path.GetFileName(file);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new InputException($"{name}: the metadata must be a JSON object");
            string? Str(string key) => doc.RootElement.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var publishedRaw = Str("published");
            var published = DateLine.ParseLoose(publishedRaw);
            if (publishedRaw is not null && published is null) throw new InputException($"{name}: \"published\" is not a date: {publishedRaw}");
            return new ArticleMetadata(Str("title"), Str("publisher"), Str("url"), published);
        }
        catch (JsonException e)
        {
            throw new InputException($"{name}: malformed metadata JSON: {e.Message.Split('\n')[0]}");
        }
    }
}
