using ApexFleet.Domain.Statistics;

namespace ApexFleet.Domain.Tests.Statistics;

public class QuantileSketchTests
{
    // γ = 1.01 / 0.99; bucket i represents 0.99·γ^i (hand-computed: 2γ^i/(γ+1) with γ+1 = 2/0.99).
    private static readonly double Gamma = 1.01 / 0.99;

    [Fact]
    public void One_lands_in_bucket_zero_whose_value_is_exactly_0_99()
    {
        Assert.Equal(0, QuantileSketch.IndexOf(1.0));
        Assert.Equal(0.99, QuantileSketch.ValueOf(0), 15);
    }

    [Theory]
    [InlineData(2.0, 35)]
    [InlineData(3.0, 55)]
    [InlineData(4.0, 70)]
    [InlineData(5.0, 81)]
    [InlineData(0.5, -34)]
    public void Bucket_index_is_the_ceiling_of_the_log_base_gamma(double value, int expected)
    {
        Assert.Equal(expected, QuantileSketch.IndexOf(value));
    }

    [Fact]
    public void Median_of_one_to_five_is_the_bucket_value_of_three()
    {
        var sketch = new QuantileSketch();
        foreach (var v in new[] { 5.0, 1, 4, 2, 3 })
        {
            sketch.Add(v);
        }

        // rank = 0.5 · (5 − 1) = 2 → the third smallest value, 3, in bucket 55.
        Assert.Equal(0.99 * Math.Pow(Gamma, 55), sketch.Quantile(0.5), 12);
        Assert.Equal(0.99, sketch.Quantile(0), 12);
        Assert.Equal(0.99 * Math.Pow(Gamma, 81), sketch.Quantile(1), 12);
        Assert.Equal(5, sketch.Count);
    }

    [Fact]
    public void Every_quantile_is_within_one_percent_of_the_exact_value()
    {
        var values = Enumerable.Range(1, 1000).Select(i => i * 0.37).ToArray();
        var sketch = new QuantileSketch();
        foreach (var v in values)
        {
            sketch.Add(v);
        }

        foreach (var q in new[] { 0.01, 0.25, 0.5, 0.9, 0.95, 0.99 })
        {
            var exact = values[(int)Math.Floor(q * (values.Length - 1))];
            Assert.InRange(sketch.Quantile(q), exact * 0.99, exact * 1.01);
        }
    }

    [Fact]
    public void Merging_two_halves_equals_adding_everything_to_one_sketch()
    {
        var whole = new QuantileSketch();
        var left = new QuantileSketch();
        var right = new QuantileSketch();
        for (var i = 1; i <= 200; i++)
        {
            whole.Add(i * 1.5);
            (i % 2 == 0 ? left : right).Add(i * 1.5);
        }

        left.Merge(right);
        Assert.Equal(whole.Count, left.Count);
        Assert.Equal(whole.Keys, left.Keys);
        Assert.Equal(whole.Counts, left.Counts);
        Assert.Equal(whole.Quantile(0.95), left.Quantile(0.95));
    }

    [Fact]
    public void Buckets_stay_sorted_whatever_order_values_arrive_in()
    {
        var sketch = new QuantileSketch();
        foreach (var v in new[] { 5.0, 1, 4, 1, 2, 3, 5 })
        {
            sketch.Add(v);
        }

        Assert.Equal([0, 35, 55, 70, 81], sketch.Keys);
        Assert.Equal([2L, 1, 1, 1, 2], sketch.Counts);
    }

    [Fact]
    public void Zero_goes_to_the_zero_bucket_and_an_empty_sketch_has_no_quantile()
    {
        var sketch = new QuantileSketch();
        Assert.True(double.IsNaN(sketch.Quantile(0.5)));
        sketch.Add(0);
        sketch.Add(0);
        sketch.Add(10);
        Assert.Equal(0, sketch.Quantile(0.5));
        Assert.Equal(2, sketch.ZeroCount);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-1.0)]
    public void Non_finite_or_negative_values_are_refused(double value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuantileSketch().Add(value));
    }

    [Fact]
    public void Fixed_point_sums_round_to_the_nearest_micro_unit()
    {
        Assert.Equal(1_234_568, FixedPoint.ToMicros(1.2345675));
        Assert.Equal(0.000001, FixedPoint.FromMicros(1), 12);
    }
}
