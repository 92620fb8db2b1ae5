using Monitoring.Extraction.Reading;

namespace Monitoring.Feeds.Inputs;

/// <summary>
/// One article read from a file of many, or the reason it could not be read. <see cref="Position"/> says where in the
/// file ("line 3", "row 4", "item 2"), null for a file that is one article.
/// </summary>
public sealed record InputRecord(string Origin, string? Position, Article? Article, string? Problem)
{
    public string Where => Position is null ? Origin : $"{Origin}, {Position}";

    public static InputRecord Read(string origin, string? position, Article article) => new(origin, position, article, null);

    public static InputRecord Rejected(string origin, string? position, string problem) => new(origin, position, null, problem);
}

/// <summary>A whole file that cannot be read as articles (missing, no "text" column...): one line naming the problem.</summary>
public sealed class InputException(string message) : Exception(message);
