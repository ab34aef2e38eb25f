namespace ApexFleet.Simulator.Catalogue;

/// <summary>One catalogue latency against the value its source (or an independent check) derives.</summary>
/// <param name="Basis"><c>source</c>: the derivation the figure is taken from; <c>check</c>: an independent one.</param>
/// <param name="Ratio">Catalogue over source.</param>
public sealed record LatencyComparison(
    string Family, string Precision, string Basis, string Expression, double Catalogue, double Source, double Ratio, bool Within, string? Assumption);

/// <summary>A method's accuracy change against the one its source derives.</summary>
public sealed record AccuracyComparison(string Method, string Expression, double Catalogue, double Source, bool Holds);

/// <summary>Whether the catalogue ranks a source's chipsets in the source's order (Spearman's ρ).</summary>
public sealed record OrderingCheck(string Source, string Series, string Precision, IReadOnlyList<string> Families, double Spearman, bool Holds);

/// <summary>A catalogue figure no source gives, and why.</summary>
public sealed record AssumedFigure(string Family, string Precision, double Catalogue, string Assumption);

/// <summary>What `apexfleet catalogue check` prints: every comparison, ordering and assumption.</summary>
/// <param name="UnsourcedFamilies">Families without one latency derived from sources alone.</param>
/// <param name="Problems">Citations that cannot be checked: unknown ids, figures that say neither source nor assumption.</param>
public sealed record CatalogueCheckReport(
    IReadOnlyList<LatencyComparison> Comparisons,
    IReadOnlyList<AccuracyComparison> Accuracy,
    IReadOnlyList<OrderingCheck> Orderings,
    IReadOnlyList<AssumedFigure> Assumptions,
    IReadOnlyList<string> UnsourcedFamilies,
    double UnsourcedShare,
    IReadOnlyList<string> Problems)
{
    public int Within => Comparisons.Count(c => c.Within);

    public bool Holds => Problems.Count == 0 && Comparisons.All(c => c.Within) && Accuracy.All(a => a.Holds) && Orderings.All(o => o.Holds);
}
