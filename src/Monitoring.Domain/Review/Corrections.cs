using System.Security.Cryptography;
using System.Text;
using Monitoring.Domain.Relationships;

namespace Monitoring.Domain.Review;

/// <summary>What an analyst did to what extraction read.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(SnakeCaseEnumJson<CorrectionKind>))]
public enum CorrectionKind
{
    /// <summary>The event did not happen as reported (or the article does not say it): it stops counting.</summary>
    Retracted,
    /// <summary>The analyst read the sentence and agrees: no state changes, the event leaves the review queue.</summary>
    Confirmed,
    /// <summary>The event is replaced by what the analyst read (another date, type, actor or modality).</summary>
    Corrected,
    /// <summary>An event extraction missed, read by the analyst in an article's sentence.</summary>
    Asserted,
    /// <summary>An earlier correction no longer holds: the machine's reading (or the earlier state) is back.</summary>
    Undone,
}

/// <summary>
/// One analyst's correction as the history holds it, stamped with the store's sequence and recorded time like a report.
/// </summary>
/// <param name="Key">The event retracted, confirmed or corrected; for an assertion, the asserted event's own key; null for an undo.</param>
/// <param name="Original">What the event said when the analyst acted on it (for the audit's "corrected from"); null for an assertion or an undo.</param>
/// <param name="Replacement">The event that counts instead (correct) or in addition (assert), as a report of its article.</param>
/// <param name="Undoes">The correction an undo takes back.</param>
public sealed record Correction(
    Guid Id,
    CorrectionKind Kind,
    string Analyst,
    string Reason,
    long Sequence,
    DateTimeOffset RecordedAt,
    ReportedEventKey? Key,
    ExtractedEvent? Original = null,
    RecordedEvent? Replacement = null,
    Guid? Undoes = null);

/// <summary>
/// The analysts' corrections applied to a history (pure). Corrections are system events, like re-extractions: they follow
/// the recorded clock only. At an instant, the corrections in force are those recorded by then and not undone by then.
/// For each event key, the latest retraction or correction in force decides: every report with that key stops counting
/// (whatever its extractor version, so a re-extraction that reads the sentence again keeps the correction), and with it
/// the replacements of earlier corrections of that key; a correction's own replacement counts, and an assertion's,
/// unless a later correction of the asserted key decides otherwise. A replacement stands even when no report has its
/// key any more. Nothing is removed from the store: the fold is fed the corrected history.
/// </summary>
public static class Corrections
{
    /// <summary>The extractor version of every replacement starts with this, followed by the analyst's name: the page and audit mark it.</summary>
    public const string AnalystVersionPrefix = "analyst:";

    /// <summary>The rule id of a replacement: the correction that made it.</summary>
    public const string RulePrefix = "correction:";

    /// <summary>Whether a report is an analyst's (a correction's replacement or an assertion) rather than the extractor's.</summary>
    public static bool IsAnalysts(RecordedEvent r) => r.ExtractorVersion.StartsWith(AnalystVersionPrefix, StringComparison.Ordinal);

    /// <summary>Whether a report of a timeline entry is an analyst's.</summary>
    public static bool IsAnalysts(SourceReport r) => r.ExtractorVersion.StartsWith(AnalystVersionPrefix, StringComparison.Ordinal);

    /// <summary>The corrections in force at <paramref name="recordedAt"/> (null: now), in store order, undos themselves excluded.</summary>
    public static IReadOnlyList<Correction> InForce(IEnumerable<Correction> corrections, DateTimeOffset? recordedAt)
    {
        var recorded = corrections.Where(c => recordedAt is not { } t || c.RecordedAt <= t).DistinctBy(c => c.Id).ToList();
        // An undo cannot itself be undone (the service refuses it): a correction made again is a new correction.
        var undone = recorded.Where(c => c.Kind == CorrectionKind.Undone && c.Undoes is not null).Select(c => c.Undoes!.Value).ToHashSet();
        return recorded.Where(c => c.Kind != CorrectionKind.Undone && !undone.Contains(c.Id)).OrderBy(c => c.Sequence).ToList();
    }

    /// <summary>The history as corrected by the corrections in force at <paramref name="recordedAt"/> (null: now).</summary>
    public static IReadOnlyList<RecordedEvent> Apply(IEnumerable<RecordedEvent> history, IEnumerable<Correction> corrections, DateTimeOffset? recordedAt)
    {
        var inForce = InForce(corrections, recordedAt);
        if (inForce.Count == 0) return history as IReadOnlyList<RecordedEvent> ?? history.ToList();
        var deciding = Deciding(inForce);
        var corrected = history.Where(r => !deciding.ContainsKey(ReportedEventKey.Of(r))).ToList();
        foreach (var c in inForce)
            if (c.Replacement is { } replacement
                && (!deciding.TryGetValue(ReportedEventKey.Of(replacement), out var decidedBy) || decidedBy <= c.Sequence))
                corrected.Add(replacement);
        return corrected;
    }

