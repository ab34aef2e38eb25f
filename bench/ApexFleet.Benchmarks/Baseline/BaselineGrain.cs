using ApexFleet.Abstractions.Diagnostics;

namespace ApexFleet.Grains.Diagnostics;

public sealed class BaselineGrain : Grain, IBaselineGrain
{
    public ValueTask<int> Echo(int value) => ValueTask.FromResult(value);
}
