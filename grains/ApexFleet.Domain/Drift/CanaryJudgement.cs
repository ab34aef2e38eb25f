namespace ApexFleet.Domain.Drift;

/// <summary>The canary judge's verdict on one metric, with the numbers behind it.</summary>
/// <param name="Shift">Canary minus control (Hodges–Lehmann with its interval); null when there were too few samples.</param>
/// <param name="Band">The harmless change either way: tolerance × |median of the control|.</param>
/// <param name="PValue">Two-sided Mann–Whitney p-value of canary against control; NaN when not computed.</param>
public sealed record CanaryJudgement(
    CanaryVerdict Verdict,
    ShiftEstimate? Shift,
    double Band,
    double PValue,
    int ControlCount,
    int CanaryCount,
    string Reason);
