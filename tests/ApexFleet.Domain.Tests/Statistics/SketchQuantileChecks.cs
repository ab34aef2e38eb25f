namespace ApexFleet.Domain.Tests.Statistics;

/// <summary>
/// The quantile checks both sketches share, as they share one quantile routine: each test class
/// supplies its sketch and its hand-computed bucket indexes and values.
/// </summary>
public abstract class SketchQuantileChecks<TSketch>
    where TSketch : new()
{
    /// <summary>α: every quantile lies within this share of the exact value.</summary>
    protected abstract double RelativeAccuracy { get; }

    protected abstract int BucketOfTwo { get; }

    protected abstract int BucketOfThree { get; }

    protected abstract int BucketOfFive { get; }

    protected abstract int BucketOfTen { get; }

    /// <summary>The representative value of a bucket, computed by hand from γ.</summary>
    protected abstract double ValueOfBucket(int index);

    protected abstract void Add(TSketch sketch, double value, long count = 1);

    protected abstract double Quantile(TSketch sketch, double q);

    protected abstract long Count(TSketch sketch);

    protected abstract long ZeroCount(TSketch sketch);

    protected abstract bool IsEmpty(TSketch sketch);

    private TSketch Of(params double[] values)
    {
        var sketch = new TSketch();
        foreach (var v in values)
        {
            Add(sketch, v);
        }

        return sketch;
    }

    [Fact]
    public void Median_of_one_to_five_is_the_bucket_value_of_three()
    {
        var sketch = Of(5.0, 1, 4, 2, 3);

        // rank = 0.5 · (5 − 1) = 2 → the third smallest value, 3.
        Assert.Equal(ValueOfBucket(BucketOfThree), Quantile(sketch, 0.5), 12);
        Assert.Equal(ValueOfBucket(0), Quantile(sketch, 0), 12);
        Assert.Equal(ValueOfBucket(BucketOfFive), Quantile(sketch, 1), 12);
        Assert.Equal(5, Count(sketch));
    }

    [Fact]
    public void The_rank_is_the_lower_one_not_an_interpolation()
    {
        // rank = 0.5 · (4 − 1) = 1.5: the second smallest value, 2, not a mean of 2 and 3.
        var sketch = Of(4.0, 3, 2, 1);

        Assert.Equal(ValueOfBucket(BucketOfTwo), Quantile(sketch, 0.5), 12);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_quantile_is_within_the_relative_accuracy_of_the_exact_value(bool descending)
    {
        var values = Enumerable.Range(1, 1000).Select(i => i * 0.37).ToArray();
        var sketch = Of(descending ? [.. values.Reverse()] : values);

        foreach (var q in new[] { 0.0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 1.0 })
        {
            var exact = values[(int)Math.Floor(q * (values.Length - 1))];
            Assert.InRange(Quantile(sketch, q), exact * (1 - RelativeAccuracy), exact * (1 + RelativeAccuracy));
        }
    }

    [Fact]
    public void A_count_weighs_as_that_many_single_values()
    {
        var weighted = new TSketch();
        Add(weighted, 2, 3);
        Add(weighted, 5);
        var single = Of(2, 2, 2, 5);

        Assert.Equal(Count(single), Count(weighted));
        foreach (var q in new[] { 0.0, 0.5, 0.99, 1.0 })
        {
            Assert.Equal(Quantile(single, q), Quantile(weighted, q));
        }

        // rank = q · 3: below 3 it falls among the three 2s; only q = 1 reaches the 5.
        Assert.Equal(ValueOfBucket(BucketOfTwo), Quantile(weighted, 0.99), 12);
        Assert.Equal(ValueOfBucket(BucketOfFive), Quantile(weighted, 1), 12);
    }

    [Fact]
    public void Zero_goes_to_the_zero_bucket_and_an_empty_sketch_has_no_quantile()
    {
        var sketch = new TSketch();
        Assert.True(IsEmpty(sketch));
        Assert.True(double.IsNaN(Quantile(sketch, 0.5)));
        Add(sketch, 0);
        Add(sketch, 0);
        Add(sketch, 10);
        Assert.Equal(0, Quantile(sketch, 0.5));
        Assert.Equal(ValueOfBucket(BucketOfTen), Quantile(sketch, 1), 12);
        Assert.Equal(2, ZeroCount(sketch));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-1.0)]
    public void Non_finite_or_negative_values_are_refused(double value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Add(new TSketch(), value));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void A_quantile_outside_zero_to_one_is_refused(double q)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantile(Of(1, 2), q));
    }
}
