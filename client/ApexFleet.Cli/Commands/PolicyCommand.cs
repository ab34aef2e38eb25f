using System.CommandLine;
using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Manifests;
using ApexFleet.Domain.Policies;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Cli.Commands;

/// <summary><c>apexfleet policy test</c>: the repository's admission rules on manifests, without a cluster.</summary>
public static class PolicyCommand
{
    public static Command Create()
    {
        var policies = new Option<DirectoryInfo>("--policies") { Description = "Folder of the rules (*.yaml: AdmissionPolicy, PolicyBindings, FinOpsLimits).", Required = true };
        var registry = PolicyFiles.RegistryOption();
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
            bundle = PolicyFiles.Load(folder, registryFile);
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

            try
            {
                var yaml = ManifestLimits.ReadFile(file.FullName, file.Name);
                var review = Review(bundle, file.Name, yaml);
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
            catch (ManifestException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                bad = true;
            }
        }

        return bad ? ExitCodes.BadInput : denied ? ExitCodes.Denied : ExitCodes.Ok;
    }

    /// <summary>
    /// The model as the manifest parser reads it when it can, with its cost centre's cap; a manifest
    /// it refuses is still judged as data.
    /// </summary>
    private static AdmissionReview Review(PolicyBundle bundle, string source, string yaml)
    {
        RolloutDefinition definition;
        try
        {
            definition = DeploymentManifest.Parse(source, yaml);
        }
        catch (ManifestException)
        {
            return PolicyEvaluator.Evaluate(bundle, AdmissionRequest.FromManifest(source, yaml));
        }

        var request = AdmissionRequest.FromManifest(source, yaml, definition.ModelId, definition.TargetVersion);
        return PolicyEvaluator.Evaluate(bundle, request, definition, FleetContext.Default, CostModel.Default);
    }
}
