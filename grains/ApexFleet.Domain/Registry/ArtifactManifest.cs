using ApexFleet.Domain.Fleet;

namespace ApexFleet.Domain.Registry;

/// <summary>
/// Everything the signer vouches for about one artifact: which model variant it is, its bytes (by
/// digest and size), where it came from (lineage), how its data is classified, its ethical
/// assessment and its offline benchmarks. <see cref="SignaturePayload"/> turns it into the bytes signed.
/// </summary>
public sealed record ArtifactManifest(
    string ModelId,
    string Version,
    Precision Variant,
    string Digest,
    long SizeBytes,
    string? ParentVersion = null,
    string? TrainingData = null,
    string? DataClassification = null,
    EthicalAssessment? Ethics = null,
    IReadOnlyList<ChipsetBenchmark>? Benchmarks = null)
{
    public ModelRef Ref => new(ModelId, Version, Variant);

    /// <summary>Whether two manifests vouch for the same thing (records compare lists by reference).</summary>
    public bool SameAs(ArtifactManifest other) => SignaturePayload.Of(this).AsSpan().SequenceEqual(SignaturePayload.Of(other));
}
