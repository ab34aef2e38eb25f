using System.Globalization;

namespace ApexFleet.Domain.Pareto;

/// <summary>How numbers appear in explanations: invariant, short, no exponent for everyday magnitudes.</summary>
internal static class ParetoText
{
    public static string Number(double value) => value.ToString("0.#####", CultureInfo.InvariantCulture);
}
