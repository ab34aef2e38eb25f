namespace ApexFleet.Benchmarks.Baseline;

/// <summary>
/// The no-op grain behind <see cref="IBaselineGrain"/>. It lives in the benchmark assembly, so only
/// the silo a benchmark embeds hosts it: product silos have no grain that exists only to be timed.
/// </summary>
public sealed class BaselineGrain : Grain, IBaselineGrain
{
    public ValueTask<int> Echo(int value) => ValueTask.FromResult(value);
}
