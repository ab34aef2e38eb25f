using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Manifests;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Tests.Manifests;

public class DeploymentManifestTests
{
    private const string Valid = """
        apiVersion: apexfleet.io/v1
        kind: Deployment
        metadata:
          name: classifier-2
        spec:
          model:
            id: classifier
            version: "2.0.0"
            previousVersion: "1.0.0"
            precision: INT8
            sizeMB: 3.4
          seed: 7
          stages:
            - name: canary
              percent: 1
              bakeWindow: 1h30m
              gates:
                - { metric: latency_p95_ms, operator: "<=", threshold: 40, minSamples: 300, scope: cohort }
            - name: everyone
              percent: 100
        """;

    [Fact]
    public void A_valid_manifest_becomes_a_rollout_definition()
    {
        var d = DeploymentManifest.Parse("m.yaml", Valid);

        Assert.Equal("classifier-2", d.Name);
        Assert.Equal(new ModelRef("classifier", "2.0.0", Precision.Int8), d.Target);
        Assert.Equal("1.0.0", d.PreviousVersion);
        Assert.Equal(3.4, d.ArtifactMegabytes);
        Assert.Equal(7UL, d.Seed);
        Assert.Equal(2, d.Stages.Count);
        Assert.Equal(TimeSpan.FromMinutes(90), d.Stages[0].BakeWindow);
        Assert.Equal(new GateSpec("latency_p95_ms", ComparisonOperator.LessOrEqual, 40, 300, GateScope.Cohort), d.Stages[0].Gates.Single());
        Assert.Empty(d.Stages[1].Gates);
    }

    [Fact]
    public void Every_error_is_reported_with_its_line_and_field()
    {
        var broken = Valid
            .Replace("percent: 1\n", "percent: 150\n", StringComparison.Ordinal)
            .Replace("latency_p95_ms", "latency_p96_ms", StringComparison.Ordinal)
            .Replace("seed: 7", "seeed: 7", StringComparison.Ordinal);

        var ex = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse("m.yaml", broken));

        Assert.Contains(ex.Errors, e => e is { Line: 12, Field: "spec.seeed" } && e.Message.StartsWith("unknown field", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e is { Line: 15, Column: 16, Field: "spec.stages[0].percent", Message: "must be between 0.0001 and 100 (got 150)" });
        Assert.Contains(ex.Errors, e => e is { Line: 18, Field: "spec.stages[0].gates[0].metric" } && e.Message.StartsWith("unknown metric 'latency_p96_ms'", StringComparison.Ordinal));
        Assert.Equal("m.yaml:15:16: spec.stages[0].percent: must be between 0.0001 and 100 (got 150)", ex.Errors.Single(e => e.Line == 15).ToString());
    }

