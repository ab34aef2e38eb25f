using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ApexFleet.Abstractions.Json;
using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Manifests;
using ApexFleet.Domain.Policies;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Cli.Commands;

/// <summary>
/// `apexfleet validate`: checks deployment manifests of either format offline (no cluster), every
/// document of every file, and with --explain says what each would do.
/// </summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("file")
        {
            Description = "Manifest files (YAML): kind Deployment (apexfleet.io/v1) or OnDeviceModelDeployment (mobileai.apexlogic.com/v1); a file may hold several documents separated by ---.",
            Arity = ArgumentArity.OneOrMore,
        };
        var explain = new Option<bool>("--explain")
        {
            Description = "For each valid document, print what it will do: format, model and precision, where the previous version comes from, targeting, stages with bake windows and gates, guardrails, privacy budget, resource limits, monitoring window, labels.",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON array, an entry per document: file, document, valid, format, errors, and (when valid) what it will do.",
        };

        var policies = new Option<DirectoryInfo?>("--policies")
        {
            Description = "Also judge every valid document with the admission rules of this folder (*.yaml: AdmissionPolicy, PolicyBindings, FinOpsLimits), as the GitOps reconciler does.",
        };
        var registry = PolicyFiles.RegistryOption();

        var command = new Command("validate", "Check deployment manifests without a cluster: every document of every file, every error on its own line as file:line:column: field: message; with --policies, every rule's verdict too. Exit code 0: every document is valid (and admitted); 1: a valid document was denied by a rule; 2: any is not valid, or the rules cannot be read.")
        {
            files, explain, json, policies, registry,
        };
        var fleetOf = FleetContextOptions.AddTo(command);
        command.SetAction((parse, _) => Task.FromResult(Run(
            parse.GetValue(files) ?? [],
            fleetOf(parse),
            parse.GetValue(explain),
            parse.GetValue(json),
            parse.GetValue(policies),
            parse.GetValue(registry))));
        return command;
    }

    private static int Run(FileInfo[] files, FleetContext fleet, bool explain, bool json, DirectoryInfo? policyFolder, FileInfo? registry)
    {
        Admission? admission = null;
        try
        {
            admission = policyFolder is null ? null : new Admission(PolicyFiles.Load(policyFolder, registry), fleet, CostModel.Default);
        }
        catch (PolicyInputException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }

        var documents = files.SelectMany(file => Read(file, fleet))
            .Select(d => (d.File, d.Document, Review: admission?.Judge(d.File, d.Text, d.Document)))
            .ToList();
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(documents.Select(d => ValidationJson.From(d.File, d.Document, d.Review)), FleetJson.Options));
        }
        else
        {
            foreach (var (file, document, review) in documents)
            {
                foreach (var error in document.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column))
                {
                    Console.Error.WriteLine(error);
                }

                if (document.IsValid)
                {
                    Console.WriteLine($"{file}: document {document.Number}: valid {FormatName(document.Format)}");
                    if (explain)
                    {
                        Explain(document, fleet);
                    }

                    if (review is not null)
                    {
                        Console.WriteLine($"  policies    {(review.Admitted ? "admitted" : "denied")} ({review.Verdicts.Count} rule(s) matched)");
                        foreach (var verdict in review.Verdicts)
                        {
                            Console.WriteLine($"    {verdict}");
                        }
                    }
                }
            }
        }

        return documents.Any(d => !d.Document.IsValid) ? ExitCodes.BadInput
            : documents.Any(d => d.Review is { Admitted: false }) ? ExitCodes.Denied
            : ExitCodes.Ok;
    }

    private static IEnumerable<(string File, string Text, ManifestDocument Document)> Read(FileInfo file, FleetContext fleet)
    {
        var name = file.ToString();
        if (!file.Exists)
        {
            return [(name, "", new ManifestDocument(1, null, null, null, [new ManifestError(name, 0, 0, "(file)", "no such file")]))];
        }

        try
        {
            var text = ManifestLimits.ReadFile(file.FullName, name);
            return DeploymentManifest.ParseAll(name, text, fleet).Select(d => (name, text, Admitted(name, d, fleet)));
        }
        catch (ManifestException ex)
        {
            return [(name, "", new ManifestDocument(1, null, null, null, ex.Errors))];
        }
    }

    /// <summary>A valid manifest whose budget is below the least its rollout costs (at the default prices) is not admissible.</summary>
    private static ManifestDocument Admitted(string name, ManifestDocument document, FleetContext fleet) =>
        document.Definition is { } definition && AdmissionEstimate.Denial(definition, fleet, CostModel.Default) is { } denial
            ? document with { Errors = [new ManifestError(name, 0, 0, "spec.budget.rolloutUSD", denial)] }
            : document;

    internal static string FormatName(ManifestFormat? format) => format switch
    {
        ManifestFormat.ApexFleet => $"{DeploymentManifest.Kind} ({DeploymentManifest.ApiVersion})",
        ManifestFormat.OnDevice => $"{OnDeviceManifest.Kind} ({OnDeviceManifest.ApiVersion})",
        _ => "(unknown format)",
    };

    private static void Explain(ManifestDocument document, FleetContext fleet)
    {
        var d = document.Definition!;
        Console.WriteLine($"  rollout     {d.Name}");
        Console.WriteLine($"  model       {d.ModelId} {d.TargetVersion} at {d.Precision.ToLabel()} ({Number(d.ArtifactMegabytes)} MB)");
        Console.WriteLine($"  replaces    {d.PreviousVersion}, from {document.PreviousVersionFrom}");
        Console.WriteLine($"  targets     {(d.Targeting is { } t ? t.Describe() : "every device")}");
        Console.WriteLine($"  stages      {(document.Format == ManifestFormat.OnDevice ? $"bake windows sized for {fleet.Devices} devices at {Number(fleet.InferencesPerDevicePerHour)} inferences per device per hour" : "as listed")}");
        for (var i = 0; i < d.Stages.Count; i++)
        {
            var stage = d.Stages[i];
            Console.WriteLine($"    {i + 1}. {stage.Name}: {Number(stage.Percent)}% for at least {DurationText.Format(stage.BakeWindow)}{Limit(stage.Inconclusive)}");
            foreach (var gate in stage.Gates)
            {
                var tolerance = gate.Tolerance is { } zone ? $", tolerance {Number(zone)}" : "";
                Console.WriteLine($"       {gate.Metric} {gate.Operator.Symbol()} {Number(gate.Threshold)}, {gate.Scope.ToString().ToLowerInvariant()}-wide, after {gate.MinSamples} samples{tolerance}{Limit(gate.Inconclusive)}");
            }
        }

        Console.WriteLine($"  progression {(d.Progression == Progression.PerCohort ? "per cohort: each cohort moves on its own evidence" : "lock-step: every cohort moves together")}");

        Console.WriteLine($"  guardrails  {(d.Guardrails is { } g ? $"bias detection {(g.BiasDetection ? "on" : "off")}, explainability {g.Explainability.ToString().ToLowerInvariant()}" : "none")}");
        Console.WriteLine($"  privacy     {(d.Privacy is { } p ? $"ε = {Number(p.Epsilon)} per report, daily budget {Number(p.DailyBudget)} ({p.ReleasesPerDay} reports a day per device)" : "none (telemetry is not noised)")}");
        Console.WriteLine($"  resources   {(d.Resources is { } r ? Describe(r) : "no limits")}");
        Console.WriteLine($"  monitoring  {(d.MonitorWindow > TimeSpan.Zero ? $"{DurationText.Format(d.MonitorWindow)} after everyone runs it" : "stops at 100%")}");
        Console.WriteLine($"  fall-back   {(d.CloudFallback is { } c ? $"cloud function {c.Function} with {c.MemoryMB} MB" : "none declared")}");
        Console.WriteLine($"  labels      {(d.Labels is { IsEmpty: false } l ? l.Describe() : "none")}");
        Console.WriteLine($"  cost        at least {Number(Math.Round(AdmissionEstimate.RolloutUsd(d, fleet, CostModel.Default), 2))} USD of egress for {fleet.Devices} devices; budget {(d.Budget is { } b ? $"{(b.RolloutUsd is { } cap ? $"{Number(cap)} USD a rollout" : "no rollout limit")}, {(b.MonthlyUsd is { } m ? $"{Number(m)} USD a month" : "no monthly limit")}" : "none")}");
        if (d.RegistryUrl is { } url)
        {
            Console.WriteLine($"  registry    {url}");
        }
    }

    private static string Limit(InconclusivePolicy? policy) =>
        policy is null ? "" : $"; undecided after {DurationText.Format(policy.MaxDuration)}: {policy.OnInconclusive.ToString().ToLowerInvariant()}";

    internal static string Describe(ResourceLimits limits)
    {
        var parts = new List<string>();
        if (limits.CpuMaxPercent is { } cpu)
        {
            parts.Add($"CPU above {Number(cpu)}% for longer than {DurationText.Format(limits.CpuDuration)} on at most {Number(ResourceLimits.AllowedBreachShare * 100)}% of devices");
        }

        if (limits.MemoryMaxMb is { } memory)
        {
            parts.Add($"peak memory p95 ≤ {Number(memory)} MB");
        }

        return parts.Count == 0 ? "no limits" : string.Join("; ", parts);
    }

    internal static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}

