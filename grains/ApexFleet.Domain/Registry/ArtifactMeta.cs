using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Manifests;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ApexFleet.Domain.Registry;

/// <summary>
/// What <c>model push --meta meta.yaml</c> adds to an artifact's manifest:
/// <code>
/// parentVersion: "1.0.0"
/// trainingData: s3://datasets/images-2026-10
/// dataClassification: GDPR_Sensitive
/// ethicalAssessment: { status: approved, by: ethics-board, at: 2026-11-30T09:00:00Z }
/// benchmarks:
///   snapdragon-8-gen-3: { latencyP95Ms: 12.5, energyMj: 3.2, accuracyPercent: 91.5, memoryMb: 48 }
/// </code>
/// </summary>
public sealed class ArtifactMeta
{
    public string? ParentVersion { get; set; }
    public string? TrainingData { get; set; }
    public string? DataClassification { get; set; }
    public EthicsMeta? EthicalAssessment { get; set; }
    public Dictionary<string, BenchmarkMeta>? Benchmarks { get; set; }

    public sealed class EthicsMeta
    {
        public EthicalStatus Status { get; set; }
        public string? By { get; set; }
        public DateTimeOffset? At { get; set; }
    }

    public sealed class BenchmarkMeta
    {
        public double LatencyP95Ms { get; set; }
        public double EnergyMj { get; set; }
        public double AccuracyPercent { get; set; }
        public double MemoryMb { get; set; }
    }

    /// <summary>Reads a meta file; an unknown field or a wrong value is a <see cref="ManifestException"/> with its line and column.</summary>
    public static ArtifactMeta Parse(string source, string yaml)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        try
        {
            return deserializer.Deserialize<ArtifactMeta?>(yaml) ?? new ArtifactMeta();
        }
        catch (YamlException ex)
        {
            var why = ex.InnerException?.Message ?? ex.Message;
            throw new ManifestException([new ManifestError(source, (int)ex.Start.Line, (int)ex.Start.Column, "(meta)", why)]);
        }
    }

    /// <summary>The signed manifest of an artifact with this meta.</summary>
    public ArtifactManifest ToManifest(string modelId, string version, Precision variant, string digest, long sizeBytes) => new(
        modelId, version, variant, digest, sizeBytes, ParentVersion, TrainingData, DataClassification,
        EthicalAssessment is { } e ? new Registry.EthicalAssessment(e.Status, e.By, e.At) : null,
        Benchmarks?.Select(b => new ChipsetBenchmark(b.Key, b.Value.LatencyP95Ms, b.Value.EnergyMj, b.Value.AccuracyPercent, b.Value.MemoryMb)).ToList());
}
