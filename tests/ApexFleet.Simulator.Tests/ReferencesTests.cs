using System.Text.RegularExpressions;

namespace ApexFleet.Simulator.Tests;

/// <summary>Citations travel with the repository: every <c>[Rn]</c> cited has an entry in docs/REFERENCES.md.</summary>
public partial class ReferencesTests
{
    private static readonly string Root = ScenarioReaderTests.RepoRoot();

    private static readonly string References = File.ReadAllText(Path.Combine(Root, "docs", "REFERENCES.md"));

    private static readonly string[] TextExtensions = [".cs", ".yaml", ".yml", ".md", ".csv", ".json", ".sql", ".sh", ".props", ".csproj"];

    [GeneratedRegex(@"\[(R\d+)\]")]
    private static partial Regex Citation();

    [GeneratedRegex(@"^### \[(R\d+)\] \S", RegexOptions.Multiline)]
    private static partial Regex EntryHeading();

    [GeneratedRegex(@"^<a id=""(R\d+)""></a>\n### \[(R\d+)\]", RegexOptions.Multiline)]
    private static partial Regex AnchoredHeading();

    private static List<string> Entries() => EntryHeading().Matches(References.ReplaceLineEndings("\n")).Select(m => m.Groups[1].Value).ToList();

    private static IEnumerable<string> Cited(string text) => Citation().Matches(text).Select(m => m.Groups[1].Value).Distinct();

    [Fact]
    public void Every_citation_in_the_chipset_catalogue_is_an_entry_of_docs_references()
    {
        var catalogue = File.ReadAllText(Path.Combine(Root, "simulator", "ApexFleet.Simulator", "Catalogue", "chipsets.yaml"));
        var cited = Cited(catalogue).ToList();

        Assert.Contains("R1", cited);
        Assert.Contains("R2", cited);
        Assert.Contains("R3", cited);
        Assert.All(cited, id => Assert.Contains(id, Entries()));
    }

    [Fact]
    public void Every_entry_has_one_id_an_anchor_a_publisher_a_year_and_what_we_took()
    {
        var text = References.ReplaceLineEndings("\n");
        var entries = Entries();

        Assert.True(entries.Count >= 20, $"{entries.Count} entries");
        Assert.Equal(entries.Count, entries.Distinct().Count());
        var anchored = AnchoredHeading().Matches(text).Where(m => m.Groups[1].Value == m.Groups[2].Value).Select(m => m.Groups[1].Value);
        Assert.Equal(entries, anchored);

        var sections = text.Split("\n### ").Skip(1).Where(s => s.StartsWith("[R", StringComparison.Ordinal));
        Assert.All(sections, section =>
        {
            Assert.Contains("- **Publisher:** ", section, StringComparison.Ordinal);
            Assert.Contains("- **Year:** ", section, StringComparison.Ordinal);
            Assert.Contains("- **What we took:** ", section, StringComparison.Ordinal);
            Assert.Contains("- **Used in:** ", section, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Every_citation_anywhere_in_the_repository_resolves_and_none_points_outside_it()
    {
        // Built from parts so that this file does not match itself.
        var privateFolder = string.Join('/', "shared", "reference");
        var entries = Entries().ToHashSet();
        var problems = new List<string>();
        foreach (var file in RepositoryTextFiles())
        {
            var text = File.ReadAllText(file);
            var name = Path.GetRelativePath(Root, file);
            problems.AddRange(Cited(text).Where(id => !entries.Contains(id)).Select(id => $"{name}: [{id}] has no entry"));
            if (text.Contains(privateFolder, StringComparison.Ordinal))
            {
                problems.Add($"{name}: cites {privateFolder}, which users of the repository do not have");
            }
        }

        Assert.Empty(problems);
    }

    private static IEnumerable<string> RepositoryTextFiles()
    {
        var pending = new Stack<string>([Root]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(dir))
            {
                var name = Path.GetFileName(sub);
                if (!name.StartsWith('.') && name is not ("bin" or "obj" or "node_modules"))
                {
                    pending.Push(sub);
                }
            }

            foreach (var file in Directory.EnumerateFiles(dir))
            {
                if (TextExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
                {
                    yield return file;
                }
            }
        }
    }
}
