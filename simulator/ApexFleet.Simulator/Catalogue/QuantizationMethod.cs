namespace ApexFleet.Simulator.Catalogue;

/// <summary>How a variant was quantized, and the accuracy it costs the reference model by that method.</summary>
public sealed class QuantizationMethod
{
    /// <summary>Top-1 points versus FP32 (negative is worse).</summary>
    public double AccuracyDelta { get; set; }
    public string? Source { get; set; }
    public string? Assumption { get; set; }
}

/// <summary>
/// A model other than the reference one: the same chipsets run it, but its quantization methods cost
/// their own accuracy, measured on that model.
/// </summary>
public sealed class ModelFamily
{
    public string Note { get; set; } = "";
    public Dictionary<string, QuantizationMethod> Methods { get; set; } = [];
}
