using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Fleet;

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
    /// Adds a report's counts on <paramref name="model"/> and says what they change in its phone's spread.
    /// A report on a model the phone no longer runs (a late one) counts as a phone of its own, leaving the run alone.
    /// </summary>
    public PhoneSpread Count(ModelRef model, ModelRef? installed, long fallbacks, long inferences)
    {
        if (model != installed)
        {
            return PhoneSpread.Change(0, 0, fallbacks, inferences);
        }

        if (Model != model)
        {
            (Model, Fallbacks, Inferences) = (model, 0, 0);
        }

        var change = PhoneSpread.Change(Fallbacks, Inferences, fallbacks, inferences);
        Fallbacks += fallbacks;
        Inferences += inferences;
        return change;
    }
}
