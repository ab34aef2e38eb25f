using ApexFleet.Domain.Statistics;

namespace ApexFleet.Domain.Tests.Statistics;

public class CoarseQuantileSketchTests : SketchQuantileChecks<CoarseQuantileSketch>
{
    // γ = 1.05 / 0.95 and ln γ = 0.1000835; bucket i represents 2γ^i/(γ+1) = 0.95·γ^i.
    // Indexes by hand: ln 2 / ln γ = 6.93 → 7, ln 3 → 10.98 → 11, ln 4 → 13.85 → 14, ln 5 → 16.08 → 17.
    private static readonly double Gamma = 1.05 / 0.95;

    protected override double RelativeAccuracy => 0.05;

    protected override int BucketOfTwo => 7;

    protected override int BucketOfThree => 11;

    protected override int BucketOfFive => 17;

    protected override int BucketOfTen => 24;

    protected override double ValueOfBucket(int index) => 0.95 * Math.Pow(Gamma, index);

    protected override void Add(CoarseQuantileSketch sketch, double value, long count = 1) => sketch.Add(value, count);

    protected override double Quantile(CoarseQuantileSketch sketch, double q) => sketch.Quantile(q);

    protected override long Count(CoarseQuantileSketch sketch) => sketch.Count;

    protected override long ZeroCount(CoarseQuantileSketch sketch) => sketch.ZeroCount;

    protected override bool IsEmpty(CoarseQuantileSketch sketch) => sketch.IsEmpty;

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
    public void A_bucket_saturates_instead_of_overflowing()
    {
        var sketch = new CoarseQuantileSketch();
        sketch.Add(1, int.MaxValue);
        sketch.Add(1, 5);

        Assert.Equal(int.MaxValue, sketch.Counts[0]);
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
