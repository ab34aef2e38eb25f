using System.Globalization;

namespace ApexFleet.Inference;

/// <summary>A held-out test set: each image's features in one row-major block, and its label.</summary>
public sealed record LabelledImages(float[] Features, int[] Labels, int FeaturesPerImage)
{
    public int Count => Labels.Length;

    /// <summary>Reads <c>label,f0,f1,…</c> lines (scripts/make-models.py writes them); a bad line is named by number.</summary>
    public static LabelledImages Read(string path)
    {
        var features = new List<float>();
        var labels = new List<int>();
        var width = -1;
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            if (width < 0)
            {
                width = cells.Length - 1;
            }

            if (cells.Length - 1 != width || width < 1)
            {
                throw new InvalidDataException($"{path}:{number}: expected a label and {width} features, found {cells.Length} cells");
            }

            labels.Add(int.TryParse(cells[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var label)
                ? label
                : throw new InvalidDataException($"{path}:{number}: label '{cells[0]}' is not an integer"));
            for (var i = 1; i < cells.Length; i++)
            {
                features.Add(float.TryParse(cells[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && float.IsFinite(value)
                    ? value
                    : throw new InvalidDataException($"{path}:{number}: feature {i} '{cells[i]}' is not a finite number"));
            }
        }

        return labels.Count > 0 ? new([.. features], [.. labels], width) : throw new InvalidDataException($"{path}: no images");
    }
}
