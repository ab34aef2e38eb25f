using System.Text.RegularExpressions;
using ApexFleet.Domain.Fleet;
using ApexFleet.Simulator.Catalogue;

namespace ApexFleet.Simulator.Tests.Catalogue;

/// <summary>Every catalogue figure follows from the reference figures it cites, or says why it cannot.</summary>
public partial class CitationTests
{
    /// <summary>Catalogue figures are rounded to three significant digits; a citation holds within that.</summary>
    private const double Rounding = 0.01;

    private static readonly string Root = ScenarioReaderTests.RepoRoot();

    private static readonly ReferenceTable References = ReferenceTable.Load(Path.Combine(Root, "docs", "references.yaml"));

    private static readonly ChipsetCatalogue Catalogue = ChipsetCatalogue.Default;

    [GeneratedRegex(@"^### \[(R\d+)\] \S", RegexOptions.Multiline)]
    private static partial Regex EntryHeading();

    public static TheoryData<string, string> Cells()
    {
        var cells = new TheoryData<string, string>();
        foreach (var chipset in Catalogue.Chipsets)
        {
            foreach (var precision in Enum.GetValues<Precision>())
            {
                cells.Add(chipset.Family, precision.ToLabel());
            }
        }

        return cells;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Every_latency_follows_from_its_cited_figures_or_says_why_not(string family, string label)
    {
        var profile = Catalogue[family].For(PrecisionNames.ByLabel[label]);

        if (profile.Source is null)
        {
            Assert.False(string.IsNullOrWhiteSpace(profile.Assumption), $"{family} {label}: neither source nor assumption");
            return;
        }

        var derived = Derivation.Evaluate(profile.Source, References);
        Assert.True(
            Math.Abs(profile.LatencyMs / derived.Value - 1) <= Rounding,
            $"{family} {label}: catalogue {profile.LatencyMs} ms, but \"{profile.Source}\" gives {derived.Value:0.####} ms");
        if (derived.HasBareNumber)
        {
            Assert.False(string.IsNullOrWhiteSpace(profile.Assumption), $"{family} {label}: a bare factor in \"{profile.Source}\" needs an assumption saying why");
        }

        Assert.All(profile.Checks, check => Derivation.Evaluate(check, References));
    }

    [Fact]
    public void Every_accuracy_change_is_the_published_figure_of_its_quantization_method()
    {
        Assert.NotEmpty(Catalogue.Methods);
        foreach (var (name, method) in Catalogue.Methods)
        {
            if (method.Source is null)
            {
                Assert.False(string.IsNullOrWhiteSpace(method.Assumption), $"method {name}: neither source nor assumption");
                continue;
            }

            Assert.Equal(Derivation.Evaluate(method.Source, References).Value, method.AccuracyDelta, 2);
        }

        // INT8 latencies come from post-training W8A8 models [R2], so INT8 costs what PTQ costs.
        Assert.Equal(-1.75, Catalogue["snapdragon-8-gen-3"].For(Precision.Int8).AccuracyDelta, 9);
        Assert.All(Catalogue.Chipsets, c => Assert.Equal(Catalogue.Methods[c.For(Precision.Int8).Method].AccuracyDelta, c.For(Precision.Int8).AccuracyDelta, 9));
    }

    [Fact]
    public void Every_figure_belongs_to_an_entry_of_docs_references()
    {
        var entries = EntryHeading().Matches(File.ReadAllText(Path.Combine(Root, "docs", "REFERENCES.md")).ReplaceLineEndings("\n"))
            .Select(m => m.Groups[1].Value).ToHashSet();

        Assert.All(References.Figures, f => Assert.Contains(f.Source, entries));
        Assert.All(References.Figures.Where(f => f.Chipset is not null), f => Assert.True(Catalogue.Contains(f.Chipset!), $"{f.Id}: no family {f.Chipset}"));
    }

    [Fact]
    public void The_check_holds_figure_by_figure_and_in_every_sources_order()
    {
        var report = CatalogueCheck.Run(Catalogue, References);

        Assert.Empty(report.Problems);
        Assert.True(report.Within >= 0.9 * report.Comparisons.Count, $"{report.Within} of {report.Comparisons.Count} within ±25 %");
        Assert.Contains(report.Comparisons, c => c.Basis == "check");
        Assert.NotEmpty(report.Orderings);
        Assert.All(report.Orderings, o => Assert.True(o.Holds, $"[{o.Source}] {o.Series}: ρ = {o.Spearman}"));
        Assert.True(report.Holds);
    }

    [Fact]
    public void A_figure_that_no_longer_follows_from_its_source_fails_the_check()
    {
        var gen3 = Catalogue["snapdragon-8-gen-3"];
        var tampered = new ChipsetProfile
        {
            Family = gen3.Family,
            Tier = gen3.Tier,
            Share = 1,
            PowerW = gen3.PowerW,
            Precisions = gen3.Precisions.ToDictionary(p => p.Key, p => p.Key == "INT8" ? Copy(p.Value, latencyMs: 0.5) : p.Value),
        };

        var report = CatalogueCheck.Run(new ChipsetCatalogue([tampered], Catalogue.Methods), References);

        Assert.False(report.Holds);
        Assert.Contains(report.Comparisons, c => c is { Precision: "INT8", Basis: "source", Within: false });
    }

    private static PrecisionProfile Copy(PrecisionProfile p, double latencyMs) => new()
    {
        LatencyMs = latencyMs,
        Sigma = p.Sigma,
        Unit = p.Unit,
        Method = p.Method,
        MemoryMb = p.MemoryMb,
        Supported = p.Supported,
        Source = p.Source,
        Assumption = p.Assumption,
        Checks = p.Checks,
    };
}
