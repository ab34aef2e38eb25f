namespace ApexFleet.Domain.Drift;

/// <param name="Statistic">D = sup |F₁(t) − F₂(t)| of the two empirical distribution functions.</param>
/// <param name="PValue">Two-sided: the probability of a D at least this large when both samples come from one distribution.</param>
/// <param name="Exact">Whether the p-value is exact (small samples without ties) or the asymptotic Kolmogorov limit.</param>
public sealed record KolmogorovSmirnovResult(double Statistic, double PValue, bool Exact, int FirstCount, int SecondCount);
