using ApexFleet.Cli.Commands;
using ApexFleet.Domain.FinOps;
using ApexFleet.Integration.Tests.Support;
using ApexFleet.Simulator.Running;
using ApexFleet.Simulator.Scenarios;

namespace ApexFleet.Integration.Tests;

/// <summary>
/// The canary's cost forecast against what the completed rollout spent, on simulated fleets. The
/// cloud threshold is set below the examples' 50 ms so that fall-backs are a real part of the bill
/// (a third of it in the default scenario); egress is what every phone downloaded by the end of the
/// run, fall-backs are the new version's until it reached everyone, priced at that volume of inferences.
/// </summary>
public class CostForecastScenarioTests(ITestOutputHelper output)
{
    private const double Tolerance = 0.15;

    public static TheoryData<string, int, double> Scenarios => new()
    {
        { "default.yaml", 50_000, 25 },
        { "private-telemetry.yaml", 20_000, 25 },
        { "on-device/recommender.yaml", 20_000, 30 },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task The_canarys_forecast_of_egress_and_fallback_cost_is_within_15_percent_of_what_the_rollout_spent(string file, int devices, double cloudFallbackMs)
    {
        var example = ScenarioReader.Load(CliProcess.RepoFile("examples", file)).WithDevices(devices);
        var scenario = example with { Simulation = example.Simulation with { CloudFallbackMs = cloudFallbackMs } };
        await using var fleet = await EmbeddedFleet.StartAsync(CancellationToken.None);
        var result = await new SimulationRunner(fleet.Grains, fleet.FlushCohortDeltasAsync).RunAsync(scenario);

        Assert.True(result.Completed, $"{file}: {result.Final.Phase}");
        var canary = result.Final.StageForecasts[0];
        Assert.Equal(0, canary.StageIndex);
        var atCompletion = result.CostAtCompletion!;
        var egress = result.Cost!.EgressUsd;
        var fallbacks = atCompletion.TargetFallbackUsd;
        var volume = atCompletion.TargetInferences / 1000.0 * CostModel.Default.FallbackUsdPer1k;
        var forecastFallbacks = canary.FallbackRate.Value * volume;
        output.WriteLine(
            $"{file} ({devices} phones, cloud over {cloudFallbackMs} ms): egress forecast {canary.EgressUsd} vs {egress:0.00} spent; " +
            $"fall-backs forecast {forecastFallbacks:0.00} ({canary.FallbackRate.Low * volume:0.00}–{canary.FallbackRate.High * volume:0.00}) vs {fallbacks:0.00} spent " +
            $"over {atCompletion.TargetInferences} inferences; the canary measured {canary.InstallsMeasured} installs and {canary.InferencesMeasured} inferences");

        Within(canary.EgressUsd.Value + forecastFallbacks, egress + fallbacks, "egress and fall-backs");
        Within(canary.EgressUsd.Value, egress, "egress");
        Assert.InRange(fallbacks, canary.FallbackRate.Low * volume, canary.FallbackRate.High * volume);
    }

    private static void Within(double forecast, double actual, string what)
    {
        Assert.True(actual > 0, $"{what}: nothing was spent");
        var error = Math.Abs(forecast - actual) / actual;
        Assert.True(error <= Tolerance, $"{what}: forecast {forecast:0.00} USD is {error:P1} from the {actual:0.00} USD spent");
    }
}
