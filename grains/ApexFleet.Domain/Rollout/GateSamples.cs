namespace ApexFleet.Domain.Rollout;

/// <summary>
/// How far one gate's evidence on one scope (a cohort, or the fleet) is from what it needs before it
/// may decide: its minimum samples; and, for a gate whose interval still straddles its decision edges,
/// as many as shrink the interval (as 1/√n, the observed value held) until one end clears its edge.
/// </summary>
public readonly record struct GateSamples(string Metric, string Scope, long Samples, long Needed)
{
    public static GateSamples Of(GateResult r) =>
        Of(r.Gate.Metric, r.Scope, r.Samples, r.Gate.MinSamples, r.Verdict, r.Observed, r.Lower, r.Upper, r.Gate.Threshold, r.Gate.ClearlyHarmful, r.Gate.UpperIsWorse);

    /// <param name="clearlyHarmful">The edge the worst end must stay short of to pass.</param>
    public static GateSamples Of(
        string metric, string scope, long samples, long minSamples, GateVerdict verdict, double observed, double lower, double upper, double threshold, double clearlyHarmful, bool upperIsWorse)
    {
        var needed = minSamples;
        if (verdict == GateVerdict.Inconclusive && samples >= minSamples && samples > 0 && double.IsFinite(lower) && double.IsFinite(upper) && double.IsFinite(observed))
        {
            // The factor the interval's ends must come in by: to pass, the worst end to its edge; to fail, the best end past the threshold.
            var (worst, best) = upperIsWorse ? (upper, lower) : (lower, upper);
            var shrink = Math.Max(Shrink(observed, worst, clearlyHarmful), Shrink(observed, best, threshold));
            if (shrink > 0 && shrink < 1)
            {
                needed = Math.Max(needed, (long)Math.Ceiling((samples / (shrink * shrink)) - 1e-6));
            }
        }

        return new(metric, scope, samples, needed);
    }

    public bool IsShort => Samples < Needed;

    /// <summary>How far the end at <paramref name="end"/> must come in towards the value for it to reach <paramref name="edge"/>; 0 when it never would.</summary>
    private static double Shrink(double observed, double end, double edge) =>
        (edge - observed) / (end - observed) is var s && s > 0 && double.IsFinite(s) ? s : 0;
}
