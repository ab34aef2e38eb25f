using ApexFleet.Abstractions.Diagnostics;

namespace ApexFleet.Grains.Diagnostics;

public sealed class BaselineGrain : Grain, IBaselineGrain
{
    public Task<int> Echo(int value) => Task.FromResult(value);
}
