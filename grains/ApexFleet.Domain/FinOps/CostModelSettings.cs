using ApexFleet.Domain.Manifests;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ApexFleet.Domain.FinOps;

/// <summary>
/// The cost model as configuration writes it: the silo's <c>Fleet:Cost</c> section (appsettings.json,
/// <c>Fleet__Cost__EgressUsdPerGb</c> environment variables) or a <c>--cost-model</c> YAML file
/// (<c>egressUsdPerGb: 0.09</c>). A price left out keeps <see cref="CostModel.Default"/>'s.
/// </summary>
public sealed class CostModelSettings
{
    public double? EgressUsdPerGb { get; set; }
    public double? FallbackUsdPer1k { get; set; }
    public double? StorageUsdPerGbMonth { get; set; }
    public double? EnergyUsdPerKwh { get; set; }
    public double? DeltaSizeRatio { get; set; }

    /// <summary>The model these settings make; a price that makes no sense is a <see cref="FormatException"/> naming <paramref name="source"/> and every bad field.</summary>
    public CostModel ToModel(string source)
    {
        var d = CostModel.Default;
        var model = new CostModel(
            EgressUsdPerGb ?? d.EgressUsdPerGb,
            FallbackUsdPer1k ?? d.FallbackUsdPer1k,
            StorageUsdPerGbMonth ?? d.StorageUsdPerGbMonth,
            EnergyUsdPerKwh ?? d.EnergyUsdPerKwh,
            DeltaSizeRatio ?? d.DeltaSizeRatio);
        var problems = model.Problems();
        return problems.Count == 0 ? model : throw new FormatException($"{source}: {string.Join("; ", problems)}");
    }

    /// <summary>Reads a <c>--cost-model</c> file: an unknown field or a value that is not a number is a <see cref="ManifestException"/> with its line and column.</summary>
    public static CostModel ReadYaml(string source, string yaml)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        CostModelSettings settings;
        try
        {
            settings = deserializer.Deserialize<CostModelSettings?>(yaml) ?? new CostModelSettings();
        }
        catch (YamlException ex)
        {
            var why = ex.InnerException?.Message ?? ex.Message;
            throw new ManifestException([new ManifestError(source, (int)ex.Start.Line, (int)ex.Start.Column, "(cost model)", why)]);
        }

        try
        {
            return settings.ToModel(source);
        }
        catch (FormatException ex)
        {
            throw new ManifestException([new ManifestError(source, 1, 1, "(cost model)", ex.Message[(source.Length + 2)..])]);
        }
    }
}
