using ApexFleet.Domain.Fleet;

namespace ApexFleet.Domain.Devices;

public enum ReportVerdict
{
    Accepted = 0,
    /// <summary>The device never enrolled; nothing is counted.</summary>
    NotEnrolled = 1,
    /// <summary>A sequence number already seen: a resend, ignored and not counted.</summary>
    Duplicate = 2,
    /// <summary>The report broke a rule; counted on the device, nothing of it stored.</summary>
    Invalid = 3,
    /// <summary>The device sent more than its rate allows; nothing looked at.</summary>
    RateLimited = 4,
}

/// <summary>What the device should run: a model, whether getting there is a rollback, and its download size.</summary>
public readonly record struct Direction(ModelRef? Model, bool IsRollback, double ArtifactMegabytes);

/// <summary>What one report did: the verdict, whether the installed model changed, what to run, and the cohort's share.</summary>
public readonly record struct ReportOutcome(
    ReportVerdict Verdict,
    string? Rejection,
    bool InstallChanged,
    Direction Direction,
    CohortContribution Contribution,
    RejectionReason Reason = RejectionReason.None)
{
    public bool IsAccepted => Verdict == ReportVerdict.Accepted;
}
