namespace ApexFleet.Simulator.Telemetry;

/// <summary>
/// How a tick's inferences come in app sessions and how sessions convert. The inferences are cut
/// in order into sessions of <see cref="InferencesPerSession"/> (the last one may be shorter), so
/// sessions = ⌈inferences ÷ 3⌉. A session converts with the version's rate, lowered by how long the
/// user waited for its answers (the sum of its inferences' latencies): each 100 ms of waiting keeps
/// <see cref="ConversionKeptPer100Ms"/> of the conversions, compounding.
/// </summary>
public static class SessionRule
{
    /// <summary>Answers the model gives in one app session. Assumption (docs/REFERENCES.md#assumptions): a recommender ranks about three screens a visit.</summary>
    public const int InferencesPerSession = 3;

    /// <summary>100 ms more load time cost smartphone shoppers 7.1 % of conversions [R65]; we apply the same elasticity to waiting for the model.</summary>
    public const double ConversionKeptPer100Ms = 1 - 0.071;

    public static int Sessions(int inferences) => (inferences + InferencesPerSession - 1) / InferencesPerSession;

    /// <summary>How many of the tick's inferences session <paramref name="session"/> holds.</summary>
    public static int SizeOf(int session, int inferences) => Math.Min(InferencesPerSession, inferences - (session * InferencesPerSession));

    /// <summary>The chance a session converts: the version's rate (percent, with instant answers) × the latency penalty × any fault's factor.</summary>
    public static double ConversionProbability(double ratePercent, double waitedMs, double faultFactor) =>
        Math.Clamp(ratePercent / 100 * Math.Pow(ConversionKeptPer100Ms, waitedMs / 100) * faultFactor, 0, 1);
}
