namespace ApexFleet.Inference;

/// <summary>How one variant does on a labelled set, against the reference variant's answers.</summary>
public sealed record VariantScore(int Images, int Correct, int AgreesWithReference, double MaxLogitDifference)
{
    public double Accuracy => (double)Correct / Images;

    public double Agreement => (double)AgreesWithReference / Images;

    public static VariantScore Of(OnnxClassifier variant, OnnxClassifier reference, LabelledImages set)
    {
        var logits = variant.Logits(set.Features, set.Count);
        var referenceLogits = reference.Logits(set.Features, set.Count);
        var chosen = OnnxClassifier.Argmax(logits, variant.Classes);
        var referenceChosen = OnnxClassifier.Argmax(referenceLogits, reference.Classes);
        var correct = 0;
        var agrees = 0;
        for (var i = 0; i < set.Count; i++)
        {
            correct += chosen[i] == set.Labels[i] ? 1 : 0;
            agrees += chosen[i] == referenceChosen[i] ? 1 : 0;
        }

        var difference = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            difference = Math.Max(difference, Math.Abs(logits[i] - referenceLogits[i]));
        }

        return new(set.Count, correct, agrees, difference);
    }
}
