using ApexFleet.Domain.FinOps;

namespace ApexFleet.Domain.Tests.FinOps;

public class PhoneSpreadTests
{
    [Fact]
    public void The_rates_variance_is_the_phones_residuals_squared_over_the_inferences_squared()
    {
        // Phones (F, N) = (1, 10), (3, 10), (2, 20): ΣF = 6, ΣN = 40, r = 0.15; residuals F − rN =
        // −0.5, 1.5, −1: squares 0.25 + 2.25 + 1 = 3.5; ÷ 40² × 3/2 = 0.00328125.
        // The sums: ΣF² = 1 + 9 + 4 = 14, ΣFN = 10 + 30 + 40 = 80, ΣN² = 100 + 100 + 400 = 600.
        var spread = new PhoneSpread(14, 80, 600);

        Assert.Equal(0.00328125, spread.RateVariance(6, 40, 3)!.Value, 15);
    }

    [Fact]
    public void Sums_that_cannot_cover_all_the_inferences_are_not_used()
    {
        // 40 inferences on 3 phones need ΣN² ≥ 40² ÷ 3 = 533.3: 500 says some were counted before their squares.
        Assert.Null(new PhoneSpread(14, 80, 500).RateVariance(6, 40, 3));
        // One phone's 40 inferences: ΣN² = 40², the bound itself.
        Assert.NotNull(new PhoneSpread(0, 0, 1_600).RateVariance(0, 40, 1));
    }

    [Fact]
    public void Phones_alike_in_their_rate_leave_no_spread()
    {
        // 40 phones of 5 in 250: every residual is 0.
        Assert.Equal(0, new PhoneSpread(40 * 25, 40 * 1_250, 40 * 62_500).RateVariance(200, 10_000, 40));
    }

    [Fact]
    public void A_reports_change_is_what_it_adds_to_its_phones_squares_and_product()
    {
        // (1, 4) then (2, 6): the phone ends at (3, 10), whose F², FN and N² are 9, 30 and 100.
        var first = PhoneSpread.Change(0, 0, 1, 4);
        var second = PhoneSpread.Change(1, 4, 2, 6);

        Assert.Equal(new PhoneSpread(1, 4, 16), first);
        Assert.Equal(new PhoneSpread(8, 26, 84), second);
        Assert.Equal(new PhoneSpread(9, 30, 100), first + second);
    }

    [Fact]
    public void Sums_past_the_end_of_a_long_are_not_counted_and_leave_the_bound_to_others()
    {
        // 10⁹ more fall-backs on a phone with 5·10⁹: F² grows by 10⁹ × (10¹⁰ + 10⁹) = 1.1·10¹⁹, past 9.2·10¹⁸.
        var past = PhoneSpread.Change(5_000_000_000, 5_000_000_000, 1_000_000_000, 1_000_000_000);
        var added = new PhoneSpread(long.MaxValue - 1, 1, 1) + new PhoneSpread(2, 1, 1);

        Assert.Equal(long.MaxValue, past.FallbacksSquared);
        Assert.Null(past.RateVariance(6e9, 6e9, 1));
        Assert.Equal(long.MaxValue, added.FallbacksSquared);
        Assert.False(added.IsCounted);
        Assert.Null(default(PhoneSpread).RateVariance(0, 10, 1));
    }
}
