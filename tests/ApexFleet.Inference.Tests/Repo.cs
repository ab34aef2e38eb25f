using YamlDotNet.RepresentationModel;

namespace ApexFleet.Inference.Tests;

/// <summary>The committed models and the figures docs/references.yaml records of them.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Model(string variant) => Path.Combine(Root, "models", "digits", $"digits-{variant}.onnx");

    /// <summary>Version 2 of a variant: the classifier layer retrained, the hidden layer's bytes kept (scripts/make-models.py).</summary>
    public static string ModelV2(string variant) => Path.Combine(Root, "models", "digits", "v2", $"digits-{variant}.onnx");

    public static LabelledImages TestSet { get; } = LabelledImages.Read(Path.Combine(Root, "models", "digits", "test-set.csv"));

    /// <summary>The value docs/references.yaml gives a figure id.</summary>
    public static double Figure(string id)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(Root, "docs", "references.yaml"))));
        var figures = (YamlSequenceNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("figures")];
        var figure = figures.Children.Cast<YamlMappingNode>().Single(f => ((YamlScalarNode)f.Children[new YamlScalarNode("id")]).Value == id);
        return double.Parse(((YamlScalarNode)figure.Children[new YamlScalarNode("value")]).Value!, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "ApexFleet.sln")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("ApexFleet.sln not found above the test binaries");
        }

        return dir;
    }
}
