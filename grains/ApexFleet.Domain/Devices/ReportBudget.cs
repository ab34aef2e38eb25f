namespace ApexFleet.Domain.Devices;

/// <summary>How many reports one device may send: a steady rate, and a burst for a phone catching up after being offline.</summary>
public sealed record ReportRate(double PerSecond, int Burst)
{
    public static readonly ReportRate Default = new(100, 1_000);
}

/// <summary>
/// A token bucket of one device's reports, on the silo's clock (milliseconds, any origin). Kept in
/// memory only: a reactivated device starts with a full bucket, which costs at most one burst.
/// </summary>
public struct ReportBudget
{
    private double _tokens;
    private long _lastMs;
    private bool _started;

    /// <summary>Takes one report's token; false when the device is over its rate.</summary>
    public bool TryTake(ReportRate rate, long nowMs)
    {
        if (!_started)
        {
            _tokens = rate.Burst;
            _lastMs = nowMs;
            _started = true;
        }
        else if (nowMs > _lastMs)
        {
            _tokens = Math.Min(rate.Burst, _tokens + ((nowMs - _lastMs) * rate.PerSecond / 1000));
            _lastMs = nowMs;
        }

        if (_tokens < 1)
        {
            return false;
        }

        _tokens--;
        return true;
    }
}
