using System.CommandLine;
using ApexFleet.Domain.Manifests;
using ApexFleet.Domain.Policies;

namespace ApexFleet.Cli.Commands;

/// <summary><c>apexfleet policy test</c>: the repository's admission rules on manifests, without a cluster.</summary>
public static class PolicyCommand
{
    public static Command Create()
    {
        var policies = new Option<DirectoryInfo>("--policies") { Description = "Folder of the rules (*.yaml: AdmissionPolicy, PolicyBindings, FinOpsLimits).", Required = true };
        var registry = new Option<FileInfo?>("--registry") { Description = "The model registry file (default: registry/models.yaml beside the policies folder)." };
        var files = new Argument<FileInfo[]>("manifest") { Description = "Manifests to judge (either format).", Arity = ArgumentArity.OneOrMore };
        var test = new Command("test", "Judge manifests with the rules: every verdict with its rule and message. Exit 0: all admitted; 1: any denied; 2: bad input.")
        {
            policies, registry, files,
        };
        test.SetAction(parse => Run(parse.GetValue(policies)!, parse.GetValue(registry), parse.GetValue(files)!));
        return new Command("policy", "Policy as code: admission rules in CEL, as in the GitOps repository's policies/ folder.") { test };
    }

    private static int Run(DirectoryInfo folder, FileInfo? registryFile, FileInfo[] manifests)
    {
        PolicyBundle bundle;
        try
        {
            if (!folder.Exists)
            {
                Console.Error.WriteLine($"error: no policies folder {folder.FullName}");
                return ExitCodes.BadInput;
            }

            var registry = registryFile ?? new FileInfo(Path.Combine(folder.Parent?.FullName ?? folder.FullName, "registry", "models.yaml"));
            bundle = PolicyBundle.Load(
                folder.GetFiles("*.yaml").Select(f => (Path.Combine(folder.Name, f.Name), File.ReadAllText(f.FullName))),
                registry.Exists ? (registry.Name, File.ReadAllText(registry.FullName)) : null);
        }
        catch (PolicyInputException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }

        var denied = false;
        var bad = false;
        foreach (var file in manifests)
        {
            if (!file.Exists)
            {
                Console.Error.WriteLine($"error: no such manifest file {file.FullName}");
                bad = true;
                continue;
            }

            var yaml = File.ReadAllText(file.FullName);
            try
            {
                var review = PolicyEvaluator.Evaluate(bundle, Request(file.Name, yaml));
                Console.WriteLine($"{file.Name}: {(review.Admitted ? "admitted" : "denied")}");
                foreach (var verdict in review.Verdicts)
                {
                    Console.WriteLine($"  {verdict}");
                }

                denied |= !review.Admitted;
            }
            catch (PolicyInputException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                bad = true;
            }
        }

        return bad ? ExitCodes.BadInput : denied ? 1 : ExitCodes.Ok;
    }

    /// <summary>The model as the manifest parser reads it when it can; a manifest it refuses is still judged as data.</summary>
    private static AdmissionRequest Request(string source, string yaml)
    {
        try
        {
            var definition = DeploymentManifest.Parse(source, yaml);
            return AdmissionRequest.FromManifest(source, yaml, definition.ModelId, definition.TargetVersion);
        }
        catch (ManifestException)
        {
            return AdmissionRequest.FromManifest(source, yaml);
        }
    }
}
