using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Fleet;

namespace ApexFleet.Abstractions.Cost;

/// <summary>What one cohort spent on one variant of a rollout's new or previous version, priced.</summary>
[GenerateSerializer, Immutable, Alias("apexfleet.spend-line")]
public sealed record SpendLine(
    [property: Id(0)] string Cohort,
    [property: Id(1)] Precision Variant,
    [property: Id(2)] SpendRole Role,
    [property: Id(3)] long BytesFull,
    [property: Id(4)] long BytesDelta,
    [property: Id(5)] long CloudFallbacks,
    [property: Id(6)] long Inferences,
    [property: Id(7)] double EnergyMillijoules,
    [property: Id(8)] long InstalledDevices,
    [property: Id(9)] long InstallAttempts,
    [property: Id(10)] double EgressUsd,
    [property: Id(11)] double FallbackUsd,
    [property: Id(12)] double EnergyUsd,
    [property: Id(13)] long InstallFailures = 0)
{
    public static SpendLine From(CostLine line, CostModel model)
    {
        var price = line.Price(model);
        return new(line.Cohort, line.Variant, line.Role, line.BytesFull, line.BytesDelta, line.CloudFallbacks, line.Inferences,
            line.EnergyMillijoules, line.InstalledDevices, line.InstallAttempts, price.EgressUsd, price.FallbackUsd, price.EnergyUsd, line.InstallFailures);
    }

    public CostLine ToDomain() =>
        new(Cohort, Variant, Role, BytesFull, BytesDelta, CloudFallbacks, Inferences, EnergyMillijoules, InstalledDevices, InstallAttempts, InstallFailures);
}
