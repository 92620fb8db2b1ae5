using Monitoring.Domain.Relationships;

namespace Monitoring.Domain.Review;

/// <summary>Why an event is in the review queue.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(SnakeCaseEnumJson<ReviewReason>))]
public enum ReviewReason
{
    /// <summary>The event decides a dimension's current status and no other source reports it.</summary>
    SingleSource,
    /// <summary>The extractor's confidence in the report is at most <see cref="ReviewQueue.LowConfidence"/>.</summary>
    LowConfidence,
    /// <summary>The event is one reading of a contested dimension.</summary>
    Contested,
    /// <summary>The event has no stated day: a month, a year, or only bounds.</summary>
    ApproximateDate,
    /// <summary>An analyst corrected (or retracted, or confirmed) this event and the extractor no longer reads it.</summary>
    NoLongerExtracted,
    /// <summary>An actor was read from context (a context phrase, a counterpart, an earlier sentence), not named where the event is.</summary>
    InferredActor,
}

/// <summary>One event waiting for an analyst: the report, where it sits, why it is queued and how much rests on it.</summary>
/// <param name="Weight">How much of the pair's current state rests on the report (see <see cref="ReviewQueue.Of"/>).</param>
/// <param name="Correction">For <see cref="ReviewReason.NoLongerExtracted"/>: the correction whose event is gone.</param>
public sealed record ReviewItem(
    string Key,
    Guid EventId,
    string Pair,
    string EntryId,
    WorldEventType Type,
    string Actors,
    EventDate Date,
    Modality Modality,
    double Confidence,
    string ArticleId,
    string? Publisher,
    string? Url,
    DateOnly Published,
    int? Sentence,
    string? Quote,
    IReadOnlyList<string> Dimensions,
    IReadOnlyList<ReviewReason> Reasons,
    double Weight,
    Guid? Correction = null);

public static class ReviewQueue
{
    /// <summary>A report at or below this confidence is queued (the rules' usual confidence is 0.7 to 0.8; penalties bring it lower).</summary>
    public const double LowConfidence = 0.6;

    /// <summary>
    /// The queue over the current states of some relationships. Ranking rule: each report weighs the share of the pair's
    /// current dimension states that rests on it: for every dimension whose status its entry establishes (or whose contested
    /// readings name it), 1 / (the dimension's establishing entries) × 1 / (the entry's sources), summed. So a state
    /// decided by a single source on one event weighs 1 and ranks above a low-confidence event corroborated by three
    /// sources (1/3), which ranks above an event no current state rests on (0). Ties: more reasons first, then the lower
    /// confidence, then the key. Corrections whose event is no longer extracted come first whatever their weight: the
    /// analyst's reading stands on a sentence the extractor now reads otherwise. Reports already confirmed, and the
    /// analysts' own reports, are not queued.
    /// </summary>
    public static IReadOnlyList<ReviewItem> Of(IEnumerable<RelationshipState> states, IReadOnlyCollection<Correction> inForce,
        IReadOnlyCollection<Correction> noLongerExtracted)
    {
        var confirmed = inForce.Where(c => c.Kind == CorrectionKind.Confirmed && c.Key is not null).Select(c => c.Key!).ToHashSet();
        var items = new Dictionary<string, ReviewItem>();
        foreach (var state in states)
        {
            var weights = new Dictionary<string, (double Weight, List<string> Dimensions)>();
            var contested = new HashSet<string>();
            var establishing = new HashSet<string>();
            foreach (var d in state.Dimensions)
            {
                var ids = d.EntryIds.Concat(d.Readings.SelectMany(r => r.EntryIds)).Distinct().ToList();
                if (d.IsContested) contested.UnionWith(ids);
                foreach (var id in ids)
                {
                    if (state.Entry(id) is not { } entry) continue;
                    establishing.Add(id);
                    var share = 1.0 / ids.Count / Math.Max(1, entry.SourceCount);
                    var (w, dims) = weights.TryGetValue(id, out var x) ? x : (0, []);
                    dims.Add(d.Key);
                    weights[id] = (w + share, dims);
                }
            }
            foreach (var entry in state.Entries)
            foreach (var report in entry.Reports)
            {
                if (Corrections.IsAnalysts(report)) continue;
                var key = ReportedEventKey.Of(entry, report);
                if (confirmed.Contains(key)) continue;
                var reasons = new List<ReviewReason>();
                if (establishing.Contains(entry.Id) && entry.SourceCount == 1) reasons.Add(ReviewReason.SingleSource);
                if (report.Confidence <= LowConfidence + 1e-9) reasons.Add(ReviewReason.LowConfidence);
                if (contested.Contains(entry.Id)) reasons.Add(ReviewReason.Contested);
                if (report.Date.Precision != DatePrecision.Day) reasons.Add(ReviewReason.ApproximateDate);
                if (report.ActorsInferred) reasons.Add(ReviewReason.InferredActor);
                if (reasons.Count == 0) continue;
                var (weight, dimensions) = weights.TryGetValue(entry.Id, out var found) ? found : (0, []);
                var item = ItemOf(key, report, state.Pair, entry, dimensions, reasons, weight);
                // A report filed under several pairs (the parties of an agreement) is queued once, where most rests on it.
                if (!items.TryGetValue(item.Key, out var held) || held.Weight < item.Weight) items[item.Key] = item;
            }
        }
        var flagged = noLongerExtracted.Select(c => new ReviewItem(c.Key!.ToString(), c.Replacement?.EventId ?? Guid.Empty, "", "", c.Key.Type, c.Key.Actors,
            c.Replacement?.Event.Date ?? c.Original?.Date ?? EventDate.Unknown(), c.Original?.Modality ?? Modality.Asserted, c.Original?.Confidence ?? 0,
            c.Key.ArticleId, c.Replacement?.Article.Publisher, c.Replacement?.Article.Url, c.Replacement?.Article.Published ?? default, c.Key.Sentence,
            c.Original?.Evidence.FirstOrDefault()?.Quote, [], [ReviewReason.NoLongerExtracted], 0, c.Id));
        return flagged
            .Concat(items.Values
                .OrderByDescending(i => i.Weight)
                .ThenByDescending(i => i.Reasons.Count)
                .ThenBy(i => i.Confidence)
                .ThenBy(i => i.Key, StringComparer.Ordinal))
            .ToList();
    }

    private static ReviewItem ItemOf(ReportedEventKey key, SourceReport r, ActorPair pair, TimelineEntry entry, List<string> dimensions,
        List<ReviewReason> reasons, double weight) =>
        new(key.ToString(), r.EventId, pair.Id, entry.Id, entry.Type, key.Actors, r.Date, r.Modality, r.Confidence, r.ArticleId, r.Publisher, r.Url,
            r.Published, r.Evidence.FirstOrDefault()?.SentenceIndex, r.Evidence.FirstOrDefault()?.Quote, dimensions, reasons, Math.Round(weight, 4));
}