/// <summary>One document as `validate --json` prints it: whether it is valid, its errors, and what it will do.</summary>
public sealed record ValidationJson(string File, int Document, bool Valid, string? Format, IReadOnlyList<ManifestError> Errors, ValidationJson.Plan? Rollout, AdmissionReview? Admission)
{
    public sealed record Plan(
        string Name, string ModelId, string Version, string Precision, string PreviousVersion, string? PreviousVersionFrom,
        string? Targeting, IReadOnlyList<StagePlan> Stages, bool BiasDetection, string Explainability,
        double? Epsilon, double? DailyBudget, string? Resources, string MonitorWindow, IReadOnlyDictionary<string, string> Labels, string? RegistryUrl,
        CloudFallback? CloudFallback);

    public sealed record StagePlan(string Name, double Percent, string BakeWindow, IReadOnlyList<GateSpec> Gates);

    public static ValidationJson From(string file, ManifestDocument document, AdmissionReview? admission = null)
    {
        var d = document.Definition;
        var plan = d is null || !document.IsValid ? null : new Plan(
            d.Name, d.ModelId, d.TargetVersion, d.Precision.ToLabel(), d.PreviousVersion, document.PreviousVersionFrom,
            d.Targeting?.Describe(),
            d.Stages.Select(s => new StagePlan(s.Name, s.Percent, DurationText.Format(s.BakeWindow), s.Gates)).ToList(),
            d.Guards.BiasDetection, d.Guards.Explainability.ToString().ToLowerInvariant(),
            d.Privacy?.Epsilon, d.Privacy?.DailyBudget, d.Resources is { } r ? ValidateCommand.Describe(r) : null,
            DurationText.Format(d.MonitorWindow), d.Owner.Pairs().ToDictionary(), d.RegistryUrl, d.CloudFallback);
        return new ValidationJson(file, document.Number, document.IsValid, document.Format is null ? null : ValidateCommand.FormatName(document.Format), document.Errors, plan, admission);
    }
}
