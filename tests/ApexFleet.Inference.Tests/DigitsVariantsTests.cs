using ApexFleet.Inference;

namespace ApexFleet.Inference.Tests;

/// <summary>
/// The committed digits classifier (scripts/make-models.py) in all four variants, run by ONNX
/// Runtime on this machine's CPU against the held-out images.
/// </summary>
public class DigitsVariantsTests
{
    /// <summary>
    /// How far a variant's logits may stray from FP32's on any image, and how many of its answers
    /// may differ: FP16 rounds weights to 11 significant bits, INT8 adds 8-bit activations, INT4's
    /// 16-weight blocks share one scale. Measured: 0.004, 0.13 and 1.58 (docs/REFERENCES.md [R73]).
    /// </summary>
    [Theory]
    [InlineData("fp32", 0.0, 1.0)]
    [InlineData("fp16", 0.01, 1.0)]
    [InlineData("int8", 0.25, 1.0)]
    [InlineData("int4", 2.5, 0.98)]
    public void Every_variant_runs_and_stays_within_its_tolerance_of_fp32(string variant, double maxLogitDifference, double minAgreement)
    {
        using var reference = OnnxClassifier.Load(Repo.Model("fp32"));
        using var model = OnnxClassifier.Load(Repo.Model(variant));

        var score = VariantScore.Of(model, reference, Repo.TestSet);

        Assert.Equal((64, 10, 450), (model.Features, model.Classes, score.Images));
        Assert.InRange(score.MaxLogitDifference, 0, maxLogitDifference);
        Assert.InRange(score.Agreement, minAgreement, 1);
    }

    [Theory]
    [InlineData("fp32")]
    [InlineData("fp16")]
    [InlineData("int8")]
    [InlineData("int4")]
    public void Each_variants_accuracy_is_the_one_docs_references_records(string variant)
    {
        using var reference = OnnxClassifier.Load(Repo.Model("fp32"));
        using var model = OnnxClassifier.Load(Repo.Model(variant));

        var score = VariantScore.Of(model, reference, Repo.TestSet);

        Assert.Equal(Repo.Figure($"R73:digits-top1-{variant}"), Math.Round(score.Accuracy * 100, 3), 3);
    }

    [Fact]
    public void Smaller_variants_are_smaller_files()
    {
        var sizes = new[] { "fp32", "fp16", "int8", "int4" }.Select(v => new FileInfo(Repo.Model(v)).Length).ToArray();

        Assert.True(sizes[0] > sizes[1] && sizes[1] > sizes[2] && sizes[2] > sizes[3], string.Join(", ", sizes));
        Assert.True(sizes[0] < 1_000_000);
    }

    [Fact]
    public void A_truncated_model_is_refused_with_its_name_and_a_batch_of_the_wrong_width_with_the_sizes()
    {
        var bytes = File.ReadAllBytes(Repo.Model("int8"));

        var broken = Assert.Throws<InvalidDataException>(() => OnnxClassifier.Load(bytes[..(bytes.Length / 2)], "digits-int8.onnx (half)"));
        using var model = OnnxClassifier.Load(bytes, "digits-int8.onnx");
        var wrong = Assert.Throws<ArgumentException>(() => model.Classify(new float[63], 1));

        Assert.StartsWith("digits-int8.onnx (half): ONNX Runtime cannot load this model", broken.Message, StringComparison.Ordinal);
        Assert.StartsWith("1 rows of 64 features are 64 values, not 63", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_test_set_line_with_a_missing_feature_is_named_by_number()
    {
        var path = Path.Combine(Path.GetTempPath(), $"apexfleet-set-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, ["1,0.5,0.25", "2,0.5"]);
        try
        {
            var ex = Assert.Throws<InvalidDataException>(() => LabelledImages.Read(path));
            Assert.Equal($"{path}:2: expected a label and 2 features, found 2 cells", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
