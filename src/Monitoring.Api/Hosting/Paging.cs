using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Monitoring.Api.Hosting;

/// <summary>One page of a list: its items and the link to the next page, null on the last.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>
/// Cursor paging, the one convention of every list: <c>limit</c> (1 to <see cref="MaxLimit"/>) and an opaque <c>cursor</c>
/// taken from the previous page's <c>next</c> link. The cursor is the last item's key, so a page never repeats or skips
/// an item whatever is added before it.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public static int Limit(HttpInput input, int? limit)
    {
        if (limit is < 1 or > MaxLimit) input.Error("limit", $"between 1 and {MaxLimit}");
        return limit is >= 1 and <= MaxLimit ? limit.Value : DefaultLimit;
    }

    /// <summary>The key the cursor carries, or null for the first page; a cursor that is not one of ours is an error.</summary>
    public static string? After(HttpInput input, string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        try
        {
            var key = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor));
            if (key.StartsWith("c1:", StringComparison.Ordinal)) return key[3..];
        }
        catch (FormatException)
        {
        }
        input.Error("cursor", $"'{cursor}' is not a cursor: take it from a page's next link");
        return null;
    }

    public static string Cursor(string key) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes("c1:" + key));

    /// <summary>
    /// The page after <paramref name="after"/> of items ordered by <paramref name="key"/> (ordinal), with the next link
    /// built from the request's own path and query.
    /// </summary>
    public static Page<T> Of<T>(HttpRequest request, IEnumerable<T> ordered, Func<T, string> key, string? after, int limit)
    {
        var rest = after is null ? ordered : ordered.Where(i => string.CompareOrdinal(key(i), after) > 0);
        var taken = rest.Take(limit + 1).ToList();
        var items = taken.Take(limit).ToList();
        return new Page<T>(items, taken.Count > limit ? NextLink(request, key(items[^1]), limit) : null);
    }

    public static string NextLink(HttpRequest request, string lastKey, int limit) => NextLink(request, limit, "cursor", Cursor(lastKey));

    /// <summary>
    /// The request's own path and query with <c>limit</c> and the position parameter replaced: <c>cursor</c> on most lists,
    /// <c>after</c> (a change id) on the change feed. Repeated parameters (actor=NER&amp;actor=USA) are kept.
    /// </summary>
    public static string NextLink(HttpRequest request, int limit, string position, string value)
    {
        var query = request.Query.Where(q => q.Key != "limit" && q.Key != position)
            .SelectMany(q => q.Value.Select(v => $"{q.Key}={Uri.EscapeDataString(v ?? "")}"))
            .Append($"limit={limit}").Append($"{position}={value}");
        return $"{request.PathBase}{request.Path}?{string.Join('&', query)}";
    }

    /// <summary>The store sequence a cursor carries, on the lists ordered newest recorded first (events, articles).</summary>
    public static long? BeforeSequence(HttpInput input, string? cursor)
    {
        if (After(input, cursor) is not { } key) return null;
        if (long.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence)) return sequence;
        input.Error("cursor", $"'{cursor}' is not a cursor of this list: take it from a page's next link");
        return null;
    }

    public static string SequenceCursorKey(long sequence) => sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
