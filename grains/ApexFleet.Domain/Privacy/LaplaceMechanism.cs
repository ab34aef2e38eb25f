using MathNet.Numerics.Distributions;

namespace ApexFleet.Domain.Privacy;

/// <summary>
/// The Laplace mechanism of differential privacy: a value whose one-person change is at most
/// <c>sensitivity</c> is released with Laplace(0, b) noise, b = sensitivity / ε, which makes the
/// release ε-differentially private. MathNet draws the noise from the given <see cref="Random"/>, so a
/// seeded generator makes a simulation reproducible.
/// </summary>
/// <remarks>
/// Floating-point Laplace noise leaks through the low bits of its output (Mironov 2012); that is fine
/// for simulating what noise does to gates, but a real release should use a discrete or snapping
/// mechanism instead.
/// </remarks>
public sealed class LaplaceMechanism
{
    private readonly Laplace noise;

    public LaplaceMechanism(double sensitivity, double epsilon, Random random)
    {
        if (!(sensitivity > 0) || !double.IsFinite(sensitivity))
        {
            throw new ArgumentOutOfRangeException(nameof(sensitivity), sensitivity, "the sensitivity must be positive");
        }

        if (!(epsilon > 0) || !double.IsFinite(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be positive");
        }

        Sensitivity = sensitivity;
        Epsilon = epsilon;
        noise = new Laplace(0, Scale, random);
    }

    public double Sensitivity { get; }

    public double Epsilon { get; }

    /// <summary>b = sensitivity / ε.</summary>
    public double Scale => Sensitivity / Epsilon;

    /// <summary>The noise's standard deviation, √2·b.</summary>
    public double StandardDeviation => Math.Sqrt(2) * Scale;

    public double Noise() => noise.Sample();

    public double Release(double value) => value + Noise();

    /// <summary>
    /// A noised count, rounded and floored at 0. Post-processing a private release keeps it private,
    /// and a gate would otherwise see negative or fractional counts.
    /// </summary>
    public long ReleaseCount(long count) => Math.Max(0, (long)Math.Round(Release(count)));
}
