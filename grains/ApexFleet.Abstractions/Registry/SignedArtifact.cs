using ApexFleet.Domain.Registry;

namespace ApexFleet.Abstractions.Registry;

/// <summary>A manifest as pushed: the signer's key id and the base64 Ed25519 signature over its payload (both null when unsigned).</summary>
[GenerateSerializer, Immutable, Alias("apexfleet.signed-artifact")]
public sealed record SignedArtifact(
    [property: Id(0)] ArtifactManifest Manifest,
    [property: Id(1)] string? KeyId,
    [property: Id(2)] string? Signature)
{
    /// <summary>The signature's bytes; empty when missing or not base64 (the check then calls it unsigned or bad).</summary>
    public byte[] SignatureBytes()
    {
        var buffer = new byte[64];
        return Signature is not null && Convert.TryFromBase64String(Signature, buffer, out var written) ? buffer[..written] : [];
    }

    public UploadProblem? Problem(TrustedKeys trusted) => UploadCheck.Signature(Manifest, KeyId, SignatureBytes(), trusted);
}
