namespace ApexFleet.Domain.Statistics;

/// <summary>Turns a sketch back into values (each bucket's representative, repeated) for rank statistics.</summary>
public static class SketchSamples
{
    /// <summary>
    /// The sketch's values, thinned proportionally to at most <paramref name="cap"/> when larger.
    /// Deterministic: the same sketch always gives the same sample.
    /// </summary>
    public static double[] Expand(QuantileSketch sketch, int cap)
    {
        var total = sketch.Count;
        var scale = total <= cap ? 1.0 : (double)cap / total;
        var values = new List<double>((int)Math.Min(total, cap) + sketch.Keys.Length + 1);
        Append(values, 0, sketch.ZeroCount, scale);
        for (var i = 0; i < sketch.Keys.Length; i++)
        {
            Append(values, QuantileSketch.ValueOf(sketch.Keys[i]), sketch.Counts[i], scale);
        }

        return [.. values];
    }

    private static void Append(List<double> values, double value, long count, double scale)
    {
        var kept = (long)Math.Round(count * scale, MidpointRounding.AwayFromZero);
        for (var k = 0; k < kept; k++)
        {
            values.Add(value);
        }
    }
}
