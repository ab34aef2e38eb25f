namespace ApexFleet.Domain.Telemetry;

/// <summary>The histogram of a model's output scores that devices report, for drift against the previous version.</summary>
public static class OutputScores
{
    /// <summary>Bins over the score range [0, 1].</summary>
    public const int Bins = 10;

    /// <summary>The bin of a score; scores outside [0, 1] count in the nearest end bin.</summary>
    public static int BinOf(double score) => Math.Clamp((int)(score * Bins), 0, Bins - 1);
}
