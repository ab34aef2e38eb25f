namespace ApexFleet.Benchmarks.Baseline;

/// <summary>
/// A grain that does nothing: benchmarks call it to measure raw Orleans call throughput in the
/// same process as the fleet, so fleet figures can be stated as a ratio of it.
/// </summary>
public interface IBaselineGrain : IGrainWithIntegerKey
{
    /// <summary>Returns its argument; a ValueTask like the device report it is compared with.</summary>
    ValueTask<int> Echo(int value);
}
