using ApexFleet.Domain.FinOps;

namespace ApexFleet.Abstractions.Wire;

/// <summary>Lets a cost centre's cap travel with a start request from the GitOps applier and stay with the rollout it binds.</summary>
[GenerateSerializer, Alias("apexfleet.cost-center-cap")]
public struct CostCenterCapSurrogate
{
    [Id(0)] public string CostCenter;
    [Id(1)] public double? RolloutUsd;
    [Id(2)] public double? MonthlyUsd;
    [Id(3)] public string Source;
}

[RegisterConverter]
public sealed class CostCenterCapSurrogateConverter : IConverter<CostCenterCap, CostCenterCapSurrogate>
{
    public CostCenterCap ConvertFromSurrogate(in CostCenterCapSurrogate surrogate) =>
        new(surrogate.CostCenter, new Budget(surrogate.RolloutUsd, surrogate.MonthlyUsd), surrogate.Source);

    public CostCenterCapSurrogate ConvertToSurrogate(in CostCenterCap value) => new()
    {
        CostCenter = value.CostCenter,
        RolloutUsd = value.Cap.RolloutUsd,
        MonthlyUsd = value.Cap.MonthlyUsd,
        Source = value.Source,
    };
}
