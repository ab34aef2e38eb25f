namespace ApexFleet.Abstractions.Diagnostics;

/// <summary>
/// A grain that does nothing: benchmarks call it to measure raw Orleans call throughput in the
/// same process as the fleet, so fleet figures can be stated as a ratio of it.
/// </summary>
public interface IBaselineGrain : IGrainWithIntegerKey
{
    Task<int> Echo(int value);
}
