using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Registry;

namespace ApexFleet.Testing;

/// <summary>Artifacts shaped like ONNX weights: float32 tensors, some of which a new version retrains.</summary>
internal static class RegistryTestArtifacts
{
    /// <summary><paramref name="tensors"/> tensors of <paramref name="floatsPerTensor"/> floats from a seeded generator.</summary>
    public static byte[] Weights(int tensors, int floatsPerTensor, int seed)
    {
        var rng = new Random(seed);
        var floats = new float[tensors * floatsPerTensor];
        for (var i = 0; i < floats.Length; i++)
        {
            floats[i] = (float)((rng.NextDouble() * 2) - 1);
        }

        return System.Runtime.InteropServices.MemoryMarshal.AsBytes(floats.AsSpan()).ToArray();
    }

    /// <summary>The same weights with every tensor whose index is a multiple of <paramref name="every"/> retrained.</summary>
    public static byte[] Retrained(byte[] weights, int tensors, int every, int seed)
    {
        var next = (byte[])weights.Clone();
        var tensorBytes = weights.Length / tensors;
        var rng = new Random(seed);
        for (var t = 0; t < tensors; t += every)
        {
            rng.NextBytes(next.AsSpan(t * tensorBytes, tensorBytes));
        }

        return next;
    }

    public static ArtifactManifest Manifest(byte[] bytes, string version = "2.0.0", Precision variant = Precision.Int8) => new(
        "image-classifier", version, variant, ArtifactDigest.Of(bytes), bytes.Length, "1.0.0", "s3://datasets/images-2026-10", "GDPR_Sensitive",
        new EthicalAssessment(EthicalStatus.Approved, "ethics-board", new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero)),
        [new ChipsetBenchmark("snapdragon-8-gen-3", 12.5, 3.25, 91.5, 48), new ChipsetBenchmark("exynos-2400", 15, 4, 91, 50)]);
}
