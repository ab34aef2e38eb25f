using ApexFleet.Domain.Manifests;
using CsCheck;

namespace ApexFleet.Domain.Tests.Manifests;

/// <summary>
/// YAML built to be expensive (anchors, aliases of aliases, aliases in keys, deep flow nesting,
/// complex keys) after a valid manifest's head: read or refused with a typed error at a real
/// position and at most <see cref="ManifestLimits.MaxErrors"/> + 1 short errors — never another
/// exception, a hang or a stack overflow.
/// </summary>
public class HostileYamlProperties
{
    private const string Head = HostileManifestTests.Head;

    /// <summary>A flow node over anchors a0…a3 (used before or after they exist), nested up to 80 deep.</summary>
    private static readonly Gen<string> Node = Gen.Recursive<string>((depth, node) => depth >= 6
        ? Gen.OneOf(Gen.Const("x"), Gen.Int[0, 3].Select(i => $"*a{i}"), Gen.Int[1, 80].Select(n => new string('[', n) + new string(']', n)))
        : Gen.Frequency(
            (3, Gen.OneOf(Gen.Const("x"), Gen.Const("1"), Gen.Int[0, 3].Select(i => $"*a{i}"))),
            (2, Gen.Select(Gen.Int[0, 3], node).Select((i, n) => $"&a{i} {n}")),
            (2, node.Array[0, 8].Select(items => "[" + string.Join(", ", items) + "]")),
            (2, Gen.Select(node, node).Array[0, 4].Select(pairs => "{" + string.Join(", ", pairs.Select(p => $"? {p.Item1} : {p.Item2}")) + "}"))));

    private static readonly Gen<string> Document =
        Gen.Select(Gen.Select(Gen.OneOf(Gen.Const("k"), Node), Node).Array[1, 12], Gen.Int[0, 3])
            .Select((entries, repeat) => Head + string.Concat(Enumerable.Repeat(string.Concat(entries.Select((e, i) => $"? {e.Item1}\n: {e.Item2}\n")), repeat + 1)));

    [Fact]
    public void Costly_yaml_is_read_or_refused_with_a_few_positioned_errors()
    {
        Document.Sample(yaml =>
        {
            try
            {
                DeploymentManifest.Parse("m.yaml", yaml);
            }
            catch (ManifestException ex)
            {
                var lines = yaml.Split('\n').Length;
                Assert.InRange(ex.Errors.Count, 1, ManifestLimits.MaxErrors + 1);
                Assert.All(ex.Errors, e =>
                {
                    Assert.InRange(e.Line, 1, lines + 1);
                    Assert.True(e.Message.Length <= 2 * ManifestLimits.MaxShown, e.Message);
                });
            }
        }, iter: 10_000);
    }
}
