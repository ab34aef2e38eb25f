using System.Buffers;
using System.Security.Cryptography;

namespace ApexFleet.Domain.Registry;

/// <summary>
/// The name of an artifact's bytes: <c>sha256:</c> and 64 lower-case hex digits. The store files
/// bytes by it, HTTP serves it as the ETag, and the signature covers it.
/// </summary>
public static class ArtifactDigest
{
    public const string Prefix = "sha256:";

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdef");

    public static string Of(ReadOnlySpan<byte> bytes) => Prefix + Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static async Task<string> OfAsync(Stream stream, CancellationToken cancellationToken = default) =>
        Prefix + Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));

    public static string FromHash(ReadOnlySpan<byte> sha256) => Prefix + Convert.ToHexStringLower(sha256);

    public static bool IsWellFormed(string? digest) =>
        digest is { Length: 71 } && digest.StartsWith(Prefix, StringComparison.Ordinal) && digest.AsSpan(Prefix.Length).ContainsAnyExcept(HexDigits) is false;

    /// <summary>The 64 hex digits alone: the store's file name.</summary>
    public static string Hex(string digest) => IsWellFormed(digest)
        ? digest[Prefix.Length..]
        : throw new ArgumentException($"'{digest}' is not a digest (sha256: and 64 lower-case hex digits)", nameof(digest));
}
