using ApexFleet.Domain.Drift;

namespace ApexFleet.Domain.Tests.Drift;

public class PopulationStabilityIndexTests
{
    [Fact]
    public void A_shift_from_uniform_to_rising_shares_has_the_hand_computed_index()
    {
        // Σ (a − e)·ln(a/e) over shares 0.1, 0.2, 0.3, 0.4 against 0.25 each.
        var psi = PopulationStabilityIndex.Compute([25, 25, 25, 25], [10, 20, 30, 40]);

        Assert.Equal(0.22821740957339182, psi, 1e-15);
        Assert.Equal(PsiBand.Moderate, PopulationStabilityIndex.Band(psi));
    }

    [Fact]
    public void Identical_histograms_have_an_index_of_zero_whatever_their_totals()
    {
        Assert.Equal(0.0, PopulationStabilityIndex.Compute([1, 2, 3], [100, 200, 300]));
    }

    [Fact]
    public void A_bin_empty_in_one_histogram_counts_with_the_documented_share()
    {
        // Third bin: (0.05 − 1e-4)·ln(0.05 / 1e-4) = 0.3101…, first bin: −0.05·ln(0.9).
        var psi = PopulationStabilityIndex.Compute([50, 50, 0], [45, 50, 5]);

        Assert.Equal(0.31537696989415864, psi, 1e-15);
        Assert.Equal(PsiBand.Significant, PopulationStabilityIndex.Band(psi));
    }

    [Fact]
    public void A_bin_empty_in_both_histograms_adds_nothing()
    {
        Assert.Equal(
            PopulationStabilityIndex.Compute([25, 25, 25, 25], [10, 20, 30, 40]),
            PopulationStabilityIndex.Compute([25, 25, 0, 25, 25], [10, 20, 0, 30, 40]));
    }

    [Theory]
    [InlineData(0.0, PsiBand.None)]
    [InlineData(0.0999, PsiBand.None)]
    [InlineData(0.1, PsiBand.Moderate)]
    [InlineData(0.25, PsiBand.Moderate)]
    [InlineData(0.2501, PsiBand.Significant)]
    public void The_bands_are_below_0_1_none_up_to_0_25_moderate_above_significant(double psi, PsiBand band)
    {
        Assert.Equal(band, PopulationStabilityIndex.Band(psi));
    }

    [Fact]
    public void Histograms_over_different_bins_are_refused()
    {
        Assert.Throws<ArgumentException>(() => PopulationStabilityIndex.Compute([1, 2], [1, 2, 3]));
        Assert.Throws<ArgumentException>(() => PopulationStabilityIndex.Compute([0, 0], [1, 2]));
    }

    [Fact]
    public void The_standard_error_is_the_delta_methods_over_both_samples()
    {
        // A = (0.7, 0.3) of 1000 against E = (0.5, 0.5) of 1000. Gradients: ∂A = (ln 1.4 + 1 − 5/7, ln 0.6 + 1 − 5/3),
        // ∂E = (−ln 1.4 + 1 − 1.4, −ln 0.6 + 1 − 0.6); each side's variance Σg²s − (Σgs)² over 1000.
        var (psi, error) = PopulationStabilityIndex.WithStandardError([500, 500], [700, 300]);

        Assert.Equal(0.16945957207744072, psi, 1e-14);
        Assert.Equal(0.03685857789342463, error, 1e-14);
    }

    [Fact]
    public void Histograms_that_agree_have_no_error_to_speak_of()
    {
        Assert.Equal((0.0, 0.0), PopulationStabilityIndex.WithStandardError([400, 400, 200], [400, 400, 200]));
    }
}
