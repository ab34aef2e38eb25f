using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Registry;
using ApexFleet.Inference;

namespace ApexFleet.Agent;

/// <summary>A model the agent holds in an ONNX Runtime session, with its bytes (a later delta's base) and their digest.</summary>
public sealed class InstalledModel(ModelSlot slot, byte[] bytes, OnnxClassifier classifier) : IDisposable
{
    public ModelSlot Slot { get; } = slot;
    public byte[] Bytes { get; } = bytes;
    public string Digest { get; } = ArtifactDigest.Of(bytes);
    public OnnxClassifier Classifier { get; } = classifier;

    public static InstalledModel Load(ModelSlot slot, byte[] bytes, string source) => new(slot, bytes, OnnxClassifier.Load(bytes, source));

    public void Dispose() => Classifier.Dispose();
}
