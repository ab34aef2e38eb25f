using System.CommandLine;
using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Manifests;

namespace ApexFleet.Cli.Commands;

/// <summary><c>--cost-model FILE</c>: the prices a silo or a simulation charges, from YAML (examples/finops/cost-model.yaml).</summary>
internal static class CostModelOption
{
    public static Option<FileInfo?> Create() => new("--cost-model")
    {
        Description = "YAML file of prices (egressUsdPerGb, fallbackUsdPer1k, storageUsdPerGbMonth, energyUsdPerKwh, deltaSizeRatio; see examples/finops/cost-model.yaml). A price left out keeps its default.",
    };

    /// <summary>The file's model, or null without a file; a problem is printed with its file, line and field, and <paramref name="failed"/> set.</summary>
    public static CostModel? Read(FileInfo? file, out bool failed)
    {
        failed = false;
        if (file is null)
        {
            return null;
        }

        try
        {
            return CostModelSettings.ReadYaml(file.FullName, File.ReadAllText(file.FullName));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: --cost-model {file.FullName}: {ex.Message}");
        }
        catch (ManifestException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
        }

        failed = true;
        return null;
    }
}
