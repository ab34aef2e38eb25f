using System.Text;

namespace ApexFleet.Domain.Manifests;

/// <summary>
/// How much YAML the fleet reads from anyone: a manifest is a few kilobytes of intent, so anything
/// far larger, deeper or more repetitive is refused before it can cost the silo memory or CPU.
/// Every path that reads a manifest (HTTP, the CLI, git, a deployment's stored copy) goes through these.
/// </summary>
public static class ManifestLimits
{
    /// <summary>Bytes of one manifest, comments included: what the silo reads, parses and stores with every deployment write.</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>Nesting of lists and mappings; the YAML loader recurses once per level.</summary>
    public const int MaxDepth = 64;

    /// <summary>Nodes of a document with every alias expanded: what any walk over it may visit.</summary>
    public const int MaxNodes = 100_000;

    /// <summary>Errors listed for one document; the rest are counted in one last line.</summary>
    public const int MaxErrors = 20;

    /// <summary>Characters of a field path or message echoed back, so an error never repeats a huge value.</summary>
    public const int MaxShown = 300;

    /// <summary>The size error, or null when <paramref name="text"/> fits.</summary>
    public static ManifestError? SizeProblem(string source, string text)
    {
        // A char is at least one UTF-8 byte: only a text near the limit needs counting.
        var bytes = text.Length > MaxBytes ? text.Length : text.Length * 3 > MaxBytes ? Encoding.UTF8.GetByteCount(text) : 0;
        return bytes > MaxBytes ? TooLarge(source) : null;
    }

    public static ManifestError TooLarge(string source) =>
        new(source, 1, 1, "(document)", $"the manifest is larger than {MaxBytes} bytes (the most the fleet reads); keep comments and data out of it");

    /// <summary>The text of a file, reading no more than one byte over the limit; a larger file is a <see cref="ManifestException"/>.</summary>
    public static string ReadFile(string path, string? source = null)
    {
        using var file = File.OpenRead(path);
        return ReadAsync(file, source ?? path).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>A stream as UTF-8 text, reading at most <see cref="MaxBytes"/> + 1 bytes; a longer one is a <see cref="ManifestException"/>.</summary>
    public static async ValueTask<string> ReadAsync(Stream stream, string source, CancellationToken cancellationToken = default)
    {
        var buffer = new byte[MaxBytes + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += n;
        }

        return read > MaxBytes
            ? throw new ManifestException([TooLarge(source)])
            : new UTF8Encoding(false).GetString(buffer, 0, read).TrimStart('\uFEFF');
    }

    /// <summary>
    /// At most <see cref="MaxBytes"/> + 1 bytes of a stream as text, for a reader that cannot refuse
    /// on the spot (a file in a git commit): a longer stream comes back cut, still over the limit in
    /// UTF-8 (a cut character decodes to U+FFFD, three bytes), and whoever parses it refuses it.
    /// </summary>
    public static string ReadPrefix(Stream stream)
    {
        var buffer = new byte[MaxBytes + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = stream.Read(buffer, read, buffer.Length - read)) > 0)
        {
            read += n;
        }

        return new UTF8Encoding(false).GetString(buffer, 0, read);
    }

    /// <summary>A user's text, cut to <see cref="MaxShown"/> characters.</summary>
    public static string Clip(string text) =>
        text.Length <= MaxShown ? text : $"{text[..MaxShown]}… ({text.Length - MaxShown} more characters)";
}
