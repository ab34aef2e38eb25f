namespace ApexFleet.Domain.Registry;

/// <summary>
/// What one variant measured offline on one chipset family, before any phone runs it: the cohort's
/// starting point for its variant choice.
/// </summary>
public sealed record ChipsetBenchmark(string Chipset, double LatencyP95Ms, double EnergyMj, double AccuracyPercent, double MemoryMb);
