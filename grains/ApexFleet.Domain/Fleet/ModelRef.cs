using System.Collections.Concurrent;

namespace ApexFleet.Domain.Fleet;

/// <summary>One installable artifact: a model version in one precision.</summary>
public readonly record struct ModelRef(string ModelId, string Version, Precision Precision)
{
    private static readonly ConcurrentDictionary<ModelRef, string> Keys = new();

    /// <summary>
    /// Stable text key, e.g. <c>mobilenet@2.0.0/INT8</c>, keying per-variant statistics; formatted once
    /// per process, since every report names its variant.
    /// </summary>
    public string Key => Keys.GetOrAdd(this, static m => $"{m.ModelId}@{m.Version}/{m.Precision.ToLabel()}");

    public override string ToString() => Key;
}
