namespace ApexFleet.Domain.Devices;

/// <summary>Why a device's report was not taken: the label of <c>apexfleet_rejected_reports_total</c> and the wire's answer.</summary>
public enum RejectionReason
{
    None = 0,
    NotEnrolled = 1,
    /// <summary>A sequence number already taken: a resend.</summary>
    Duplicate = 2,
    /// <summary>Older than the window of sequence numbers the device remembers; it cannot tell a resend from a late report.</summary>
    Stale = 3,
    /// <summary>A sequence number so far past the last one that taking it would shut out every report in between.</summary>
    SequenceTooFarAhead = 4,
    /// <summary>A value out of its range (NaN, negative, more than a report can hold).</summary>
    InvalidValue = 5,
    CrashesExceedInferences = 6,
    /// <summary>Measurements for a model that is not the one the device has installed.</summary>
    ModelNotRunning = 7,
    /// <summary>The report would overflow the device's totals.</summary>
    Overflow = 8,
    /// <summary>More reports than a device may send per second.</summary>
    RateLimited = 9,
}

public static class RejectionReasons
{
    private static readonly string[] Labels =
        [.. Enum.GetValues<RejectionReason>().Select(r => string.Concat(r.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? $"_{char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString())))];

    /// <summary>The reason in snake case (<c>sequence_too_far_ahead</c>), as metrics label it.</summary>
    public static string Label(this RejectionReason reason) => Labels[(int)reason];
}
