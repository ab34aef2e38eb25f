namespace ApexFleet.Domain.Devices;

/// <summary>Where a sequence number falls against what a device has taken.</summary>
public enum SequencePlace
{
    /// <summary>Past every number taken, within reach.</summary>
    Next = 0,
    /// <summary>Below the highest taken, inside the window, not taken yet: a report that arrived late.</summary>
    Late = 1,
    Duplicate = 2,
    /// <summary>Below the window: no longer known whether it was taken.</summary>
    Stale = 3,
    TooFarAhead = 4,
    /// <summary>Zero or negative.</summary>
    Invalid = 5,
}

/// <summary>
/// The sequence numbers a device has taken: the highest, and a bitmap of the <see cref="Size"/> below
/// it, so a late report is taken once and a resend is known as one. A jump of more than
/// <see cref="MaxAhead"/> is refused: one bogus number near <see cref="long.MaxValue"/> would
/// otherwise make every later report look old.
/// </summary>
public record struct SequenceWindow(long Last, ulong Taken)
{
    public const int Size = 64;
    public const long MaxAhead = 1_000_000;

    public readonly SequencePlace Place(long sequence)
    {
        if (sequence <= 0)
        {
            return SequencePlace.Invalid;
        }

        if (sequence > Last)
        {
            return sequence - Last > MaxAhead ? SequencePlace.TooFarAhead : SequencePlace.Next;
        }

        var back = Last - sequence;
        return back >= Size ? SequencePlace.Stale
            : (Taken & (1UL << (int)back)) != 0 ? SequencePlace.Duplicate
            : SequencePlace.Late;
    }

    /// <summary>Marks a number <see cref="Place"/> judged <see cref="SequencePlace.Next"/> or <see cref="SequencePlace.Late"/> as taken.</summary>
    public void Take(long sequence)
    {
        if (sequence > Last)
        {
            var shift = sequence - Last;
            Taken = (shift >= Size ? 0 : Taken << (int)shift) | 1;
            Last = sequence;
        }
        else
        {
            Taken |= 1UL << (int)(Last - sequence);
        }
    }

    /// <summary>A window stored before the bitmap existed: everything up to the last number counts as taken, as it did then.</summary>
    public static SequenceWindow Restored(long last, ulong taken) =>
        new(last, taken == 0 && last > 0 ? ulong.MaxValue : taken);
}
