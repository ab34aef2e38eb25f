using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ApexFleet.Domain.Policies;

/// <summary>
/// A YAML document as plain data (maps, lists, strings, numbers, booleans), the shape CEL reads.
/// Whatever manifest format it is, a rule sees the document as written, not our internal model.
/// </summary>
public static class PolicyData
{
    /// <summary>The documents of a YAML text, each as data; a broken text is a <see cref="PolicyInputException"/>.</summary>
    public static IReadOnlyList<(object? Data, YamlNode Node)> Load(string source, string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new PolicyInputException(source, ex.Start.Line, ex.Start.Column, ex.InnerException?.Message ?? ex.Message);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // YamlDotNet gives up on some malformed text without a position of its own.
            throw new PolicyInputException(source, 1, 1, $"not readable as YAML ({ex.Message})");
        }

        return [.. stream.Documents.Select(d => (From(d.RootNode), d.RootNode))];
    }

    /// <summary>The one mapping a file must hold (a manifest, the registry…).</summary>
    public static Dictionary<string, object?> LoadMapping(string source, string yaml)
    {
        var documents = Load(source, yaml);
        return documents.Count > 0 && documents[0].Data is Dictionary<string, object?> map
            ? map
            : throw new PolicyInputException(source, 1, 1, "expected a YAML mapping at the top level");
    }

    public static object? From(YamlNode node) => node switch
    {
        // Last key wins on a duplicate, as most YAML readers do; Cel reads maps of exactly this type.
        YamlMappingNode map => map.Children.Aggregate(new Dictionary<string, object?>(StringComparer.Ordinal), (d, kv) =>
        {
            d[Key(kv.Key)] = From(kv.Value);
            return d;
        }),
        YamlSequenceNode list => list.Children.Select(From).ToList(),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    /// <summary>A nested field, or null when any step is missing or not a mapping.</summary>
    public static object? At(object? data, params string[] path)
    {
        foreach (var step in path)
        {
            data = data is Dictionary<string, object?> map ? map.GetValueOrDefault(step) : null;
        }

        return data;
    }

    private static string Key(YamlNode key) => key is YamlScalarNode { Value: { } text } ? text : key.ToString();

    /// <summary>Plain scalars are typed as YAML 1.2's core schema says; quoted ones stay text.</summary>
    private static object? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return text;
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => whole,
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !text.Contains(',', StringComparison.Ordinal) => number,
            _ => text,
        };
    }
}
