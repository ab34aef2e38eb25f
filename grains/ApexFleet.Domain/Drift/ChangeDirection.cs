namespace ApexFleet.Domain.Drift;

/// <summary>Which change of a metric is harmful, and so judged (Kayenta's direction).</summary>
public enum ChangeDirection
{
    /// <summary>Both: higher and lower are both failures (e.g. a prediction rate).</summary>
    Either = 0,

    /// <summary>Only an increase is harmful (latency, crashes, energy).</summary>
    Increase = 1,

    /// <summary>Only a decrease is harmful (accuracy, throughput).</summary>
    Decrease = 2,
}
