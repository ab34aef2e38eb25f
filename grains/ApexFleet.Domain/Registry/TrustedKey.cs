using System.Security.Cryptography;
using NSec.Cryptography;

namespace ApexFleet.Domain.Registry;

/// <summary>A public key the registry accepts signatures from.</summary>
public sealed class TrustedKey
{
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;
    private readonly PublicKey _key;

    private TrustedKey(PublicKey key, string id)
    {
        _key = key;
        KeyId = id;
    }

    public string KeyId { get; }

    public static string IdOf(ReadOnlySpan<byte> publicKey) => Convert.ToHexStringLower(SHA256.HashData(publicKey))[..16];

    /// <summary>Reads a public key's base64 text; throws a <see cref="FormatException"/> naming <paramref name="source"/>.</summary>
    public static TrustedKey Parse(string text, string source)
    {
        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new FormatException($"{source}: not a public key (expected the base64 of a raw 32-byte Ed25519 public key, as `apexfleet keys generate` writes to NAME.pub)");
        }

        if (!PublicKey.TryImport(Ed25519, raw, KeyBlobFormat.RawPublicKey, out var key))
        {
            throw new FormatException($"{source}: {raw.Length} bytes is not an Ed25519 public key ({Ed25519.PublicKeySize} bytes)");
        }

        return new TrustedKey(key!, IdOf(raw));
    }

    public bool Verifies(ArtifactManifest manifest, ReadOnlySpan<byte> signature) =>
        signature.Length == Ed25519.SignatureSize && Ed25519.Verify(_key, SignaturePayload.Of(manifest), signature);
}
