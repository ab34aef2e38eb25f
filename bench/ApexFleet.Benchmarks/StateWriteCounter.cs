using System.Diagnostics.Metrics;
using ApexFleet.Grains;

namespace ApexFleet.Benchmarks;

/// <summary>Adds up the fleet's grain-state writes while it lives (the <c>apexfleet.state.writes</c> counter).</summary>
public sealed class StateWriteCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _total;

    public StateWriteCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == FleetMetrics.MeterName && instrument.Name == "apexfleet.state.writes")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _total, value));
        _listener.Start();
    }

    public long Total => Interlocked.Read(ref _total);

    public void Dispose() => _listener.Dispose();
}
