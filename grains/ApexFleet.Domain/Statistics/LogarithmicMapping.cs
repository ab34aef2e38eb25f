namespace ApexFleet.Domain.Statistics;

/// <summary>
/// The DDSketch bucket mapping: with γ = (1 + α) / (1 − α), bucket i holds the values in
/// (γ^(i−1), γ^i] and its representative value 2γ^i / (γ + 1) lies within α of every one of them.
/// Two sketches merge by adding counts only when they share a mapping.
/// </summary>
public sealed class LogarithmicMapping
{
    /// <summary>Values at or below this (e.g. a 0 ms measurement) belong in a sketch's zero bucket.</summary>
    public const double MinIndexableValue = 1e-6;

    private readonly double _gamma;
    private readonly double _logGamma;

    public LogarithmicMapping(double relativeAccuracy)
    {
        if (relativeAccuracy is <= 0 or >= 1 || double.IsNaN(relativeAccuracy))
        {
            throw new ArgumentOutOfRangeException(nameof(relativeAccuracy), relativeAccuracy, "a relative accuracy lies strictly between 0 and 1");
        }

        RelativeAccuracy = relativeAccuracy;
        _gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
        _logGamma = Math.Log(_gamma);
    }

    public double RelativeAccuracy { get; }

    public int IndexOf(double value) => (int)Math.Ceiling(Math.Log(value) / _logGamma);

    public double ValueOf(int index) => 2 * Math.Pow(_gamma, index) / (_gamma + 1);

    /// <summary>Throws unless <paramref name="value"/> and <paramref name="count"/> can go into a sketch.</summary>
    public static void Check(double value, long count)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "a sketch takes finite, non-negative values");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(count);
    }
}
