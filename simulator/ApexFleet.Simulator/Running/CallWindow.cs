namespace ApexFleet.Simulator.Running;

/// <summary>
/// Keeps up to a fixed number of grain calls in flight and hands results back oldest first.
/// </summary>
/// <remarks>
/// A sliding window rather than batches with a barrier: with a barrier the silo idles while the
/// next batch is built and the load generator idles while the last calls of a batch finish, which
/// on two cores costs a large share of the throughput. Results still come back in call order, so a
/// run stays deterministic.
/// </remarks>
public sealed class CallWindow<T>(int capacity)
{
    private readonly ValueTask<T>[] _calls = new ValueTask<T>[capacity];
    private readonly int[] _tags = new int[capacity];
    private int _oldest;

    public int Count { get; private set; }

    public bool IsFull => Count == _calls.Length;

    /// <summary>Adds a call, tagged (e.g. with the device index) so its result can be told apart.</summary>
    public void Add(int tag, ValueTask<T> call)
    {
        if (IsFull)
        {
            throw new InvalidOperationException("the window is full: take the oldest call first");
        }

        var slot = (_oldest + Count) % _calls.Length;
        _calls[slot] = call;
        _tags[slot] = tag;
        Count++;
    }

    /// <summary>Awaits the oldest call in flight and returns its tag and result.</summary>
    public async ValueTask<(int Tag, T Result)> TakeOldestAsync()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("no call is in flight");
        }

        var slot = _oldest;
        var call = _calls[slot];
        _calls[slot] = default;
        _oldest = (_oldest + 1) % _calls.Length;
        Count--;
        return (_tags[slot], await call);
    }
}
