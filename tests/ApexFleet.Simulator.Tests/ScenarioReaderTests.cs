using ApexFleet.Domain.Manifests;
using ApexFleet.Simulator.Scenarios;

namespace ApexFleet.Simulator.Tests;

public class ScenarioReaderTests
{
    [Fact]
    public void The_default_scenario_is_the_example_file_and_reads_cleanly()
    {
        var scenario = ScenarioReader.Default();
        var repoCopy = File.ReadAllText(Path.Combine(RepoRoot(), "examples", "default.yaml"));

        Assert.Equal(repoCopy, ScenarioReader.EmbeddedDefaultText());
        Assert.Equal("default", scenario.Name);
        Assert.Equal("classifier-2-0-0", scenario.Deployment.Name);
        Assert.Equal(4, scenario.Deployment.Stages.Count);
        Assert.True(scenario.Fleet.Chipsets.Count >= 3);
        Assert.Contains("kind: Deployment", scenario.DeploymentManifestYaml, StringComparison.Ordinal);
        Assert.Equivalent(scenario.Deployment, DeploymentManifest.Parse("x", scenario.DeploymentManifestYaml), strict: true);
    }

    [Fact]
    public void Every_example_scenario_reads_cleanly()
    {
        var files = Directory.GetFiles(Path.Combine(RepoRoot(), "examples"), "*.yaml");
        Assert.NotEmpty(files);
        Assert.All(files, f => ScenarioReader.Load(f));
    }

    [Fact]
    public void Every_example_manifest_reads_cleanly()
    {
        var files = Directory.GetFiles(Path.Combine(RepoRoot(), "examples", "manifests"), "*.yaml");
        Assert.NotEmpty(files);
        Assert.All(files, f => DeploymentManifest.Parse(Path.GetFileName(f), File.ReadAllText(f)));
    }

