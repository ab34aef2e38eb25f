using System.Diagnostics;
using ApexFleet.Domain.Fleet;
using ApexFleet.Inference;

namespace ApexFleet.LoadTest.Agents;

/// <summary>
/// One ONNX Runtime session per variant of the digits model, shared by every virtual agent running
/// it (a session is thread-safe to run), and the held-out images they classify.
/// </summary>
public sealed class SharedSessions : IDisposable
{
    private readonly OnnxClassifier[] _sessions;
    private readonly LabelledImages _images;

    private SharedSessions(OnnxClassifier[] sessions, LabelledImages images)
    {
        _sessions = sessions;
        _images = images;
    }

    /// <summary>The models next to the program (copied at build), or in <paramref name="directory"/>.</summary>
    public static SharedSessions Load(string? directory = null)
    {
        directory ??= Path.Combine(AppContext.BaseDirectory, "models", "digits");
        var images = LabelledImages.Read(Path.Combine(directory, "test-set.csv"));
        var sessions = Enum.GetValues<Precision>()
            .Select(p => OnnxClassifier.Load(Path.Combine(directory, $"digits-{p.ToLabel().ToLowerInvariant()}.onnx")))
            .ToArray();
        return new SharedSessions(sessions, images);
    }

    /// <summary>Classifies one held-out image (picked by <paramref name="turn"/>) with a variant; its wall time in ms, and whether it was right.</summary>
    public (float Milliseconds, bool Correct) Classify(Precision precision, long turn)
    {
        var session = _sessions[(int)precision];
        var image = (int)(turn % _images.Count);
        var width = _images.FeaturesPerImage;
        var features = _images.Features.AsSpan(image * width, width).ToArray();
        var started = Stopwatch.GetTimestamp();
        var chosen = session.Classify(features, 1)[0];
        return ((float)Stopwatch.GetElapsedTime(started).TotalMilliseconds, chosen == _images.Labels[image]);
    }

    public void Dispose()
    {
        foreach (var session in _sessions)
        {
            session.Dispose();
        }
    }
}
