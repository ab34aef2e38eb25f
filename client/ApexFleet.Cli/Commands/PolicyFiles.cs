using System.CommandLine;
using ApexFleet.Domain.Policies;

namespace ApexFleet.Cli.Commands;

/// <summary>The rules folder and registry file that `policy test` and `validate --policies` read, laid out as in the GitOps repository.</summary>
internal static class PolicyFiles
{
    public static Option<FileInfo?> RegistryOption() => new("--registry")
    {
        Description = "The model registry file the rules read as `registry` (default: registry/models.yaml beside the policies folder).",
    };

    /// <summary>Every rule, binding and FinOps limit of the folder, with the registry; bad files are a <see cref="PolicyInputException"/>.</summary>
    public static PolicyBundle Load(DirectoryInfo folder, FileInfo? registryFile)
    {
        if (!folder.Exists)
        {
            throw new PolicyInputException(folder.ToString(), 0, 0, "no such policies folder");
        }

        var registry = registryFile ?? new FileInfo(Path.Combine(folder.Parent?.FullName ?? folder.FullName, "registry", "models.yaml"));
        if (registryFile is { Exists: false })
        {
            throw new PolicyInputException(registryFile.ToString(), 0, 0, "no such registry file");
        }

        return PolicyBundle.Load(
            folder.GetFiles("*.yaml").OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => (Path.Combine(folder.Name, f.Name), File.ReadAllText(f.FullName))),
            registry.Exists ? (registry.Name, File.ReadAllText(registry.FullName)) : null);
    }
}
