namespace ApexFleet.Domain.Pareto;

/// <summary>
/// Everything a Pareto selection decided, with its reasons: the fronts (ids in ordinal order), the
/// infeasible candidates with the constraints they break, one dominator for every dominated
/// candidate, the choice, and the hypervolume of the first front against <see cref="Reference"/>
/// (original units; empty when no candidate is feasible).
/// </summary>
public sealed record ParetoAnalysis(
    IReadOnlyList<Objective> Objectives,
    IReadOnlyList<IReadOnlyList<string>> Fronts,
    IReadOnlyList<Infeasibility> Infeasible,
    IReadOnlyDictionary<string, string> DominatedBy,
    ParetoChoice? Choice,
    IReadOnlyList<double> Reference,
    double Hypervolume,
    IReadOnlyDictionary<string, string> Explanations);