    /// <summary>
    /// The reports of <paramref name="reports"/> that no correction in force at <paramref name="recordedAt"/> takes out (no
    /// replacement added): what a cache adds to a corrected history when new reports arrive and the corrections are unchanged.
    /// </summary>
    public static IEnumerable<RecordedEvent> Kept(IEnumerable<RecordedEvent> reports, IEnumerable<Correction> corrections, DateTimeOffset? recordedAt)
    {
        var deciding = Deciding(InForce(corrections, recordedAt));
        return deciding.Count == 0 ? reports : reports.Where(r => !deciding.ContainsKey(ReportedEventKey.Of(r)));
    }

    /// <summary>Whether a question at <paramref name="recordedAt"/> sees other corrections than a question now: some were recorded after it.</summary>
    public static bool ChangedSince(IEnumerable<Correction> corrections, DateTimeOffset? recordedAt) =>
        recordedAt is { } t && corrections.Any(c => c.RecordedAt > t);

    /// <summary>For each key retracted or corrected, the sequence of the latest retraction or correction of it.</summary>
    private static Dictionary<ReportedEventKey, long> Deciding(IEnumerable<Correction> inForce) =>
        inForce.Where(c => c.Kind is CorrectionKind.Retracted or CorrectionKind.Corrected && c.Key is not null)
            .GroupBy(c => c.Key!)
            .ToDictionary(g => g.Key, g => g.Max(c => c.Sequence));

    /// <summary>
    /// The corrections in force (retractions and corrections) whose event is no longer read by the extractor: no report of
    /// <paramref name="current"/> (the reports that count now) has their key. Their replacement still stands; the review
    /// queue flags them, since the sentence they were about may have changed meaning.
    /// </summary>
    public static IReadOnlyList<Correction> NoLongerExtracted(IEnumerable<Correction> inForce, IEnumerable<RecordedEvent> current)
    {
        var keys = current.Where(r => !IsAnalysts(r)).Select(ReportedEventKey.Of).ToHashSet();
        return inForce.Where(c => c.Kind is CorrectionKind.Retracted or CorrectionKind.Corrected or CorrectionKind.Confirmed && c.Key is { } k && !keys.Contains(k))
            .ToList();
    }

    /// <summary>
    /// The replacement report of a correction or an assertion: an event of its article (its <see cref="ArticleSource"/>),
    /// recorded when the correction was, with an id derived from the correction's, the analyst as extractor version and the
    /// correction as rule, so the audit names who read it.
    /// </summary>
    public static RecordedEvent Replacement(Guid correctionId, string analyst, long sequence, DateTimeOffset recordedAt, ArticleSource article, ExtractedEvent e) =>
        new(ReplacementId(correctionId), article.ArticleId, sequence, recordedAt, article,
            e with { RuleId = RulePrefix + correctionId.ToString("D"), RuleVersion = "analyst" }, AnalystVersionPrefix + analyst);

    /// <summary>The replacement's id: a hash of the correction's, so a rebuild names it the same way.</summary>
    public static Guid ReplacementId(Guid correctionId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"replacement/{correctionId:D}")).AsSpan(0, 16));

    /// <summary>The correction a replacement came from, read from its rule id; null for an extractor's report.</summary>
    public static Guid? CorrectionOf(string ruleId) =>
        ruleId.StartsWith(RulePrefix, StringComparison.Ordinal) && Guid.TryParse(ruleId[RulePrefix.Length..], out var id) ? id : null;

    /// <summary>
    /// The audit's line for a correction: "retracted by ANALYST on DATE: reason", "corrected from … to … by …",
    /// "asserted by …", "confirmed by …", "undone by …".
    /// </summary>
    public static string Describe(Correction c)
    {
        var by = $"by {c.Analyst} on {c.RecordedAt.UtcDateTime:yyyy-MM-dd}: {c.Reason}";
        return c.Kind switch
        {
            CorrectionKind.Retracted => $"retracted {by}",
            CorrectionKind.Confirmed => $"confirmed {by}",
            CorrectionKind.Corrected => $"corrected from {(c.Original is { } o ? Words(o) : c.Key?.ToString())} to {(c.Replacement is { } r ? Words(r.Event) : "?")} {by}",
            CorrectionKind.Asserted => $"asserted {(c.Replacement is { } a ? Words(a.Event) : "")} {by}",
            _ => $"undone {by}",
        };
    }

    /// <summary>An event in a few words: type, actors, date and modality.</summary>
    public static string Words(ExtractedEvent e) => $"{e.Type.Code()} {ReportedEventKey.ActorsOf(e)} on {e.Date} ({e.Modality.ToCode()})";
}
