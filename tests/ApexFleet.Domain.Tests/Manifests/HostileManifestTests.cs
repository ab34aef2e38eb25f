using System.Text;
using ApexFleet.Domain.Manifests;
using ApexFleet.Domain.Policies;

namespace ApexFleet.Domain.Tests.Manifests;

/// <summary>
/// The manifests of issue 19, each refused with one clear error before the YAML loader builds
/// anything. The 10-second guard only stops a hang from stalling the suite; the work is bounded by
/// the limits each test names, and each answer comes in milliseconds.
/// </summary>
public class HostileManifestTests
{
    /// <summary>A valid manifest's head, which the hostile tests and properties append to.</summary>
    internal const string Head = """
        apiVersion: apexfleet.io/v1
        kind: Deployment
        metadata: { name: classifier-2 }
        spec:
          model: { id: classifier, version: "2.0.0", previousVersion: "1.0.0", precision: INT8, sizeMB: 3.4 }
          stages:
            - { name: everyone, percent: 100 }

        """;

    /// <summary>Ten anchors, each a list of ten aliases of the one before: 10¹⁰ nodes once expanded, in about 600 bytes (issue 19's took 1.2 KB).</summary>
    private static string Laughs(string use)
    {
        var text = new StringBuilder(Head).Append("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 10; i++)
        {
            text.Append($"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]\n");
        }

        return text.Append(use).ToString();
    }

    private static ManifestError Refused(string yaml)
    {
        var parse = Task.Run(() => Assert.Throws<ManifestException>(() => DeploymentManifest.Parse("m.yaml", yaml)));
        Assert.True(parse.Wait(TimeSpan.FromSeconds(10)), "parsing did not finish: the limits did not hold");
        return Assert.Single(parse.Result.Errors);
    }

    [Fact]
    public void An_alias_expanding_as_a_mapping_key_is_refused_where_the_expansion_passes_the_node_limit()
    {
        var yaml = Laughs("? *l9\n: boom\n");
        Assert.InRange(Encoding.UTF8.GetByteCount(yaml) - Head.Length, 500, 700);

        var error = Refused(yaml);

        // l0 is 11 nodes, l1 111, l2 1,111, l3 11,111: with the head and the keys about 12,400 nodes come
        // before l4 (line 12), so its 8th alias of l3 (column 10 + 7 × 5) takes the total past 100,000.
        Assert.Equal((12, 45), (error.Line, error.Column));
        Assert.Contains($"more than {ManifestLimits.MaxNodes} nodes through its aliases", error.Message);
    }

    [Fact]
    public void Any_alias_inside_a_mapping_key_is_refused_at_the_alias()
    {
        var error = Refused(Head + "small: &k [a, b]\n? [x, { y: *k }]\n: v\n");

        Assert.Equal((9, 12), (error.Line, error.Column));
        Assert.Equal("*k is an alias inside a mapping key; write keys out as plain text", error.Message);
    }

    [Fact]
    public void Aliases_as_values_below_the_limits_are_still_yaml()
    {
        var yaml = """
            apiVersion: apexfleet.io/v1
            kind: Deployment
            metadata: { name: classifier-2 }
            spec:
              model: { id: classifier, version: "2.0.0", previousVersion: "1.0.0", precision: INT8, sizeMB: 3.4 }
              stages:
                - name: canary
                  percent: 5
                  gates: &gates [{ metric: crash_rate, operator: "<=", threshold: 0.01, minSamples: 100 }]
                - { name: everyone, percent: 100, gates: *gates }
            """;

        var definition = DeploymentManifest.Parse("m.yaml", yaml);

        Assert.Equal(definition.Stages[0].Gates, definition.Stages[1].Gates);
    }

    [Fact]
    public void Twenty_megabytes_of_unknown_keys_are_refused_by_size_with_one_error()
    {
        var yaml = new StringBuilder(Head);
        for (var i = 0; yaml.Length < 20_000_000; i++)
        {
            yaml.Append("unknownKey").Append(i).Append(": 1\n");
        }

        var error = Refused(yaml.ToString());

        Assert.Equal("m.yaml:1:1: (document): the manifest is larger than 262144 bytes (the most the fleet reads); keep comments and data out of it", error.ToString());
    }

    [Fact]
    public void A_valid_manifest_with_a_twenty_megabyte_comment_is_refused_by_size()
    {
        var error = Refused(Head + "# " + new string('x', 20_000_000) + "\n");

        Assert.StartsWith("the manifest is larger than 262144 bytes", error.Message);
    }

    [Fact]
    public void A_manifest_just_under_the_size_limit_is_read()
    {
        var comment = "# " + new string('x', ManifestLimits.MaxBytes - Head.Length - 3) + "\n";
        Assert.Equal(ManifestLimits.MaxBytes, Encoding.UTF8.GetByteCount(Head + comment));

        Assert.Equal("classifier-2", DeploymentManifest.Parse("m.yaml", Head + comment).Name);
        Refused(Head + comment + "\n");
    }

    [Fact]
    public void Multibyte_text_counts_in_bytes_not_characters()
    {
        // 100,000 × 'é' is 100,000 characters but 200,000 bytes: with the head, under the limit; 140,000 is over.
        Assert.Equal("classifier-2", DeploymentManifest.Parse("m.yaml", Head + "# " + new string('é', 100_000) + "\n").Name);
        Assert.StartsWith("the manifest is larger", Refused(Head + "# " + new string('é', 140_000) + "\n").Message);
    }

    [Fact]
    public void Deep_nesting_is_refused_at_the_first_level_past_the_limit_not_a_stack_overflow()
    {
        var error = Refused(Head + "deep: " + new string('[', 100_000) + new string(']', 100_000) + "\n");

        // The document mapping is level 1, so the 64th '[' opens level 65; "deep: " is 6 columns.
        Assert.Equal((8, 7 + 63), (error.Line, error.Column));
        Assert.Equal($"nested deeper than {ManifestLimits.MaxDepth} levels", error.Message);
    }

    [Fact]
    public void Many_errors_list_the_first_twenty_and_count_the_rest()
    {
        var yaml = new StringBuilder(Head);
        for (var i = 0; i < 5_000; i++)
        {
            yaml.Append("typo").Append(i).Append(": 1\n");
        }

        var refused = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse("m.yaml", yaml.ToString()));
        var errors = refused.Errors;

        Assert.Equal((ManifestLimits.MaxErrors + 1, 5_000), (errors.Count, refused.Total));
        Assert.Equal(("typo0", 8), (errors[0].Field, errors[0].Line));
        Assert.Equal(("typo19", 27), (errors[19].Field, errors[19].Line));
        Assert.Equal("m.yaml:28:1: (document): … and 4980 more errors", errors[20].ToString());
    }

