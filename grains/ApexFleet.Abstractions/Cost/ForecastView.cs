using ApexFleet.Domain.FinOps;

namespace ApexFleet.Abstractions.Cost;

/// <summary>A rollout's cost forecast as it stood at one stage: USD with 95 % intervals, and what it rests on.</summary>
[GenerateSerializer, Immutable, Alias("apexfleet.forecast")]
public sealed record ForecastView
{
    [Id(0)] public int StageIndex { get; init; }
    [Id(1)] public string Stage { get; init; } = "";
    [Id(2)] public DateTimeOffset At { get; init; }
    [Id(3)] public required EstimateView RolloutUsd { get; init; }
    [Id(4)] public required EstimateView EgressUsd { get; init; }
    [Id(5)] public required EstimateView RolloutFallbackUsd { get; init; }
    [Id(6)] public required EstimateView MonthlyUsd { get; init; }
    [Id(7)] public required EstimateView FallbackRate { get; init; }
    [Id(8)] public double MonthlyEnergyUsd { get; init; }
    [Id(9)] public double ReachDevices { get; init; }
    [Id(10)] public double BytesPerDevice { get; init; }
    [Id(11)] public long InstallsMeasured { get; init; }
    [Id(12)] public long InferencesMeasured { get; init; }
    [Id(13)] public double DeltaShare { get; init; }
    [Id(14)] public double InferencesPerDeviceHour { get; init; }
    [Id(15)] public double DeviceHoursMeasured { get; init; }
    [Id(16)] public double SpentFallbackUsd { get; init; }

    public static ForecastView From(CostForecast f, int stageIndex, string stage, DateTimeOffset at) => new()
    {
        StageIndex = stageIndex,
        Stage = stage,
        At = at,
        RolloutUsd = EstimateView.From(f.RolloutUsd),
        EgressUsd = EstimateView.From(f.EgressUsd),
        RolloutFallbackUsd = EstimateView.From(f.RolloutFallbackUsd),
        MonthlyUsd = EstimateView.From(f.MonthlyUsd),
        FallbackRate = EstimateView.From(f.FallbackRate),
        MonthlyEnergyUsd = f.MonthlyEnergyUsd,
        ReachDevices = f.ReachDevices,
        BytesPerDevice = f.BytesPerDevice,
        InstallsMeasured = f.InstallsMeasured,
        InferencesMeasured = f.InferencesMeasured,
        DeltaShare = f.DeltaShare,
        InferencesPerDeviceHour = f.InferencesPerDeviceHour,
        DeviceHoursMeasured = f.DeviceHoursMeasured,
        SpentFallbackUsd = f.SpentFallbackUsd,
    };
}
