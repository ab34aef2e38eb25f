using System.Globalization;
using System.Text;
using ApexFleet.Domain.Fleet;

namespace ApexFleet.Domain.Registry;

/// <summary>
/// The canonical bytes an artifact's signature covers: one <c>name=value</c> line per field in a
/// fixed order, UTF-8, numbers in invariant round-trip form, benchmarks sorted by chipset. Signer
/// and verifier build it from the same manifest, so nothing that is not signed can change.
/// </summary>
public static class SignaturePayload
{
    public const string Header = "apexfleet-artifact-v1";

    public static byte[] Of(ArtifactManifest m)
    {
        var text = new StringBuilder()
            .Append(Header).Append('\n')
            .Append("model=").Append(m.ModelId).Append('\n')
            .Append("version=").Append(m.Version).Append('\n')
            .Append("variant=").Append(m.Variant.ToLabel()).Append('\n')
            .Append("digest=").Append(m.Digest).Append('\n')
            .Append("size=").Append(m.SizeBytes.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("parent=").Append(m.ParentVersion).Append('\n')
            .Append("training=").Append(m.TrainingData).Append('\n')
            .Append("classification=").Append(m.DataClassification).Append('\n')
            .Append("ethics=").Append(Ethics(m.Ethics)).Append('\n');
        foreach (var b in (m.Benchmarks ?? []).OrderBy(b => b.Chipset, StringComparer.Ordinal))
        {
            text.Append("benchmark=").Append(b.Chipset)
                .Append('|').Append(Number(b.LatencyP95Ms)).Append('|').Append(Number(b.EnergyMj))
                .Append('|').Append(Number(b.AccuracyPercent)).Append('|').Append(Number(b.MemoryMb)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Ethics(EthicalAssessment? e) => e is null
        ? ""
        : $"{e.Status}|{e.By}|{e.At?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)}";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
