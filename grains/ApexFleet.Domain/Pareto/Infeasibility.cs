namespace ApexFleet.Domain.Pareto;

/// <summary>A candidate removed before sorting, with every constraint it breaks (in the order the constraints were given).</summary>
public sealed record Infeasibility(string Id, IReadOnlyList<ConstraintViolation> Violations)
{
    public string Explain() => $"infeasible: {string.Join("; ", Violations)}";
}
