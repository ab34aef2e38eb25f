using ApexFleet.Domain.Fleet;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ApexFleet.Simulator.Catalogue;

/// <summary>The chipset families a simulated fleet is drawn from (data in <c>chipsets.yaml</c>).</summary>
public sealed class ChipsetCatalogue
{
    private readonly Dictionary<string, ChipsetProfile> _byFamily;

    /// <summary>The model the catalogue's own figures describe; a scenario that names no model family runs it.</summary>
    public const string ReferenceModel = "mobilenet-v2";

    public ChipsetCatalogue(
        IReadOnlyList<ChipsetProfile> chipsets,
        IReadOnlyDictionary<string, QuantizationMethod>? methods = null,
        IReadOnlyDictionary<string, ModelFamily>? modelFamilies = null)
    {
        Chipsets = chipsets;
        Methods = methods ?? new Dictionary<string, QuantizationMethod>();
        ModelFamilies = modelFamilies ?? new Dictionary<string, ModelFamily>();
        _byFamily = chipsets.ToDictionary(c => c.Family, StringComparer.Ordinal);
    }

    /// <summary>Other models the chipsets run, with their own measured accuracy per method.</summary>
    public IReadOnlyDictionary<string, ModelFamily> ModelFamilies { get; }

    /// <summary>The model families a scenario may name.</summary>
    public IEnumerable<string> ModelFamilyNames => ModelFamilies.Keys.Prepend(ReferenceModel);

    /// <summary>The catalogue as it runs <paramref name="modelFamily"/>: the same latencies, that model's accuracy per method.</summary>
    public ChipsetCatalogue ForModelFamily(string modelFamily)
    {
        if (modelFamily == ReferenceModel)
        {
            return this;
        }

        var family = ModelFamilies.TryGetValue(modelFamily, out var found)
            ? found
            : throw new KeyNotFoundException($"unknown model family '{modelFamily}'; known: {string.Join(", ", ModelFamilyNames)}");
        return new ChipsetCatalogue([.. Chipsets.Select(c => c.WithMethods(family.Methods))], family.Methods);
    }

    public IReadOnlyList<ChipsetProfile> Chipsets { get; }

    /// <summary>The quantization methods the catalogue's variants name, with their accuracy cost.</summary>
    public IReadOnlyDictionary<string, QuantizationMethod> Methods { get; }

    public ChipsetProfile this[string family] =>
        _byFamily.TryGetValue(family, out var chipset)
            ? chipset
            : throw new KeyNotFoundException($"unknown chipset family '{family}'; known: {string.Join(", ", _byFamily.Keys)}");

    public bool Contains(string family) => _byFamily.ContainsKey(family);

    public static ChipsetCatalogue Default { get; } = LoadEmbedded();

    public static ChipsetCatalogue Parse(string source, string yaml)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        File document;
        try
        {
            document = deserializer.Deserialize<File>(yaml) ?? new File();
        }
        catch (YamlException ex)
        {
            throw new FormatException($"{source}:{ex.Start.Line}:{ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        foreach (var chipset in document.Chipsets)
        {
            foreach (var precision in Enum.GetValues<Precision>())
            {
                if (!chipset.Precisions.TryGetValue(precision.ToLabel(), out var profile))
                {
                    throw new FormatException($"{source}: chipset {chipset.Family} lacks a {precision.ToLabel()} profile");
                }

                if (profile.LatencyMs <= 0 || profile.Sigma < 0 || profile.MemoryMb <= 0)
                {
                    throw new FormatException($"{source}: chipset {chipset.Family} {precision.ToLabel()} needs latencyMs > 0, sigma ≥ 0, memoryMb > 0");
                }

                // The method decides the accuracy, so a variant cannot claim a QAT figure for a PTQ model.
                if (profile.Method.Length > 0)
                {
                    profile.AccuracyDelta = document.Methods.TryGetValue(profile.Method, out var method)
                        ? method.AccuracyDelta
                        : throw new FormatException($"{source}: chipset {chipset.Family} {precision.ToLabel()} names method '{profile.Method}', which `methods` lacks");
                }
            }
        }

        foreach (var (name, family) in document.ModelFamilies)
        {
            var used = document.Chipsets.SelectMany(c => c.Precisions.Values).Select(p => p.Method).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal);
            if (used.FirstOrDefault(m => !family.Methods.ContainsKey(m)) is { } missing)
            {
                throw new FormatException($"{source}: model family {name} lacks method '{missing}', which a chipset's variant uses");
            }
        }

        var share = document.Chipsets.Sum(c => c.Share);
        if (document.Chipsets.Count == 0 || Math.Abs(share - 1) > 1e-6)
        {
            throw new FormatException($"{source}: fleet shares must add up to 1 (got {share})");
        }

        return new ChipsetCatalogue(document.Chipsets, document.Methods, document.ModelFamilies);
    }

    private static ChipsetCatalogue LoadEmbedded()
    {
        using var stream = typeof(ChipsetCatalogue).Assembly.GetManifestResourceStream("chipsets.yaml")!;
        using var reader = new StreamReader(stream);
        return Parse("chipsets.yaml", reader.ReadToEnd());
    }

    private sealed class File
    {
        public Dictionary<string, QuantizationMethod> Methods { get; set; } = [];
        public Dictionary<string, ModelFamily> ModelFamilies { get; set; } = [];
        public List<ChipsetProfile> Chipsets { get; set; } = [];
    }
}
