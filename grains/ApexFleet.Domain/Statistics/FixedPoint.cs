namespace ApexFleet.Domain.Statistics;

/// <summary>
/// Sums of measurements are kept as integer micro-units so that aggregating the same reports
/// in any order gives bit-identical totals: the simulator's determinism depends on it.
/// </summary>
public static class FixedPoint
{
    public const double Scale = 1_000_000;

    public static long ToMicros(double value) => checked((long)Math.Round(value * Scale, MidpointRounding.ToEven));

    public static double FromMicros(long micros) => micros / Scale;
}
