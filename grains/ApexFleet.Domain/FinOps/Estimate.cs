namespace ApexFleet.Domain.FinOps;

/// <summary>A forecast value with its 95 % interval.</summary>
public readonly record struct Estimate(double Value, double Low, double High)
{
    public static Estimate Exact(double value) => new(value, value, value);

    public static Estimate operator +(Estimate a, Estimate b) => new(a.Value + b.Value, a.Low + b.Low, a.High + b.High);

    public Estimate Times(double factor) => new(Value * factor, Low * factor, High * factor);

    public override string ToString() => $"{Value:0.00} USD (95 % {Low:0.00}–{High:0.00})";
}
