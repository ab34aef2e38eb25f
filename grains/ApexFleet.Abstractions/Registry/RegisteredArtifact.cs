using ApexFleet.Domain.Registry;

namespace ApexFleet.Abstractions.Registry;

/// <summary>An artifact the registry keeps: the signed manifest, when it arrived, and its delta from an earlier version if one was made.</summary>
[GenerateSerializer, Immutable, Alias("apexfleet.registered-artifact")]
public sealed record RegisteredArtifact(
    [property: Id(0)] ArtifactManifest Manifest,
    [property: Id(1)] string KeyId,
    [property: Id(2)] string Signature,
    [property: Id(3)] DateTimeOffset RegisteredAt,
    [property: Id(4)] ArtifactDelta? Delta = null)
{
    public string Url => ArtifactUrls.Artifact(Manifest.ModelId, Manifest.Version, Manifest.Variant);

    /// <summary>The delta's size over the artifact's: what a device that has the base downloads, as a share.</summary>
    public double? DeltaRatio => Delta is null ? null : (double)Delta.SizeBytes / Manifest.SizeBytes;

    /// <summary>What an installer is told: the full artifact, and the delta when there is one.</summary>
    public ArtifactOffer ToOffer() => new(
        Url, Manifest.SizeBytes, Manifest.Digest, KeyId, Signature,
        Delta is { } d ? new DeltaOffer(d.FromVersion, d.FromDigest, ArtifactUrls.Delta(Manifest.ModelId, Manifest.Version, Manifest.Variant), d.SizeBytes) : null,
        Manifest);
}
