namespace ApexFleet.Domain.Pareto;

/// <summary>One option to choose from (e.g. a quantization variant), with one value per objective in objective order.</summary>
public sealed record Candidate(string Id, IReadOnlyList<double> Values);
