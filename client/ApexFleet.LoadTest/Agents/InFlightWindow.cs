namespace ApexFleet.LoadTest.Agents;

/// <summary>
/// Up to a fixed number of calls in flight on one connection, the oldest awaited first when full: a
/// sliding window keeps the silo busy without a barrier after every batch.
/// </summary>
internal sealed class InFlightWindow(int capacity)
{
    private readonly ValueTask[] _calls = new ValueTask[capacity];
    private int _oldest;
    private int _count;

    public async ValueTask AddAsync(ValueTask call)
    {
        if (_count == _calls.Length)
        {
            await TakeOldestAsync();
        }

        _calls[(_oldest + _count) % _calls.Length] = call;
        _count++;
    }

    public async ValueTask DrainAsync()
    {
        while (_count > 0)
        {
            await TakeOldestAsync();
        }
    }

    private async ValueTask TakeOldestAsync()
    {
        var call = _calls[_oldest];
        _calls[_oldest] = default;
        _oldest = (_oldest + 1) % _calls.Length;
        _count--;
        await call;
    }
}