    [Fact]
    public void A_huge_value_is_echoed_clipped()
    {
        var error = Assert.Throws<ManifestException>(() =>
            DeploymentManifest.Parse("m.yaml", Head.Replace("percent: 100", "percent: " + new string('9', 200_000), StringComparison.Ordinal))).Errors[0];

        Assert.True(error.Message.Length < ManifestLimits.MaxShown + 60, $"{error.Message.Length} characters");
        // "must be a number (got '" is 23 characters and "')" 2: 200,025 in all, 300 shown.
        Assert.EndsWith("… (199725 more characters)", error.Message);
    }

    [Fact]
    public void Policies_read_a_manifest_within_the_same_limits()
    {
        var ex = Assert.Throws<PolicyInputException>(() => PolicyData.Load("m.yaml", Laughs("last: *l9\n")));

        Assert.Contains($"more than {ManifestLimits.MaxNodes} nodes through its aliases", ex.Message);
    }

    [Fact]
    public void A_file_over_the_limit_is_read_no_further_than_one_byte_past_it()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, Head + new string('#', 30_000_000));
            var ex = Assert.Throws<ManifestException>(() => ManifestLimits.ReadFile(path, "big.yaml"));
            Assert.StartsWith("big.yaml:1:1: (document): the manifest is larger than 262144 bytes", ex.Message);

            File.WriteAllText(path, "\uFEFF" + Head);
            Assert.Equal(Head, ManifestLimits.ReadFile(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_prefix_of_a_large_stream_is_still_refused_even_when_cut_inside_a_character()
    {
        // The head is 235 bytes, 'x' one more, and 'é' two: 262,145 bytes end in the first half of an 'é',
        // which decodes as U+FFFD (three bytes): 236 + 2 × 130,954 + 3 = 262,147.
        var text = Head + "x" + new string('é', 200_000);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));

        var prefix = ManifestLimits.ReadPrefix(stream);

        Assert.Equal(262_147, Encoding.UTF8.GetByteCount(prefix));
        Assert.StartsWith("the manifest is larger", Refused(prefix).Message);
    }
}
