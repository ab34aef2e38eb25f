using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ApexFleet.Domain.Manifests;

/// <summary>
/// Walks a YAML text's parser events once, without building anything, and refuses what would make
/// loading it expensive or dangerous: more than <see cref="ManifestLimits.MaxBytes"/>, nesting past
/// <see cref="ManifestLimits.MaxDepth"/> (the loader recurses per level), an alias inside a mapping key
/// (keys are hashed and compared by walking their whole expansion), and aliases that expand a document
/// past <see cref="ManifestLimits.MaxNodes"/> nodes (the "billion laughs").
/// </summary>
public static class YamlBudget
{
    /// <summary>The first limit the text breaks, or null. Malformed YAML is left to the loader, which names it better.</summary>
    public static ManifestError? Problem(string source, string text)
    {
        if (ManifestLimits.SizeProblem(source, text) is { } tooLarge)
        {
            return tooLarge;
        }

        var parser = new Parser(new StringReader(text));
        var open = new Stack<Frame>();
        var expanded = new Dictionary<string, long>(StringComparer.Ordinal);
        long nodes = 0;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                switch (current)
                {
                    case DocumentStart:
                        // Anchors and the node budget are per document.
                        expanded.Clear();
                        nodes = 0;
                        break;
                    case AnchorAlias alias:
                        if (Enter(open))
                        {
                            return Error(source, alias.Start, $"*{alias.Value.Value} is an alias inside a mapping key; write keys out as plain text");
                        }

                        nodes += expanded.GetValueOrDefault(alias.Value.Value, 1);
                        if (nodes > ManifestLimits.MaxNodes)
                        {
                            return Error(source, alias.Start, $"this document expands to more than {ManifestLimits.MaxNodes} nodes through its aliases; a manifest needs far fewer");
                        }

                        break;
                    case NodeEvent node:
                        var inKey = Enter(open);
                        if (++nodes > ManifestLimits.MaxNodes)
                        {
                            return Error(source, node.Start, $"this document has more than {ManifestLimits.MaxNodes} nodes; a manifest needs far fewer");
                        }

                        if (node is SequenceStart or MappingStart)
                        {
                            if (open.Count >= ManifestLimits.MaxDepth)
                            {
                                return Error(source, node.Start, $"nested deeper than {ManifestLimits.MaxDepth} levels");
                            }

                            open.Push(new Frame(node is MappingStart, inKey, node.Anchor.IsEmpty ? null : node.Anchor.Value, nodes - 1));
                        }
                        else if (!node.Anchor.IsEmpty)
                        {
                            expanded[node.Anchor.Value] = 1;
                        }

                        break;
                    case SequenceEnd or MappingEnd when open.Count > 0:
                        var closed = open.Pop();
                        if (closed.Anchor is { } anchor)
                        {
                            expanded[anchor] = nodes - closed.NodesBefore;
                        }

                        break;
                }
            }
        }
        catch (Exception ex) when (ex is YamlException or ArgumentException or InvalidOperationException)
        {
            // Everything before the break was within limits; the loader stops at the same place and says why.
        }

        return null;
    }

    /// <summary>Throws the first limit the text breaks as a <see cref="ManifestException"/>.</summary>
    public static void Check(string source, string text)
    {
        if (Problem(source, text) is { } problem)
        {
            throw new ManifestException([problem]);
        }
    }

    /// <summary>Moves past one node in its parent; true when the node is, or is inside, a mapping key.</summary>
    private static bool Enter(Stack<Frame> open)
    {
        if (open.Count == 0)
        {
            return false;
        }

        var parent = open.Pop();
        var isKey = parent.IsMapping && parent.ExpectKey;
        open.Push(parent with { ExpectKey = parent.IsMapping && !parent.ExpectKey });
        return parent.InKey || isKey;
    }

    private static ManifestError Error(string source, Mark at, string message) =>
        new(source, Math.Max(1, (int)at.Line), Math.Max(1, (int)at.Column), "(document)", message);

    private readonly record struct Frame(bool IsMapping, bool InKey, string? Anchor, long NodesBefore)
    {
        public bool ExpectKey { get; init; } = IsMapping;
    }
}
