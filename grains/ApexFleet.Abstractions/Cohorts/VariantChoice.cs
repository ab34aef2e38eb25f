using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Pareto;

namespace ApexFleet.Abstractions.Cohorts;

/// <summary>A cohort's variant choice for a deployment, with the Pareto fronts and the reason for every candidate.</summary>
[GenerateSerializer, Immutable, Alias("apexfleet.variant-choice")]
public sealed record VariantChoice(
    [property: Id(0)] string Deployment,
    [property: Id(1)] int StageIndex,
    [property: Id(2)] string? Chosen,
    [property: Id(3)] IReadOnlyList<IReadOnlyList<string>> Fronts,
    [property: Id(4)] IReadOnlyDictionary<string, string> Explanations,
    [property: Id(5)] IReadOnlyDictionary<string, string> Evidence,
    [property: Id(6)] double Hypervolume,
    [property: Id(7)] IReadOnlyDictionary<string, IReadOnlyList<double>> Values,
    [property: Id(8)] IReadOnlyList<string> Objectives,
    [property: Id(9)] string Cohort)
{
    public static VariantChoice Of(string deployment, int stageIndex, string cohort, VariantSelection selection, VariantDecision decision) => new(
        deployment,
        stageIndex,
        decision.Chosen?.ToLabel(),
        decision.Analysis.Fronts.Select(f => (IReadOnlyList<string>)f.ToList()).ToList(),
        new Dictionary<string, string>(decision.Analysis.Explanations, StringComparer.Ordinal),
        new Dictionary<string, string>(decision.Evidence, StringComparer.Ordinal),
        decision.Analysis.Hypervolume,
        decision.Candidates.ToDictionary(c => c.Id, c => (IReadOnlyList<double>)c.Values.ToList(), StringComparer.Ordinal),
        selection.Objectives.Select(o => o.ToString()).ToList(),
        cohort);
}
