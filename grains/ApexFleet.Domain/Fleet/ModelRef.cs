namespace ApexFleet.Domain.Fleet;

/// <summary>One installable artifact: a model version in one precision.</summary>
public readonly record struct ModelRef(string ModelId, string Version, Precision Precision)
{
    /// <summary>Stable text key, e.g. <c>mobilenet@2.0.0/INT8</c>; used to key per-variant statistics.</summary>
    public string Key => $"{ModelId}@{Version}/{Precision.ToLabel()}";

    public override string ToString() => Key;
}
