using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Telemetry;

namespace ApexFleet.Domain.Devices;

/// <summary>
/// The fall-backs and inferences this phone's cohort has from it on the model its reports measure,
/// since the first such report. Each report hands its cohort what it changes in their squares and
/// product (<see cref="PhoneSpread"/>), so the cohort knows how much its phones differ without a
/// line per phone. A record stored before this existed starts over at its next report.
/// </summary>
public struct ModelRun
{
    public ModelRef? Model { get; set; }
    public long Fallbacks { get; set; }
    public long Inferences { get; set; }

    /// <summary>
    /// Adds a report's counts on <paramref name="model"/>, writing their spread change into <paramref name="period"/>.
    /// A report on a model the phone no longer runs (a late one) counts as a phone of its own, leaving the run alone.
    /// </summary>
    public void Count(ModelRef model, ModelRef? installed, ref TelemetryCounters period)
    {
        var follows = model == installed;
        if (follows && Model != model)
        {
            (Model, Fallbacks, Inferences) = (model, 0, 0);
        }

        var change = follows
            ? PhoneSpread.Change(Fallbacks, Inferences, period.CloudFallbacks, period.Inferences)
            : PhoneSpread.Change(0, 0, period.CloudFallbacks, period.Inferences);
        period[TelemetryCounter.PhoneFallbacksSquared] = change.FallbacksSquared;
        period[TelemetryCounter.PhoneFallbacksTimesInferences] = change.FallbacksTimesInferences;
        period[TelemetryCounter.PhoneInferencesSquared] = change.InferencesSquared;
        if (follows)
        {
            Fallbacks += period.CloudFallbacks;
            Inferences += period.Inferences;
        }
    }
}
