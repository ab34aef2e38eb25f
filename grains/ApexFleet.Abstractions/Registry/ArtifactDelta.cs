namespace ApexFleet.Abstractions.Registry;

/// <summary>A stored delta that rebuilds one artifact from another version's artifact of the same variant.</summary>
[GenerateSerializer, Immutable, Alias("apexfleet.artifact-delta")]
public sealed record ArtifactDelta(
    [property: Id(0)] string FromVersion,
    [property: Id(1)] string FromDigest,
    [property: Id(2)] string Digest,
    [property: Id(3)] long SizeBytes);
