namespace ApexFleet.Domain.Drift;

/// <param name="Tolerance">Half-width of the band of harmless change, as a share of the control's median.</param>
/// <param name="Confidence">Confidence level of the Hodges–Lehmann interval.</param>
/// <param name="MinSamples">Fewer values than this in either sample is inconclusive.</param>
public sealed record CanaryJudgeOptions(
    double Tolerance = 0.25,
    double Confidence = 0.95,
    int MinSamples = 20,
    ChangeDirection Direction = ChangeDirection.Either)
{
    public static readonly CanaryJudgeOptions Default = new();
}
