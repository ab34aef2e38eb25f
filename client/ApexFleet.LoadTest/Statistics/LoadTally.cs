using System.Collections.Concurrent;
using ApexFleet.Domain.Devices;

namespace ApexFleet.LoadTest.Statistics;

/// <summary>
/// Counts of what became of every report, bumped from many threads: taken by the device, refused by
/// it (by the fleet's own <see cref="RejectionReason"/>), or failed on the way (by exception type or
/// HTTP status), each kind counted apart.
/// </summary>
public sealed class LoadTally
{
    private readonly long[] _rejected = new long[Enum.GetValues<RejectionReason>().Length];
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private long _accepted;
    private long _enrolled;

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Enrolled => Interlocked.Read(ref _enrolled);

    public long Rejected => _rejected.Sum();

    public long Errors => _errors.Values.Sum();

    public void CountAccepted() => Interlocked.Increment(ref _accepted);

    public void CountEnrolled() => Interlocked.Increment(ref _enrolled);

    public void CountRejected(RejectionReason reason) => Interlocked.Increment(ref _rejected[(int)reason]);

    public void CountError(string kind) => _errors.AddOrUpdate(kind, 1, (_, n) => n + 1);

    /// <summary>Every kind of refusal and failure seen, with its count (refusals as <c>rejected:reason</c>), sorted by kind.</summary>
    public IReadOnlyDictionary<string, long> ErrorsByKind()
    {
        var kinds = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (kind, count) in _errors)
        {
            kinds[kind] = count;
        }

        for (var reason = 0; reason < _rejected.Length; reason++)
        {
            if (Interlocked.Read(ref _rejected[reason]) is > 0 and var count)
            {
                kinds[$"rejected:{((RejectionReason)reason).Label()}"] = count;
            }
        }

        return kinds;
    }

    /// <summary>The counts as of now, to tell an interval's share from the difference of two.</summary>
    public TallyReading Read() => new(Accepted, Rejected, Errors, Enrolled);
}

public readonly record struct TallyReading(long Accepted, long Rejected, long Errors, long Enrolled)
{
    public TallyReading Since(TallyReading earlier) =>
        new(Accepted - earlier.Accepted, Rejected - earlier.Rejected, Errors - earlier.Errors, Enrolled - earlier.Enrolled);
}
