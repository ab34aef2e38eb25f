namespace ApexFleet.Domain.Pareto;

/// <summary>The objectives, candidates, constraints or preference do not fit together; the message says how.</summary>
public sealed class ParetoInputException(string message) : Exception(message);
