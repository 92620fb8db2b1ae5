using System.Security.Cryptography;
using System.Text;
using FsCheck.Xunit;
using Monitoring.Extraction.Reading;

namespace Monitoring.Extraction.Tests;

/// <summary>The content hash normalises whitespace without splitting the text into pieces: it must hash what splitting and joining gave.</summary>
public sealed class NormaliseTests
{
    private static readonly char[] Alphabet = ['a', 'B', ' ', ' ', '\t', '\n', '\r', '\u00A0', '\u2003', '\u2028', '\u0085', '.', 'é', '\f', '\v'];

    private static string Expected(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))));

    [Property(MaxTest = 500)]
    public bool hash_normalises_whitespace_as_split_and_join(int[] picks)
    {
        var text = new string((picks ?? []).Select(p => Alphabet[Math.Abs(p % Alphabet.Length)]).ToArray());
        return ArticleReader.HashOf(text) == Expected(text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("one")]
    [InlineData(" one  two\n\nthree\t")]
    [InlineData("already normal text")]
    public void hash_of_edge_cases(string text) => Assert.Equal(Expected(text), ArticleReader.HashOf(text));
}
