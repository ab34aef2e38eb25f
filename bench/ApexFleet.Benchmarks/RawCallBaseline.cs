using System.Diagnostics;
using ApexFleet.Benchmarks.Baseline;
using ApexFleet.Simulator.Running;

namespace ApexFleet.Benchmarks;

/// <summary>
/// Raw Orleans calls to a set of no-op grains, made the way the simulator sends reports: in turn,
/// <see cref="SimulationRunner.Batch"/> in flight in a sliding window, through references made once
/// per grain from a resolved grain type. Only measured rounds count towards the rate.
/// </summary>
internal sealed class RawCallBaseline
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    private readonly IBaselineGrain[] _grains;
    private readonly CallWindow<int> _window = new(SimulationRunner.Batch);
    private TimeSpan _measured;
    private long _calls;
    private GcFigures _gc = GcFigures.None;

    private RawCallBaseline(IBaselineGrain[] grains) => _grains = grains;

    /// <summary><paramref name="count"/> grains with keys from <paramref name="firstKey"/>, so separate sets never share a grain.</summary>
    public static RawCallBaseline Over(IGrainFactory grains, int count, long firstKey)
    {
        var type = ResolvedGrainType<IBaselineGrain>.ForIntegerKeys(grains);
        return new RawCallBaseline([.. Enumerable.Range(0, count).Select(i => type.Get(firstKey + i))]);
    }

    public double CallsPerSecond => _calls / Math.Max(_measured.TotalSeconds, 1e-9);

    /// <summary>Collections, pauses and allocation during the measured rounds only.</summary>
    public GcFigures Gc => _gc;

    /// <summary>
    /// Unmeasured rounds: at least one (which activates every grain) and enough for the JIT to finish
    /// tiering Orleans' call path up; measured cold, raw calls look far slower than the fleet's own,
    /// by then hot, calls (docs/PERFORMANCE.md).
    /// </summary>
    public async Task WarmUpAsync()
    {
        var clock = Stopwatch.StartNew();
        do
        {
            await RoundAsync();
        }
        while (clock.Elapsed < WarmUp);
    }

    /// <summary>One measured call to every grain.</summary>
    public async Task MeasuredRoundAsync()
    {
        var gc = GcWatch.Start();
        var clock = Stopwatch.StartNew();
        await RoundAsync();
        _measured += clock.Elapsed;
        _calls += _grains.Length;
        _gc = _gc.Plus(gc.Stop());
    }

    /// <summary>Measured rounds for at least <paramref name="duration"/>, with a progress line every few seconds.</summary>
    public async Task MeasureForAsync(TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var lastLine = TimeSpan.Zero;
        while (clock.Elapsed < duration)
        {
            await MeasuredRoundAsync();
            if (clock.Elapsed - lastLine >= ProgressInterval)
            {
                lastLine = clock.Elapsed;
                Console.WriteLine($"  {CallsPerSecond:N0} calls/s so far  {clock.Elapsed.TotalSeconds:0.0}s");
            }
        }
    }

    private async Task RoundAsync()
    {
        for (var grain = 0; grain < _grains.Length; grain++)
        {
            if (_window.IsFull)
            {
                await _window.TakeOldestAsync();
            }

            _window.Add(grain, _grains[grain].Echo(grain));
        }

        while (_window.Count > 0)
        {
            await _window.TakeOldestAsync();
        }
    }
}
