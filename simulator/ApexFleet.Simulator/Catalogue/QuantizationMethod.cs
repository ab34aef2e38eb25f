namespace ApexFleet.Simulator.Catalogue;

/// <summary>How a variant was quantized, and the accuracy it costs the reference model by that method.</summary>
public sealed class QuantizationMethod
{
    /// <summary>Top-1 points versus FP32 (negative is worse).</summary>
    public double AccuracyDelta { get; set; }
    public string? Source { get; set; }
    public string? Assumption { get; set; }
}
