using ApexFleet.Domain.Statistics;

namespace ApexFleet.Domain.Tests.Statistics;

public class CoarseQuantileSketchTests
{
    // γ = 1.05 / 0.95 and ln γ = 0.1000835; bucket i represents 2γ^i/(γ+1) = 0.95·γ^i.
    // Indexes by hand: ln 2 / ln γ = 6.93 → 7, ln 3 → 10.98 → 11, ln 4 → 13.85 → 14, ln 5 → 16.08 → 17.
    private static readonly double Gamma = 1.05 / 0.95;

    [Theory]
    [InlineData(1.0, 0)]
    [InlineData(2.0, 7)]
    [InlineData(3.0, 11)]
    [InlineData(4.0, 14)]
    [InlineData(5.0, 17)]
    [InlineData(0.5, -6)]
    [InlineData(10.0, 24)]
    public void Bucket_index_is_the_ceiling_of_the_log_base_gamma(double value, int expected)
    {
        Assert.Equal(expected, CoarseQuantileSketch.Mapping.IndexOf(value));
    }

    [Fact]
    public void Counts_are_dense_from_the_lowest_occupied_bucket()
    {
        var sketch = new CoarseQuantileSketch();
        foreach (var v in new[] { 5.0, 1, 4, 1, 2, 3, 5 })
        {
            sketch.Add(v);
        }

        Assert.Equal(0, sketch.Offset);
        int[] expected = [2, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 2];
        Assert.Equal(expected, sketch.Counts);
        Assert.Equal(7, sketch.Count);
    }

    [Fact]
    public void A_value_below_the_lowest_bucket_grows_the_array_at_the_front()
    {
        var sketch = new CoarseQuantileSketch();
        sketch.Add(3);
        sketch.Add(2);
        sketch.Add(0.5);

        Assert.Equal(-6, sketch.Offset);
        Assert.Equal(18, sketch.Counts.Length);
        Assert.Equal(1, sketch.Counts[0]);
        Assert.Equal(1, sketch.Counts[7 + 6]);
        Assert.Equal(1, sketch.Counts[11 + 6]);
    }

    [Fact]
    public void Median_of_one_to_five_is_the_bucket_value_of_three()
    {
        var sketch = new CoarseQuantileSketch();
        foreach (var v in new[] { 5.0, 1, 4, 2, 3 })
        {
            sketch.Add(v);
        }

        // rank = 0.5 · (5 − 1) = 2 → the third smallest value, 3, in bucket 11.
        Assert.Equal(0.95 * Math.Pow(Gamma, 11), sketch.Quantile(0.5), 12);
        Assert.Equal(0.95, sketch.Quantile(0), 12);
        Assert.Equal(0.95 * Math.Pow(Gamma, 17), sketch.Quantile(1), 12);
    }

    [Fact]
    public void Every_quantile_is_within_five_percent_of_the_exact_value()
    {
        var values = Enumerable.Range(1, 1000).Select(i => i * 0.37).ToArray();
        var sketch = new CoarseQuantileSketch();
        foreach (var v in values.Reverse())
        {
            sketch.Add(v);
        }

        foreach (var q in new[] { 0.0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 1.0 })
        {
            var exact = values[(int)Math.Floor(q * (values.Length - 1))];
            Assert.InRange(sketch.Quantile(q), exact * 0.95, exact * 1.05);
        }
    }

    [Fact]
    public void A_bucket_saturates_instead_of_overflowing()
    {
        var sketch = new CoarseQuantileSketch();
        sketch.Add(1, int.MaxValue);
        sketch.Add(1, 5);

        Assert.Equal(int.MaxValue, sketch.Counts[0]);
    }

    [Fact]
    public void Zero_goes_to_the_zero_bucket_and_an_empty_sketch_has_no_quantile()
    {
        var sketch = new CoarseQuantileSketch();
        Assert.True(sketch.IsEmpty);
        Assert.True(double.IsNaN(sketch.Quantile(0.5)));
        sketch.Add(0);
        sketch.Add(0);
        sketch.Add(10);
        Assert.Equal(0, sketch.Quantile(0.5));
        Assert.Equal(0.95 * Math.Pow(Gamma, 24), sketch.Quantile(1), 12);
        Assert.Equal(2, sketch.ZeroCount);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-1.0)]
    public void Non_finite_or_negative_values_are_refused(double value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CoarseQuantileSketch().Add(value));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void A_mapping_needs_an_accuracy_strictly_between_zero_and_one(double accuracy)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogarithmicMapping(accuracy));
    }
}
