using System.CommandLine;
using System.Text;
using System.Text.Json;
using Monitoring.Store;
using Spectre.Console;

namespace Monitoring.Cli.Commands;

public static class Output
{
    /// <summary><see cref="MonitorJson"/>, the API's options, indented for reading in a terminal: the same document as HTTP answers.</summary>
    public static readonly JsonSerializerOptions Json = new(MonitorJson.Options) { WriteIndented = true };

    /// <summary>One JSON value per line, for streams of answers.</summary>
    public static readonly JsonSerializerOptions JsonLine = new(Json) { WriteIndented = false };

    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));

    public static readonly Option<bool> JsonOption = new("--json") { Description = "Write JSON instead of text" };

    /// <summary>Text from articles or users for a Spectre table or markup: control characters made harmless, then markup escaped.</summary>
    public static string Text(string? text) => Markup.Escape(TerminalSafeWriter.Clean(text ?? ""));
}

/// <summary>
/// Standard output with every control character but line breaks and tabs shown as U+FFFD: article text (or a key's name)
/// holding ESC sequences would otherwise drive the analyst's terminal (move the cursor, rewrite the screen, set the
/// title). Spectre.Console writes its own colours to the real output, around text cleaned by <see cref="Output.Text"/>.
/// </summary>
public sealed class TerminalSafeWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public static bool IsUnsafe(char c) => char.IsControl(c) && c is not ('\n' or '\r' or '\t');

    public static string Clean(string text) => !text.Any(IsUnsafe)
        ? text
        : string.Create(text.Length, text, (span, s) =>
        {
            for (var i = 0; i < s.Length; i++) span[i] = IsUnsafe(s[i]) ? '\uFFFD' : s[i];
        });

    public override void Write(char value) => inner.Write(IsUnsafe(value) ? '\uFFFD' : value);

    public override void Write(string? value) => inner.Write(value is null ? null : Clean(value));

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : Clean(value));

    public override void Flush() => inner.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Flush();
        base.Dispose(disposing);
    }
}
