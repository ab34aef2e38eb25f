using System.Globalization;

namespace ApexFleet.Domain.Pareto;

/// <summary>Reads <c>latency=0.5,energy=0.3</c> lists (weights, reference points).</summary>
public static class NamedValues
{
    public static IReadOnlyDictionary<string, double> Parse(string text, string what)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split('=', StringSplitOptions.TrimEntries);
            if (pieces.Length != 2 || pieces[0].Length == 0)
            {
                throw new ParetoInputException($"{what} '{part}' must be NAME=NUMBER");
            }

            if (!double.TryParse(pieces[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                throw new ParetoInputException($"{what} '{part}': '{pieces[1]}' is not a number");
            }

            if (!values.TryAdd(pieces[0], value))
            {
                throw new ParetoInputException($"{what} names '{pieces[0]}' more than once");
            }
        }

        return values;
    }
}
