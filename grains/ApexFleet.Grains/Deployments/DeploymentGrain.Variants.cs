using ApexFleet.Abstractions.Cohorts;
using ApexFleet.Abstractions.Fleet;
using ApexFleet.Abstractions.Registry;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Pareto;
using ApexFleet.Domain.Registry;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Grains.Deployments;

/// <summary>
/// Which variant each cohort runs: chosen between stages on the Pareto front of its evidence, which
/// starts from the priors the rollout's starter gave, else the registry's benchmarks.
/// </summary>
public sealed partial class DeploymentGrain
{
    private async Task<Func<string, IReadOnlyList<VariantPrior>>> PriorsAsync(RolloutDefinition definition)
    {
        if (State.Priors.Count > 0)
        {
            return cohort => [.. State.Priors.Where(p => p.Cohort == cohort).Select(p => p.ToPrior())];
        }

        // A live fleet has no catalogue: the signed manifests of the version carry what it measured offline.
        var artifacts = await GrainFactory.GetGrain<IModelRegistryGrain>(definition.ModelId).GetArtifacts();
        var manifests = artifacts.Select(a => a.Manifest).ToList();
        return cohort => BenchmarkPriors.For(cohort, definition.TargetVersion, manifests);
    }

    /// <summary>Asks every cohort's evidence (priors, then what it measured) which variant it should run next.</summary>
    private async Task ChooseVariantsAsync()
    {
        var definition = Definition();
        if (definition.Selection is not { } selection)
        {
            return;
        }

        var cohorts = await GrainFactory.GetGrain<IFleetDirectoryGrain>(0).GetCohorts();
        var priorsOf = await PriorsAsync(definition);
        var choices = new List<VariantChoice>();
        foreach (var name in cohorts.Order(StringComparer.Ordinal))
        {
            var cohort = GrainFactory.GetGrain<ICohortGrain>(name);
            var priors = priorsOf(name);
            var measured = new Dictionary<Precision, VariantMetrics>();
            foreach (var precision in selection.SizesMb.Keys)
            {
                measured[precision] = await cohort.GetEvidence(Id, (definition.Target with { Precision = precision }).Key);
            }

            var decision = VariantChooser.Choose(selection, priors, measured);
            if (decision.Chosen is { } chosen)
            {
                State.VariantByCohort[name] = chosen;
            }

            var choice = VariantChoice.Of(Id, State.StageIndex, name, selection, decision);
            choices.Add(choice);
            await cohort.RecordChoice(choice);
        }

        State.Choices = choices;
    }
}
