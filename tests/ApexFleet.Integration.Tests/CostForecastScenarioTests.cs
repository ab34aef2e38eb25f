using System.Globalization;
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
/// run, fall-backs are the new version's until it reached everyone. Within 15 % in every scenario:
/// egress, and the rollout's whole cost (egress and fall-backs). The fall-back forecast alone is as
/// good as the canary's few slow phones make its rate (about ±10 % in the default scenario), and its
/// interval says so: over eight fleets it must be unbiased, its interval a useful one, and what was
/// spent inside it on all but one (README, "How good is the canary's forecast").
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
        var result = await RunAsync(file, devices, cloudFallbackMs);

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
            $"over {atCompletion.TargetInferences} inferences; the canary measured {canary.InstallsMeasured} installs and {canary.InferencesMeasured} inferences; " +
            $"its fall-back forecast {canary.RolloutFallbackUsd} at {canary.InferencesPerDeviceHour:0.0} inferences a phone-hour measured, " +
            $"{atCompletion.Forecast?.InferencesPerDeviceHour:0.0} a phone-hour over {atCompletion.Forecast?.DeviceHoursMeasured:0} phone-hours run");

        Within(canary.RolloutUsd.Value, egress + fallbacks, "egress and fall-backs");
        Within(canary.EgressUsd.Value, egress, "egress");
        var interval = canary.RolloutFallbackUsd;
        Assert.True((interval.High - interval.Low) / 2 <= 0.3 * interval.Value, $"fall-backs: the interval {interval} is wider than ±30 %");
    }

    [Fact]
    public async Task Over_eight_fleets_the_canarys_fallback_forecast_is_unbiased()
    {
        // The default scenario on eight fleets (seeds 1–8: other phones, other canaries). Counting every
        // phone of a stage from its start made the forecast run about 17 % more inferences than the
        // stages did; the canary's rate misses by about ±10 % from fleet to fleet, not always one way.
        // Its interval comes from the spread between the canary's phones: about ±20 %, where bounding
        // that spread by r(1−r) said ±80 %. A 95 % interval may miss one fleet in eight.
        var errors = new List<double>();
        var missed = new List<ulong>();
        for (ulong seed = 1; seed <= 8; seed++)
        {
            var result = await RunAsync("default.yaml", 50_000, 25, seed);
            Assert.True(result.Completed, $"seed {seed}: {result.Final.Phase}");
            var spent = result.CostAtCompletion!.TargetFallbackUsd;
            var forecast = result.Final.StageForecasts[0].RolloutFallbackUsd;
            output.WriteLine($"seed {seed}: forecast {forecast} vs {spent:0.00} spent");
            errors.Add((forecast.Value - spent) / spent);
            Assert.InRange((forecast.High - forecast.Low) / 2, 0, 0.3 * forecast.Value);
            if (spent < forecast.Low || spent > forecast.High)
            {
                missed.Add(seed);
            }
        }

        output.WriteLine($"fall-back forecast errors: {string.Join(", ", errors.Select(e => e.ToString("P1", CultureInfo.InvariantCulture)))}; mean {errors.Average().ToString("P1", CultureInfo.InvariantCulture)}; outside its interval: {string.Join(", ", missed)}");
        Assert.InRange(errors.Average(), -0.05, 0.05);
        Assert.All(errors, e => Assert.InRange(e, -0.25, 0.25));
        Assert.True(missed.Count <= 1, $"spent outside the forecast's 95 % interval on seeds {string.Join(", ", missed)}");
    }

    private static async Task<SimulationResult> RunAsync(string file, int devices, double cloudFallbackMs, ulong? seed = null)
    {
        var example = ScenarioReader.Load(CliProcess.RepoFile("examples", file)).WithDevices(devices);
        var scenario = example with { Simulation = example.Simulation with { CloudFallbackMs = cloudFallbackMs, Seed = seed ?? example.Simulation.Seed } };
        await using var fleet = await EmbeddedFleet.StartAsync(CancellationToken.None);
        return await new SimulationRunner(fleet.Grains, fleet.FlushCohortDeltasAsync).RunAsync(scenario);
    }

    [Fact]
    public async Task A_budget_below_the_canarys_forecast_holds_the_rollout_with_an_audit_record_of_both_numbers()
    {
        // The default scenario (50,000 phones) with a 5 USD budget: the least it can cost (every phone a
        // 0.3 delta of the 1.8 MB INT4 variant: 2.30 USD) is below it, so it starts; the canary's
        // forecast (about 14 USD of egress) is not, so every gate passes and the canary still holds.
        var text = File.ReadAllText(CliProcess.RepoFile("examples", "default.yaml"))
            .Replace("    seed: 7\n", "    seed: 7\n    budget: { rolloutUSD: 5 }\n", StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"budget-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, text);
        var scenario = ScenarioReader.Load(path);
        File.Delete(path);
        scenario = scenario with { Simulation = scenario.Simulation with { Duration = TimeSpan.FromHours(3) } };
        await using var fleet = await EmbeddedFleet.StartAsync(CancellationToken.None);
        var result = await new SimulationRunner(fleet.Grains, fleet.FlushCohortDeltasAsync).RunAsync(scenario);

        Assert.Equal(Domain.Rollout.RolloutPhase.Progressing, result.Final.Phase);
        Assert.Equal(0, result.Final.StageIndex);
        var hold = Assert.Single(result.Audit, a => a.Reason.StartsWith("over budget", StringComparison.Ordinal));
        Assert.Equal(("Hold", "canary"), (hold.Decision, hold.Stage));
        Assert.Contains("exceeds budget.rolloutUSD 5.00", hold.Reason, StringComparison.Ordinal);
        Assert.Matches(@"rollout forecast \d+\.\d\d USD \(95 % \d+\.\d\d–\d+\.\d\d\)", hold.Reason);
        Assert.Contains(hold.Gates, g => g.Verdict == Domain.Rollout.GateVerdict.Pass);
        Assert.StartsWith("over budget, holding: rollout forecast", result.Cost!.OverBudget, StringComparison.Ordinal);
        Assert.Empty(result.Final.StageForecasts);
    }

    private static void Within(double forecast, double actual, string what)
    {
        Assert.True(actual > 0, $"{what}: nothing was spent");
        var error = Math.Abs(forecast - actual) / actual;
        Assert.True(error <= Tolerance, $"{what}: forecast {forecast:0.00} USD is {error:P1} from the {actual:0.00} USD spent");
    }
}
