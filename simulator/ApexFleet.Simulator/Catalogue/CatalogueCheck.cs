using ApexFleet.Domain.Fleet;
using MathNet.Numerics.Statistics;

namespace ApexFleet.Simulator.Catalogue;

/// <summary>The catalogue checked against docs/references.yaml, figure by figure and in order.</summary>
public static class CatalogueCheck
{
    /// <summary>A latency holds within ±25 % of its source: the spread of one chipset across harnesses.</summary>
    public const double Tolerance = 0.25;

    /// <summary>An ordering holds when the catalogue ranks a source's chipsets nearly as the source does.</summary>
    public const double MinSpearman = 0.8;

    /// <summary>Accuracy deltas are copied, so they must agree to the rounding of a published figure.</summary>
    public const double AccuracyTolerance = 0.01;

    public static CatalogueCheckReport Run(ChipsetCatalogue catalogue, ReferenceTable references)
    {
        var comparisons = new List<LatencyComparison>();
        var assumptions = new List<AssumedFigure>();
        var problems = new List<string>();
        var unsourced = new List<string>();
        foreach (var chipset in catalogue.Chipsets)
        {
            var sourcedAlone = false;
            foreach (var precision in Enum.GetValues<Precision>())
            {
                var label = precision.ToLabel();
                var profile = chipset.For(precision);
                var where = $"{chipset.Family} {label}";
                if (profile.Source is null)
                {
                    if (string.IsNullOrWhiteSpace(profile.Assumption))
                    {
                        problems.Add($"{where}: latency {profile.LatencyMs} names neither a source nor an assumption");
                    }
                    else
                    {
                        assumptions.Add(new AssumedFigure(chipset.Family, label, profile.LatencyMs, profile.Assumption));
                    }

                    continue;
                }

                var derived = Derive(profile.Source, references, where, problems);
                if (derived is null)
                {
                    continue;
                }

                if (derived.HasBareNumber && string.IsNullOrWhiteSpace(profile.Assumption))
                {
                    problems.Add($"{where}: source \"{profile.Source}\" has a bare number but no assumption saying why");
                }

                sourcedAlone |= !derived.HasBareNumber;
                comparisons.Add(Compare(chipset.Family, label, "source", derived, profile.LatencyMs, profile.Assumption));
                foreach (var check in profile.Checks)
                {
                    if (Derive(check, references, where, problems) is { } independent)
                    {
                        comparisons.Add(Compare(chipset.Family, label, "check", independent, profile.LatencyMs, null));
                    }
                }
            }

            if (!sourcedAlone)
            {
                unsourced.Add(chipset.Family);
            }
        }

        var accuracy = new List<AccuracyComparison>();
        var everyMethod = catalogue.Methods.Select(m => (Name: m.Key, Method: m.Value))
            .Concat(catalogue.ModelFamilies.SelectMany(f => f.Value.Methods.Select(m => (Name: $"{f.Key}/{m.Key}", Method: m.Value))));
        foreach (var (name, method) in everyMethod)
        {
            if (method.Source is null)
            {
                if (string.IsNullOrWhiteSpace(method.Assumption))
                {
                    problems.Add($"method {name}: accuracy change {method.AccuracyDelta} names neither a source nor an assumption");
                }

                continue;
            }

            if (Derive(method.Source, references, $"method {name}", problems) is { } derived)
            {
                accuracy.Add(new AccuracyComparison(name, method.Source, method.AccuracyDelta, derived.Value, Math.Abs(method.AccuracyDelta - derived.Value) <= AccuracyTolerance));
            }
        }

        var share = catalogue.Chipsets.Where(c => unsourced.Contains(c.Family)).Sum(c => c.Share);
        return new CatalogueCheckReport(comparisons, accuracy, Orderings(catalogue, references, problems), assumptions, unsourced, share, problems);
    }

    private static LatencyComparison Compare(string family, string precision, string basis, Derivation derived, double catalogue, string? assumption)
    {
        var ratio = catalogue / derived.Value;
        return new LatencyComparison(family, precision, basis, derived.Expression, catalogue, derived.Value, ratio, Math.Abs(ratio - 1) <= Tolerance, assumption);
    }

    private static Derivation? Derive(string expression, ReferenceTable references, string where, List<string> problems)
    {
        try
        {
            return Derivation.Evaluate(expression, references);
        }
        catch (FormatException ex)
        {
            problems.Add($"{where}: {ex.Message}");
            return null;
        }
    }

    private static List<OrderingCheck> Orderings(ChipsetCatalogue catalogue, ReferenceTable references, List<string> problems)
    {
        var series = references.Figures
            .Where(f => f.Chipset is not null && f.Series is not null && f.Precision is not null && catalogue.Contains(f.Chipset))
            .GroupBy(f => (f.Source, Series: f.Series!, Precision: f.Precision!));
        var checks = new List<OrderingCheck>();
        foreach (var group in series)
        {
            var figures = group.ToList();
            if (!PrecisionNames.TryParse(group.Key.Precision, out var precision))
            {
                problems.Add($"series {group.Key.Source} {group.Key.Series}: unknown precision '{group.Key.Precision}'");
                continue;
            }

            // Two points always rank alike or opposite: a ranking says something from three on.
            if (figures.Count < 3)
            {
                continue;
            }

            var rho = Correlation.Spearman(
                figures.Select(f => f.Value),
                figures.Select(f => catalogue[f.Chipset!].For(precision).LatencyMs));
            checks.Add(new OrderingCheck(group.Key.Source, group.Key.Series, group.Key.Precision, [.. figures.Select(f => f.Chipset!)], rho, rho >= MinSpearman));
        }

        return checks;
    }
}
