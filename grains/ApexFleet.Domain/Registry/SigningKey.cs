using NSec.Cryptography;

namespace ApexFleet.Domain.Registry;

/// <summary>
/// An Ed25519 key pair (NSec). Files hold the raw 32-byte keys in base64; a key's id is the first
/// 16 hex digits of its public key's SHA-256, short enough to read in an error.
/// </summary>
public sealed class SigningKey : IDisposable
{
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;
    private readonly Key _key;

    private SigningKey(Key key) => _key = key;

    public string KeyId => TrustedKey.IdOf(PublicKeyBytes);

    public byte[] PublicKeyBytes => _key.PublicKey.Export(KeyBlobFormat.RawPublicKey);

    public string PublicKeyText => Convert.ToBase64String(PublicKeyBytes);

    public string PrivateKeyText => Convert.ToBase64String(_key.Export(KeyBlobFormat.RawPrivateKey));

    public static SigningKey Generate() =>
        new(Key.Create(Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));

    /// <summary>Reads a private key file's text; a wrong one names what it holds instead.</summary>
    public static SigningKey Parse(string text, string source)
    {
        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new FormatException($"{source}: not a private key (expected the base64 of a raw 32-byte Ed25519 key, as `apexfleet keys generate` writes)");
        }

        if (raw.Length != Ed25519.PrivateKeySize)
        {
            throw new FormatException($"{source}: a private key has {Ed25519.PrivateKeySize} bytes, this one {raw.Length} (a public key file?)");
        }

        return new(Key.Import(Ed25519, raw, KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));
    }

    public byte[] Sign(ArtifactManifest manifest) => Ed25519.Sign(_key, SignaturePayload.Of(manifest));

    public void Dispose() => _key.Dispose();
}