    [Fact]
    public void A_privacy_budget_is_read_and_checked()
    {
        var yaml = Valid.Replace("  seed: 7\n", "  seed: 7\n  privacy: { epsilon: 0.5 }\n", StringComparison.Ordinal);
        Assert.Equal(0.5, DeploymentManifest.Parse("m.yaml", yaml).PrivacyEpsilon);
        Assert.Null(DeploymentManifest.Parse("m.yaml", Valid).PrivacyEpsilon);

        var ex = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse("m.yaml", yaml.Replace("epsilon: 0.5", "epsilon: 0", StringComparison.Ordinal)));
        Assert.Contains(ex.Errors, e => e.Field == "spec.privacy.epsilon" && e.Message == "must be between 0.001 and 100 (got 0)");
    }

    [Fact]
    public void A_variant_selection_is_read_with_its_variants_and_checked()
    {
        var yaml = Valid.Replace("    sizeMB: 3.4\n", "    sizeMB: 3.4\n    variants: { FP16: { sizeMB: 6.8 }, INT8: { sizeMB: 3.4 } }\n", StringComparison.Ordinal)
            .Replace("  seed: 7\n", "  seed: 7\n  selection: { objectives: \"latency:min,accuracy:max\", constraints: [\"latency<=40\"], minSamples: 300 }\n", StringComparison.Ordinal);

        var selection = DeploymentManifest.Parse("m.yaml", yaml).Selection!;
        Assert.Equal(["latency:min", "accuracy:max"], selection.Objectives.Select(o => o.ToString()));
        Assert.Equal(300, selection.MinSamples);
        Assert.Equal(6.8, selection.SizesMb[Precision.Fp16]);
        Assert.IsType<Domain.Pareto.KneePreference>(selection.Preference);

        var ex = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse("m.yaml", yaml.Replace("accuracy:max", "joy:max", StringComparison.Ordinal)));
        Assert.Contains(ex.Errors, e => e.Field == "spec.selection.objectives" && e.Message.StartsWith("unknown metric 'joy'", StringComparison.Ordinal));
    }

    [Fact]
    public void Stages_must_grow_and_end_at_one_hundred_percent()
    {
        var yaml = Valid.Replace("percent: 100", "percent: 0.5", StringComparison.Ordinal);

        var ex = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse("m.yaml", yaml));

        Assert.Contains(ex.Errors, e => e.Field == "spec.stages[1].percent" && e.Message == "must be above the previous stage's 1%");
        Assert.Contains(ex.Errors, e => e.Message == "the last stage must reach 100%");
    }

    [Fact]
    public void Missing_fields_and_same_versions_are_named()
    {
        var yaml = Valid.Replace("previousVersion: \"1.0.0\"", "previousVersion: \"2.0.0\"", StringComparison.Ordinal)
            .Replace("    id: classifier\n", "", StringComparison.Ordinal);

        var ex = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse("m.yaml", yaml));

        Assert.Contains(ex.Errors, e => e is { Field: "spec.model.id", Message: "is required" });
        Assert.Contains(ex.Errors, e => e.Field == "spec.model.previousVersion" && e.Message == "must differ from version ('2.0.0')");
    }

    [Theory]
    [InlineData("{ [1, 2]: { sizeMB: 1 } }", 12, 17, "a list")]
    [InlineData("{ { a: 1 }: { sizeMB: 1 } }", 12, 17, "a mapping")]
    [InlineData("\n      ? [FP16, INT8]\n      : { sizeMB: 1 }", 13, 9, "a list")]
    public void A_variant_key_that_is_not_text_is_a_manifest_error_not_a_crash(string variants, int line, int column, string what)
    {
        var yaml = Valid.Replace("    sizeMB: 3.4\n", $"    sizeMB: 3.4\n    variants: {variants}\n", StringComparison.Ordinal);

        var ex = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse("m.yaml", yaml));

        Assert.Equal($"m.yaml:{line}:{column}: spec.model.variants: keys must be text, not {what}", Assert.Single(ex.Errors).ToString());
    }

    [Fact]
    public void Keys_that_are_not_text_are_named_in_every_mapping()
    {
        var yaml = Valid.Replace("  seed: 7\n", "  seed: 7\n  ? [seed]\n  : 8\n", StringComparison.Ordinal)
            .Replace("    sizeMB: 3.4\n", "    sizeMB: 3.4\n    variants: { FP16: { sizeMB: 6.8 }, INT8: { sizeMB: 3.4 } }\n", StringComparison.Ordinal)
            .Replace("  stages:\n", "  selection: { objectives: \"latency:min,accuracy:max\", weights: { latency: 1, [accuracy]: 1 } }\n  stages:\n", StringComparison.Ordinal);

        var ex = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse("m.yaml", yaml));

        Assert.Contains(ex.Errors, e => e is { Field: "spec", Message: "keys must be text, not a list", Line: 14, Column: 5 });
        Assert.Contains(ex.Errors, e => e is { Field: "spec.selection.weights", Message: "keys must be text, not a list" });
    }

    [Fact]
    public void Broken_yaml_names_the_line_of_the_syntax_error()
    {
        var ex = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse("m.yaml", "apiVersion: x\nkind: Deployment\n  metadata: {}\n"));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("(document)", error.Field);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void An_unclosed_bracket_is_named_where_reading_stopped_and_where_it_was_opened()
    {
        var ex = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse("m.yaml", "apiVersion: x\nkind: [Deployment\nmetadata: {}\n"));

        Assert.Equal("m.yaml:3:1: (document): malformed YAML: the [ opened at line 2, column 7 is not closed", Assert.Single(ex.Errors).ToString());
    }

    [Fact]
    public void An_unclosed_brace_inside_a_list_is_named_at_its_own_line()
    {
        var yaml = Valid.Replace("scope: cohort }", "scope: cohort", StringComparison.Ordinal);

        var ex = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse("m.yaml", yaml));

        Assert.Equal("m.yaml:19:5: (document): malformed YAML: the { opened at line 18, column 11 is not closed", Assert.Single(ex.Errors).ToString());
    }

    [Fact]
    public void An_alias_without_an_anchor_is_named_where_it_is_used()
    {
        var yaml = Valid.Replace("seed: 7", "seed: *seed", StringComparison.Ordinal);

        var ex = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse("m.yaml", yaml));

        Assert.Equal("m.yaml:12:9: (document): malformed YAML: *seed refers to no anchor (&seed) defined before it", Assert.Single(ex.Errors).ToString());
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("1h30m", 5400)]
    [InlineData("2d", 172800)]
    [InlineData("250ms", 0.25)]
    public void Durations_read_as_people_write_them(string text, double seconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(seconds, duration.TotalSeconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("m10")]
    [InlineData("1w")]
    public void Durations_without_a_unit_are_refused(string text)
    {
        Assert.False(DurationText.TryParse(text, out _));
    }
}
