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
