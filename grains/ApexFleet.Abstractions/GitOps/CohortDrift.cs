namespace ApexFleet.Abstractions.GitOps;

/// <summary>Devices of a cohort on a version of a followed model that no manifest wants.</summary>
[GenerateSerializer, Immutable, Alias("apexfleet.cohort-drift")]
public sealed record CohortDrift(
    [property: Id(0)] string Cohort,
    [property: Id(1)] string Model,
    [property: Id(2)] string Version,
    [property: Id(3)] long Devices);
