using ApexFleet.Abstractions.Wire;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Registry;

namespace ApexFleet.Abstractions.Registry;

// The registry's domain records travel as they are: these surrogates are their only wire form.

[RegisterConverter]
public sealed class EthicalStatusConverter : EnumConverter<EthicalStatus>;

[RegisterConverter]
public sealed class UploadRefusalConverter : EnumConverter<UploadRefusal>;

[GenerateSerializer, Alias("apexfleet.chipset-benchmark")]
public struct ChipsetBenchmarkSurrogate
{
    [Id(0)] public string Chipset;
    [Id(1)] public double LatencyP95Ms;
    [Id(2)] public double EnergyMj;
    [Id(3)] public double AccuracyPercent;
    [Id(4)] public double MemoryMb;
}

[RegisterConverter]
public sealed class ChipsetBenchmarkConverter : IConverter<ChipsetBenchmark, ChipsetBenchmarkSurrogate>
{
    public ChipsetBenchmark ConvertFromSurrogate(in ChipsetBenchmarkSurrogate s) => new(s.Chipset, s.LatencyP95Ms, s.EnergyMj, s.AccuracyPercent, s.MemoryMb);

    public ChipsetBenchmarkSurrogate ConvertToSurrogate(in ChipsetBenchmark b) =>
        new() { Chipset = b.Chipset, LatencyP95Ms = b.LatencyP95Ms, EnergyMj = b.EnergyMj, AccuracyPercent = b.AccuracyPercent, MemoryMb = b.MemoryMb };
}

[GenerateSerializer, Alias("apexfleet.ethical-assessment")]
public struct EthicalAssessmentSurrogate
{
    [Id(0)] public EthicalStatus Status;
    [Id(1)] public string? By;
    [Id(2)] public DateTimeOffset? At;
}

[RegisterConverter]
public sealed class EthicalAssessmentConverter : IConverter<EthicalAssessment, EthicalAssessmentSurrogate>
{
    public EthicalAssessment ConvertFromSurrogate(in EthicalAssessmentSurrogate s) => new(s.Status, s.By, s.At);

    public EthicalAssessmentSurrogate ConvertToSurrogate(in EthicalAssessment e) => new() { Status = e.Status, By = e.By, At = e.At };
}

[GenerateSerializer, Alias("apexfleet.artifact-manifest")]
public struct ArtifactManifestSurrogate
{
    [Id(0)] public string ModelId;
    [Id(1)] public string Version;
    [Id(2)] public Precision Variant;
    [Id(3)] public string Digest;
    [Id(4)] public long SizeBytes;
    [Id(5)] public string? ParentVersion;
    [Id(6)] public string? TrainingData;
    [Id(7)] public string? DataClassification;
    [Id(8)] public EthicalAssessment? Ethics;
    [Id(9)] public ChipsetBenchmark[]? Benchmarks;
}

[RegisterConverter]
public sealed class ArtifactManifestConverter : IConverter<ArtifactManifest, ArtifactManifestSurrogate>
{
    public ArtifactManifest ConvertFromSurrogate(in ArtifactManifestSurrogate s) =>
        new(s.ModelId, s.Version, s.Variant, s.Digest, s.SizeBytes, s.ParentVersion, s.TrainingData, s.DataClassification, s.Ethics, s.Benchmarks);

    public ArtifactManifestSurrogate ConvertToSurrogate(in ArtifactManifest m) => new()
    {
        ModelId = m.ModelId,
        Version = m.Version,
        Variant = m.Variant,
        Digest = m.Digest,
        SizeBytes = m.SizeBytes,
        ParentVersion = m.ParentVersion,
        TrainingData = m.TrainingData,
        DataClassification = m.DataClassification,
        Ethics = m.Ethics,
        Benchmarks = m.Benchmarks is null ? null : [.. m.Benchmarks],
    };
}

[GenerateSerializer, Alias("apexfleet.delta-offer")]
public struct DeltaOfferSurrogate
{
    [Id(0)] public string FromVersion;
    [Id(1)] public string FromDigest;
    [Id(2)] public string Url;
    [Id(3)] public long SizeBytes;
}

[RegisterConverter]
public sealed class DeltaOfferConverter : IConverter<DeltaOffer, DeltaOfferSurrogate>
{
    public DeltaOffer ConvertFromSurrogate(in DeltaOfferSurrogate s) => new(s.FromVersion, s.FromDigest, s.Url, s.SizeBytes);

    public DeltaOfferSurrogate ConvertToSurrogate(in DeltaOffer d) => new() { FromVersion = d.FromVersion, FromDigest = d.FromDigest, Url = d.Url, SizeBytes = d.SizeBytes };
}

[GenerateSerializer, Alias("apexfleet.artifact-offer")]
public struct ArtifactOfferSurrogate
{
    [Id(0)] public string Url;
    [Id(1)] public long SizeBytes;
    [Id(2)] public string Digest;
    [Id(3)] public string KeyId;
    [Id(4)] public string Signature;
    [Id(5)] public DeltaOffer? Delta;
    [Id(6)] public ArtifactManifest? Manifest;
}

[RegisterConverter]
public sealed class ArtifactOfferConverter : IConverter<ArtifactOffer, ArtifactOfferSurrogate>
{
    public ArtifactOffer ConvertFromSurrogate(in ArtifactOfferSurrogate s) => new(s.Url, s.SizeBytes, s.Digest, s.KeyId, s.Signature, s.Delta, s.Manifest);

    public ArtifactOfferSurrogate ConvertToSurrogate(in ArtifactOffer o) =>
        new() { Url = o.Url, SizeBytes = o.SizeBytes, Digest = o.Digest, KeyId = o.KeyId, Signature = o.Signature, Delta = o.Delta, Manifest = o.Manifest };
}
