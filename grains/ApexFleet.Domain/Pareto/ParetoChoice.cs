namespace ApexFleet.Domain.Pareto;

/// <summary>
/// The first-front member a preference picked, the rule's name, a sentence saying why, and the number
/// each front member was ranked by: the weighted sum (lower wins) or the knee distance (higher wins);
/// empty for lexicographic order.
/// </summary>
public sealed record ParetoChoice(string Id, string Rule, string Why, IReadOnlyDictionary<string, double> Scores);
