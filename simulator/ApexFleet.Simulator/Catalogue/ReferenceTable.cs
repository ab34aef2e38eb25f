using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ApexFleet.Simulator.Catalogue;

/// <summary>docs/references.yaml: the figures the catalogue's derivations start from.</summary>
public sealed class ReferenceTable
{
    private readonly Dictionary<string, ReferenceFigure> _byId;

    public ReferenceTable(IReadOnlyList<ReferenceFigure> figures)
    {
        Figures = figures;
        _byId = [];
        foreach (var figure in figures)
        {
            if (!_byId.TryAdd(figure.Id, figure))
            {
                throw new FormatException($"figure '{figure.Id}' appears twice");
            }
        }
    }

    public IReadOnlyList<ReferenceFigure> Figures { get; }

    public bool TryGet(string id, out ReferenceFigure figure) => _byId.TryGetValue(id, out figure!);

    public static ReferenceTable Parse(string source, string yaml)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        try
        {
            var document = deserializer.Deserialize<File>(yaml) ?? new File();
            foreach (var figure in document.Figures)
            {
                if (!figure.Id.StartsWith(figure.Source + ":", StringComparison.Ordinal) || figure.Value <= 0 || figure.Unit.Length == 0)
                {
                    throw new FormatException($"{source}: figure '{figure.Id}' needs an id starting with its source ('{figure.Source}:'), a unit and a value > 0");
                }
            }

            return new ReferenceTable(document.Figures);
        }
        catch (YamlException ex)
        {
            throw new FormatException($"{source}:{ex.Start.Line}:{ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }
    }

    public static ReferenceTable Load(string path) => Parse(path, System.IO.File.ReadAllText(path));

    /// <summary>
    /// docs/references.yaml of the repository around <paramref name="start"/> (it is no part of the
    /// program: it travels with the sources), or null when no parent folder has one.
    /// </summary>
    public static string? Locate(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", "references.yaml");
            if (System.IO.File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private sealed class File
    {
        public List<ReferenceFigure> Figures { get; set; } = [];
    }
}
