namespace ApexFleet.Domain.FinOps;

/// <summary>
/// What a rollout's bytes and cloud calls cost: list prices from configuration. The defaults and
/// their sources (or the range each assumption is taken from) are in docs/REFERENCES.md.
/// </summary>
/// <param name="EgressUsdPerGb">CDN egress per GB (10⁹ bytes) downloaded by phones.</param>
/// <param name="FallbackUsdPer1k">The cloud's price of 1,000 inferences a phone sent there (over the latency budget, or not targeted).</param>
/// <param name="StorageUsdPerGbMonth">Artifact storage per GB-month, for every variant the rollout keeps.</param>
/// <param name="EnergyUsdPerKwh">The phone owner's electricity price: the user-side cost of the model's energy.</param>
/// <param name="DeltaSizeRatio">A binary delta's size over the full artifact's, until the registry measures each delta.</param>
public sealed record CostModel(
    double EgressUsdPerGb,
    double FallbackUsdPer1k,
    double StorageUsdPerGbMonth,
    double EnergyUsdPerKwh,
    double DeltaSizeRatio)
{
    /// <summary>The average month, in hours (365 × 24 ÷ 12), as cloud price lists bill it.</summary>
    public const double HoursPerMonth = 730;

    public const double BytesPerGb = 1e9;

    private const double MillijoulesPerKwh = 3.6e9;

    /// <summary>Egress [R130], storage [R131]; the fall-back price, electricity price and delta ratio are assumptions (docs/REFERENCES.md, Assumptions).</summary>
    public static readonly CostModel Default = new(0.085, 0.40, 0.023, 0.17, 0.3);

    public double EgressUsd(double bytes) => bytes / BytesPerGb * EgressUsdPerGb;

    public double FallbackUsd(double fallbacks) => fallbacks / 1000 * FallbackUsdPer1k;

    public double EnergyUsd(double millijoules) => millijoules / MillijoulesPerKwh * EnergyUsdPerKwh;

    public double StorageUsdPerMonth(double bytes) => bytes / BytesPerGb * StorageUsdPerGbMonth;

    /// <summary>Every price a number that makes sense: checked where the model is configured, so no cost is silently negative.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        Check(EgressUsdPerGb, nameof(EgressUsdPerGb));
        Check(FallbackUsdPer1k, nameof(FallbackUsdPer1k));
        Check(StorageUsdPerGbMonth, nameof(StorageUsdPerGbMonth));
        Check(EnergyUsdPerKwh, nameof(EnergyUsdPerKwh));
        if (!(DeltaSizeRatio > 0 && DeltaSizeRatio <= 1))
        {
            problems.Add($"{nameof(DeltaSizeRatio)} must be above 0 and at most 1 (got {DeltaSizeRatio})");
        }

        return problems;

        void Check(double value, string name)
        {
            if (!double.IsFinite(value) || value < 0)
            {
                problems.Add($"{name} must be a finite number of at least 0 (got {value})");
            }
        }
    }
}
