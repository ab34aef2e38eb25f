namespace ApexFleet.Domain.Fleet;

/// <summary>Numeric precision of a model variant, from the most to the least exact.</summary>
public enum Precision
{
    Fp32 = 0,
    Fp16 = 1,
    Int8 = 2,
    Int4 = 3,
}

public static class PrecisionNames
{
    public static string ToLabel(this Precision precision) => precision switch
    {
        Precision.Fp32 => "FP32",
        Precision.Fp16 => "FP16",
        Precision.Int8 => "INT8",
        Precision.Int4 => "INT4",
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "unknown precision"),
    };

    /// <summary>Every precision by its label (FP32, FP16, INT8, INT4), case-insensitive, as manifests and scenarios write them.</summary>
    public static readonly IReadOnlyDictionary<string, Precision> ByLabel =
        Enum.GetValues<Precision>().ToDictionary(p => p.ToLabel(), StringComparer.OrdinalIgnoreCase);

    public static bool TryParse(string? text, out Precision precision) => ByLabel.TryGetValue(text?.Trim() ?? "", out precision);
}
