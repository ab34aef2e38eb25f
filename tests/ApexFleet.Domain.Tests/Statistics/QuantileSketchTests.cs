using ApexFleet.Domain.Statistics;

namespace ApexFleet.Domain.Tests.Statistics;

public class QuantileSketchTests : SketchQuantileChecks<QuantileSketch>
{
    // γ = 1.01 / 0.99; bucket i represents 0.99·γ^i (hand-computed: 2γ^i/(γ+1) with γ+1 = 2/0.99).
    // Indexes by hand: ln 2 / ln γ = 34.66 → 35, ln 3 → 54.93 → 55, ln 5 → 80.47 → 81, ln 10 → 115.12 → 116.
    private static readonly double Gamma = 1.01 / 0.99;

    protected override double RelativeAccuracy => 0.01;

    protected override int BucketOfTwo => 35;

    protected override int BucketOfThree => 55;

    protected override int BucketOfFive => 81;

    protected override int BucketOfTen => 116;

    protected override double ValueOfBucket(int index) => 0.99 * Math.Pow(Gamma, index);

    protected override void Add(QuantileSketch sketch, double value, long count = 1) => sketch.Add(value, count);

    protected override double Quantile(QuantileSketch sketch, double q) => sketch.Quantile(q);

    protected override long Count(QuantileSketch sketch) => sketch.Count;

    protected override long ZeroCount(QuantileSketch sketch) => sketch.ZeroCount;

    protected override bool IsEmpty(QuantileSketch sketch) => sketch.IsEmpty;

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
    [InlineData(10.0, 116)]
    public void Bucket_index_is_the_ceiling_of_the_log_base_gamma(double value, int expected)
    {
        Assert.Equal(expected, QuantileSketch.IndexOf(value));
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
    public void Fixed_point_sums_round_to_the_nearest_micro_unit()
    {
        Assert.Equal(1_234_568, FixedPoint.ToMicros(1.2345675));
        Assert.Equal(0.000001, FixedPoint.FromMicros(1), 12);
    }
}