    [Fact]
    public void Scenario_errors_name_line_and_field()
    {
        var yaml = ScenarioReader.EmbeddedDefaultText()
            .Replace("groupTierCorrelation: 0.3", "groupTierCorrelation: 1.3", StringComparison.Ordinal)
            .Replace("models:\n", "faults:\n  - { kind: meltdown, version: \"9.9\" }\nmodels:\n", StringComparison.Ordinal);

        var ex = Assert.Throws<ManifestException>(() => ScenarioReader.Parse("s.yaml", yaml));

        Assert.Contains(ex.Errors, e => e.Field == "fleet.groupTierCorrelation" && e.Message == "must be between 0 and 1 (got 1.3)");
        Assert.Contains(ex.Errors, e => e.Field == "faults[0].kind" && e.Message.StartsWith("must be one of latencyRegression", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Field == "faults[0].version" && e.Message == "version '9.9' is not described under models");
        Assert.All(ex.Errors, e => Assert.True(e.Line > 1));
    }

    [Fact]
    public void On_device_faults_a_device_share_and_conversion_rates_are_read()
    {
        var yaml = ScenarioReader.EmbeddedDefaultText()
            .Replace("{ latencyScale: 1.0, accuracy: 71.9 }", "{ latencyScale: 1.0, accuracy: 71.9, conversionRate: 3.5 }", StringComparison.Ordinal)
            .Replace("models:\n", "faults:\n"
                + "  - { kind: conversionDrop, version: \"2.0.0\", factor: 0.8 }\n"
                + "  - { kind: cpuRegression, version: \"2.0.0\", chipset: snapdragon-660, factor: 3 }\n"
                + "  - { kind: memoryRegression, version: \"2.0.0\", factor: 2.5, share: 0.1 }\n"
                + "  - { kind: selectionDrop, version: \"2.0.0\", group: south, factor: 0.6 }\n"
                + "  - { kind: outputDrift, version: \"2.0.0\", shift: 0.2, from: 30h }\n"
                + "models:\n", StringComparison.Ordinal);

        var scenario = ScenarioReader.Parse("s.yaml", yaml);

        Assert.Equal(3.5, scenario.Models["1.0.0"].ConversionPercent);
        Assert.Null(scenario.Models["2.0.0"].ConversionPercent);
        Assert.Equal(
            [
                new FaultSpec(FaultKind.ConversionDrop, "2.0.0", null, null, null, 0.8, TimeSpan.Zero),
                new FaultSpec(FaultKind.CpuRegression, "2.0.0", "snapdragon-660", null, null, 3, TimeSpan.Zero),
                new FaultSpec(FaultKind.MemoryRegression, "2.0.0", null, null, null, 2.5, TimeSpan.Zero, 0.1),
                new FaultSpec(FaultKind.SelectionDrop, "2.0.0", null, "south", null, 0.6, TimeSpan.Zero),
                new FaultSpec(FaultKind.OutputDrift, "2.0.0", null, null, null, 0.2, TimeSpan.FromHours(30)),
            ],
            scenario.Faults);
    }

    [Fact]
    public void On_device_fault_amounts_out_of_range_are_named_with_their_line()
    {
        var yaml = ScenarioReader.EmbeddedDefaultText()
            .Replace("{ latencyScale: 0.95, accuracy: 72.4 }", "{ latencyScale: 0.95, accuracy: 72.4, conversionRate: 120 }", StringComparison.Ordinal)
            .Replace("models:\n", "faults:\n"
                + "  - { kind: conversionDrop, version: \"2.0.0\", factor: 1.5 }\n"
                + "  - { kind: cpuRegression, version: \"2.0.0\", factor: 0 }\n"
                + "  - { kind: memoryRegression, version: \"2.0.0\", factor: 2, share: 0 }\n"
                + "  - { kind: selectionDrop, version: \"2.0.0\", factor: much }\n"
                + "models:\n", StringComparison.Ordinal);

        var ex = Assert.Throws<ManifestException>(() => ScenarioReader.Parse("s.yaml", yaml));

        Assert.Contains(ex.Errors, e => e.ToString() == "s.yaml:25:55: faults[0].factor: must be between 0 and 1 (got 1.5)");
        Assert.Contains(ex.Errors, e => e.Line == 26 && e.Field == "faults[1].factor" && e.Message == "must be between 0.01 and 1000 (got 0)");
        Assert.Contains(ex.Errors, e => e.Line == 27 && e.Field == "faults[2].share" && e.Message == "must be between 0.0001 and 1 (got 0)");
        Assert.Contains(ex.Errors, e => e.Line == 28 && e.Field == "faults[3].factor" && e.Message == "must be a number (got 'much')");
        Assert.Contains(ex.Errors, e => e.Line == 31 && e.Field == "models.2.0.0.conversionRate" && e.Message == "must be between 0 and 100 (got 120)");
    }

    [Fact]
    public void A_model_version_that_is_not_text_is_named_not_a_crash()
    {
        var yaml = ScenarioReader.EmbeddedDefaultText()
            .Replace("models:\n", "models:\n  ? [\"3.0.0\"]\n  : { latencyScale: 1.0, accuracy: 70 }\n", StringComparison.Ordinal);

        var ex = Assert.Throws<ManifestException>(() => ScenarioReader.Parse("s.yaml", yaml));

        Assert.Equal("s.yaml:25:5: models: keys must be text, not a list", Assert.Single(ex.Errors).ToString());
    }

    [Fact]
    public void Malformed_yaml_is_named_at_the_line_where_reading_stopped()
    {
        var yaml = ScenarioReader.EmbeddedDefaultText()
            .Replace("regions: [eu, us, apac, latam]", "regions: [eu, us, apac, latam", StringComparison.Ordinal);

        var ex = Assert.Throws<ManifestException>(() => ScenarioReader.Parse("s.yaml", yaml));

        Assert.Equal("s.yaml:14:3: (document): malformed YAML: the [ opened at line 13, column 12 is not closed", Assert.Single(ex.Errors).ToString());
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var ex = Assert.Throws<ManifestException>(() => ScenarioReader.Load("/nowhere/s.yaml"));
        Assert.Equal("/nowhere/s.yaml:0:0: (file): no such scenario file", ex.Errors.Single().ToString());
    }

    internal static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "ApexFleet.sln")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("repository root not found");
        }

        return dir;
    }
}
