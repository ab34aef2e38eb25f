using ApexFleet.Domain.Fleet;

namespace ApexFleet.Simulator.Catalogue;

/// <summary>How the reference model runs in one precision on one chipset.</summary>
public sealed class PrecisionProfile
{
    public double LatencyMs { get; set; }
    public double Sigma { get; set; }
    /// <summary>Which unit runs it: npu, gpu or cpu. Sets the power used for the energy assumption.</summary>
    public string Unit { get; set; } = "cpu";
    /// <summary>Top-1 points versus FP32; set from <see cref="Method"/> when the catalogue names one.</summary>
    public double AccuracyDelta { get; set; }
    public double MemoryMb { get; set; }
    public bool Supported { get; set; }
    /// <summary>How the variant was quantized (a key of the catalogue's <c>methods</c>), e.g. <c>ptq-w8a8</c>.</summary>
    public string Method { get; set; } = "";
    /// <summary>The derivation of <see cref="LatencyMs"/> from docs/references.yaml figures.</summary>
    public string? Source { get; set; }
    /// <summary>Why a figure or a factor of its derivation has no source, with a plausible range.</summary>
    public string? Assumption { get; set; }
    /// <summary>Derivations from independent figures that the latency is compared with, not taken from.</summary>
    public List<string> Checks { get; set; } = [];

    /// <summary>The same variant of another model: its runtime figures, that model's accuracy cost.</summary>
    public PrecisionProfile WithAccuracyDelta(double delta)
    {
        var copy = (PrecisionProfile)MemberwiseClone();
        copy.AccuracyDelta = delta;
        return copy;
    }
}

/// <summary>One chipset family of the catalogue.</summary>
public sealed class ChipsetProfile
{
    public string Family { get; set; } = "";
    public string Name { get; set; } = "";
    public string Tier { get; set; } = "";
    public double Share { get; set; }
    public Dictionary<string, double> PowerW { get; set; } = [];
    public string Note { get; set; } = "";
    public Dictionary<string, PrecisionProfile> Precisions { get; set; } = [];

    /// <summary>This chipset running another model, whose quantization methods cost what <paramref name="methods"/> say.</summary>
    public ChipsetProfile WithMethods(IReadOnlyDictionary<string, QuantizationMethod> methods)
    {
        var copy = (ChipsetProfile)MemberwiseClone();
        copy.Precisions = Precisions.ToDictionary(p => p.Key, p => p.Value.Method.Length > 0 ? p.Value.WithAccuracyDelta(methods[p.Value.Method].AccuracyDelta) : p.Value);
        return copy;
    }

    public PrecisionProfile For(Precision precision) =>
        Precisions.TryGetValue(precision.ToLabel(), out var profile)
            ? profile
            : throw new KeyNotFoundException($"chipset {Family} has no {precision.ToLabel()} profile");

    /// <summary>Energy per inference (mJ): latency × the active power of the unit. An assumption, see the catalogue header.</summary>
    public double EnergyMillijoules(Precision precision, double latencyMs)
    {
        var profile = For(precision);
        return latencyMs * PowerW.GetValueOrDefault(profile.Unit, 2.0);
    }
}
