using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Pareto;

namespace ApexFleet.Domain.Registry;

/// <summary>
/// A cohort's starting point on a live fleet: what each registered variant of the rollout's version
/// measured offline on the cohort's chipset family (the manifests' signed benchmarks). A variant
/// without a benchmark for that family has no prior, so the cohort cannot pick it blind.
/// </summary>
public static class BenchmarkPriors
{
    public static IReadOnlyList<VariantPrior> For(string cohort, string version, IEnumerable<ArtifactManifest> artifacts)
    {
        var chipset = CohortKey.ChipsetOf(cohort);
        var priors = new List<VariantPrior>();
        foreach (var artifact in artifacts.Where(a => a.Version == version).OrderBy(a => a.Variant))
        {
            if (artifact.Benchmarks?.FirstOrDefault(b => b.Chipset == chipset) is { } b)
            {
                // Offline benchmarks time the model alone: no cloud fall-back share is known before phones report.
                priors.Add(new VariantPrior(artifact.Variant, b.LatencyP95Ms, b.EnergyMj, b.AccuracyPercent, b.MemoryMb));
            }
        }

        return priors;
    }
}
