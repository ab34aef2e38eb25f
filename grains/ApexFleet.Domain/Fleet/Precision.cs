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

    public static bool TryParse(string? text, out Precision precision)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "FP32": precision = Precision.Fp32; return true;
            case "FP16": precision = Precision.Fp16; return true;
            case "INT8": precision = Precision.Int8; return true;
            case "INT4": precision = Precision.Int4; return true;
            default: precision = default; return false;
        }
    }
}
