using ApexFleet.Abstractions.Deployments;
using ApexFleet.Domain.Fleet;
using ApexFleet.Simulator.Catalogue;
using ApexFleet.Simulator.Scenarios;
using MathNet.Numerics.Distributions;

namespace ApexFleet.Simulator.Running;

/// <summary>
/// What the catalogue leads a cohort to expect of each variant of the new version before any device
/// runs it: the same figures the telemetry model draws from, without the per-device noise.
/// </summary>
public static class VariantPriors
{
    /// <summary>z of the 95th percentile: a log-normal's p95 is its median × e^(1.645σ).</summary>
    private const double P95 = 1.6448536269514722;

    public static IReadOnlyList<VariantPriorInput> FromCatalogue(Scenario scenario, ChipsetCatalogue catalogue)
    {
        var model = scenario.Models[scenario.Deployment.TargetVersion];

        // The new version explains its answers as the deployment asks, as the telemetry model makes it do.
        var explanations = Domain.Rollout.Guardrails.Overhead(scenario.Deployment.Guards.Explainability);
        var priors = new List<VariantPriorInput>();
        foreach (var family in scenario.Fleet.Chipsets)
        {
            var chipset = catalogue[family];
            foreach (var precision in Enum.GetValues<Precision>())
            {
                var profile = chipset.For(precision);
                var median = profile.LatencyMs * model.LatencyScale * explanations.Latency;
                priors.Add(new VariantPriorInput(
                    family,
                    precision,
                    median * Math.Exp(P95 * profile.Sigma),
                    chipset.EnergyMillijoules(precision, median) * explanations.Energy / explanations.Latency,
                    model.AccuracyPercent + profile.AccuracyDelta,
                    profile.MemoryMb,
                    // Share of a log-normal above the app's latency budget: those inferences go to the cloud.
                    1 - LogNormal.CDF(Math.Log(median), profile.Sigma, scenario.Simulation.CloudFallbackMs)));
            }
        }

        return priors;
    }
}
