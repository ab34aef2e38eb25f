using System.Diagnostics.CodeAnalysis;
using ApexFleet.Domain.Fairness;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Pareto;

/// <summary>What a cohort knows about one variant before measuring it (a benchmark, or the simulator's catalogue).</summary>
/// <param name="FallbackShare">Expected share of inferences that miss the app's latency budget and go to the cloud.</param>
public sealed record VariantPrior(Precision Precision, double LatencyP95Ms, double EnergyMj, double AccuracyPercent, double MemoryMb, double FallbackShare = 0);

/// <summary>The variant a cohort should run, the Pareto analysis behind it, and where each number came from.</summary>
public sealed record VariantDecision(Precision? Chosen, ParetoAnalysis Analysis, IReadOnlyDictionary<string, string> Evidence, IReadOnlyList<Candidate> Candidates)
{
    public string Explain() => Chosen is { } chosen
        ? Analysis.Explanations[chosen.ToLabel()]
        : "no variant meets the constraints: " + string.Join("; ", Analysis.Infeasible.Select(i => i.Explain()));
}

/// <summary>
/// Picks a cohort's variant: each candidate starts from its prior, and a measured figure replaces
/// the prior once the cohort has at least <see cref="VariantSelection.MinSamples"/> inferences of
/// that variant (the sample mean for energy, memory and cloud fall-backs, the sketch's p95 for
/// latency; the share of correct outcomes for accuracy only when its 99.9% Wilson interval excludes
/// the prior, since sampling error is larger than the differences between variants). Below the
/// minimum the prior stands: no choice rests on a handful of canary devices. Priors of variants not
/// yet measured are scaled by how far this cohort's measured variants are from theirs. Pure and
/// deterministic.
/// </summary>
public static class VariantChooser
{
    public const double AccuracyConfidence = 0.999;

    public static VariantDecision Choose(
        VariantSelection selection,
        IReadOnlyList<VariantPrior> priors,
        IReadOnlyDictionary<Precision, VariantMetrics> measured)
    {
        var evidence = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var candidates = new List<Candidate>();
        var calibration = Calibration(selection, priors, measured);
        foreach (var prior in priors.Where(p => selection.SizesMb.ContainsKey(p.Precision)).OrderBy(p => p.Precision))
        {
            var values = Values(prior, selection, measured.GetValueOrDefault(prior.Precision), calibration, out var source);
            evidence[prior.Precision.ToLabel()] = source;
            candidates.Add(new Candidate(prior.Precision.ToLabel(), [.. selection.Objectives.Select(o => values[o.Name])]));
        }

        var analysis = ParetoAnalyzer.Analyze(selection.Objectives, candidates, selection.Constraints, selection.Preference);
        Precision? chosen = analysis.Choice is { } choice && PrecisionNames.TryParse(choice.Id, out var precision) ? precision : null;
        return new VariantDecision(chosen, analysis, evidence, candidates);
    }

    /// <summary>
    /// How much slower and hungrier this cohort's phones are than the catalogue says, from the
    /// variants it has measured (geometric mean of measured ÷ prior). Unmeasured variants' priors are
    /// scaled by it, so a variant is not preferred merely for not having met real phones yet.
    /// </summary>
    private static (double Latency, double Energy) Calibration(
        VariantSelection selection, IReadOnlyList<VariantPrior> priors, IReadOnlyDictionary<Precision, VariantMetrics> measured)
    {
        var ratios = priors
            .Where(p => measured.TryGetValue(p.Precision, out var m) && IsMeasured(m, selection) && p.LatencyP95Ms > 0 && p.EnergyMj > 0)
            .Select(p => (Latency: Math.Log(measured[p.Precision].Latency.Quantile(0.95) / p.LatencyP95Ms),
                Energy: Math.Log(measured[p.Precision].Counters.EnergyMillijoules / measured[p.Precision].Counters.Inferences / p.EnergyMj)))
            .Where(r => double.IsFinite(r.Latency) && double.IsFinite(r.Energy))
            .ToList();
        return ratios.Count == 0 ? (1, 1) : (Math.Exp(ratios.Average(r => r.Latency)), Math.Exp(ratios.Average(r => r.Energy)));
    }

    private static bool IsMeasured([NotNullWhen(true)] VariantMetrics? measured, VariantSelection selection) =>
        measured is not null && measured.Counters.Inferences > 0 && measured.Counters.Inferences >= selection.MinSamples;

    private static Dictionary<string, double> Values(
        VariantPrior prior, VariantSelection selection, VariantMetrics? measured, (double Latency, double Energy) calibration, out string source)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [VariantMetricNames.Latency] = prior.LatencyP95Ms * calibration.Latency,
            [VariantMetricNames.Energy] = prior.EnergyMj * calibration.Energy,
            [VariantMetricNames.Accuracy] = prior.AccuracyPercent,
            [VariantMetricNames.Size] = selection.SizesMb[prior.Precision],
            [VariantMetricNames.Memory] = prior.MemoryMb,
            [VariantMetricNames.Cost] = prior.FallbackShare * selection.CloudCostPer1k,
        };
        if (!IsMeasured(measured, selection))
        {
            var scaled = calibration == (1, 1) ? "" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $", latency ×{calibration.Latency:0.###} and energy ×{calibration.Energy:0.###} as this cohort measured");
            source = measured is { Counters.Inferences: > 0 }
                ? $"prior ({measured.Counters.Inferences} of {selection.MinSamples} samples measured{scaled})"
                : $"prior{scaled}";
            return values;
        }


        values[VariantMetricNames.Latency] = measured.Latency.Quantile(0.95);
        values[VariantMetricNames.Energy] = measured.Counters.EnergyMillijoules / measured.Counters.Inferences;
        values[VariantMetricNames.Cost] = (double)measured.Counters.CloudFallbacks / measured.Counters.Inferences * selection.CloudCostPer1k;
        if (measured.Counters.Reports > 0)
        {
            values[VariantMetricNames.Memory] = measured.Counters.PeakMemoryMb / measured.Counters.Reports;
        }

        // Accuracy moves by fractions of a point between variants, less than its sampling error on a
        // canary: the measured share replaces the prior only when its interval excludes the prior.
        var outcomes = ConfusionCounts.Sum(measured.Outcomes.Values);
        if (outcomes.Total >= selection.MinSamples)
        {
            // 99.9%: a dozen cohorts × several variants × every stage is many comparisons.
            var interval = RateInterval.Wilson(outcomes.TruePositives + outcomes.TrueNegatives, outcomes.Total, AccuracyConfidence);
            var expected = prior.AccuracyPercent / 100;
            if (expected < interval.Lower || expected > interval.Upper)
            {
                values[VariantMetricNames.Accuracy] = (double)(outcomes.TruePositives + outcomes.TrueNegatives) / outcomes.Total * 100;
            }
        }

        source = $"measured ({measured.Counters.Inferences} inferences)";
        return values;
    }
}
