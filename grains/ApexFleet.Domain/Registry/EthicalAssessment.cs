namespace ApexFleet.Domain.Registry;

/// <summary>Who assessed a model version, when, and what they said.</summary>
public sealed record EthicalAssessment(EthicalStatus Status, string? By, DateTimeOffset? At);
