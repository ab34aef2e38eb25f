using Microsoft.ML.OnnxRuntime;

namespace ApexFleet.Inference;

/// <summary>
/// One variant of a classifier loaded in an ONNX Runtime session: a batch of feature rows in, one
/// row of logits per input out. The session is the expensive part; keep one per installed variant.
/// </summary>
public sealed class OnnxClassifier : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _input;
    private readonly string _output;

    private OnnxClassifier(InferenceSession session, string source)
    {
        _session = session;
        Source = source;
        if (session.InputMetadata.Count != 1 || session.OutputMetadata.Count != 1)
        {
            session.Dispose();
            throw new InvalidDataException($"{source}: a classifier has one input and one output; this model has {session.InputMetadata.Count} and {session.OutputMetadata.Count}");
        }

        (_input, var input) = session.InputMetadata.Single();
        (_output, var output) = session.OutputMetadata.Single();
        Features = input.Dimensions[^1];
        Classes = output.Dimensions[^1];
    }

    public string Source { get; }

    public int Features { get; }

    public int Classes { get; }

    /// <summary>Loads a model; bytes that are not a model ONNX Runtime can run are an <see cref="InvalidDataException"/> naming the source.</summary>
    public static OnnxClassifier Load(byte[] model, string source)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = 1 };
        try
        {
            return new OnnxClassifier(new InferenceSession(model, options), source);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidDataException($"{source}: ONNX Runtime cannot load this model: {ex.Message}", ex);
        }
    }

    public static OnnxClassifier Load(string path) => Load(File.ReadAllBytes(path), path);

    /// <summary>The logits of <paramref name="rows"/> rows of features, row after row.</summary>
    public float[] Logits(float[] features, int rows)
    {
        if (features.Length != rows * Features)
        {
            throw new ArgumentException($"{rows} rows of {Features} features are {rows * Features} values, not {features.Length}", nameof(features));
        }

        using var input = OrtValue.CreateTensorValueFromMemory(features, [rows, Features]);
        using var runOptions = new RunOptions();
        using var results = _session.Run(runOptions, [_input], [input], [_output]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>Each row's class: the index of its largest logit.</summary>
    public int[] Classify(float[] features, int rows) => Argmax(Logits(features, rows), Classes);

    public static int[] Argmax(float[] logits, int classes)
    {
        var chosen = new int[logits.Length / classes];
        for (var row = 0; row < chosen.Length; row++)
        {
            var best = 0;
            for (var c = 1; c < classes; c++)
            {
                best = logits[(row * classes) + c] > logits[(row * classes) + best] ? c : best;
            }

            chosen[row] = best;
        }

        return chosen;
    }

    public void Dispose() => _session.Dispose();
}
