using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;
using YamlDotNet.RepresentationModel;

namespace ApexFleet.Domain.Manifests;

/// <summary>
/// Reads typed fields out of a YAML document while collecting errors with their exact position,
/// so a user fixing a manifest sees every problem at once, each with its file, line and field.
/// </summary>
public sealed class YamlFields(string source)
{
    private readonly List<ManifestError> _errors = [];

    public string Source { get; } = source;

    public IReadOnlyList<ManifestError> Errors => _errors;

    public static YamlMappingNode LoadRoot(string source, string text) => LoadDocuments(source, text)[0];

    /// <summary>
    /// Every document of a text (documents are separated by <c>---</c>), each a mapping; the first
    /// document that is not one is reported at its start.
    /// </summary>
    public static IReadOnlyList<YamlMappingNode> LoadDocuments(string source, string text)
    {
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text), skipComments: true);
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (AnchorNotFoundException) when (UnknownAlias(text) is { } alias)
        {
            // YamlDotNet reports these at 1:1; the alias token knows where it is.
            throw Malformed(source, alias.Start, $"*{alias.Value.Value} refers to no anchor (&{alias.Value.Value}) defined before it");
        }
        catch (YamlException ex)
        {
            throw new ManifestException([new ManifestError(source, (int)ex.Start.Line, (int)ex.Start.Column, "(document)", ex.InnerException?.Message ?? ex.Message)]);
        }
        catch (ArgumentException)
        {
            // YamlDotNet's node loader refuses an event it has no node for (e.g. a reserved indicator
            // where a value should start), without a position: the scanner knows where it stopped.
            throw Malformed(source, scanner.CurrentPosition, "cannot read on from here");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up without a position of its own on a plain value inside an
            // unclosed [ or {: it stopped where it was reading, and the text before it shows the bracket.
            var stoppedAt = scanner.CurrentPosition;
            throw Malformed(source, stoppedAt, InnermostOpenFlow(text[..(int)Math.Min(stoppedAt.Index, text.Length)]) is { } open
                ? $"the {(open is FlowSequenceStart ? "[" : "{")} opened at line {open.Start.Line}, column {open.Start.Column} is not closed"
                : "cannot read on from here");
        }

        if (stream.Documents.Count == 0)
        {
            throw new ManifestException([new ManifestError(source, 1, 1, "(document)", "expected a YAML mapping at the top level")]);
        }

        var roots = new List<YamlMappingNode>(stream.Documents.Count);
        for (var i = 0; i < stream.Documents.Count; i++)
        {
            if (stream.Documents[i].RootNode is not YamlMappingNode root)
            {
                var at = stream.Documents[i].RootNode.Start;
                var which = stream.Documents.Count == 1 ? "(document)" : $"(document {i + 1})";
                throw new ManifestException([new ManifestError(source, Math.Max(1, (int)at.Line), Math.Max(1, (int)at.Column), which, "expected a YAML mapping at the top level")]);
            }

            roots.Add(root);
        }

        return roots;
    }

    /// <summary>The tokens YamlDotNet's scanner reads from a text, up to its end or its first error.</summary>
    private static List<Token> Tokens(string text)
    {
        var tokens = new List<Token>();
        var scanner = new Scanner(new StringReader(text), skipComments: true);
        try
        {
            while (scanner.MoveNext())
            {
                tokens.Add(scanner.Current!);
            }
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            // What was read so far is what the caller looks at.
        }

        return tokens;
    }

    /// <summary>The last [ or { of a text that is not closed in it.</summary>
    private static Token? InnermostOpenFlow(string text)
    {
        var open = new Stack<Token>();
        foreach (var token in Tokens(text))
        {
            if (token is FlowSequenceStart or FlowMappingStart)
            {
                open.Push(token);
            }
            else if (token is FlowSequenceEnd or FlowMappingEnd && open.Count > 0)
            {
                open.Pop();
            }
        }

        return open.Count > 0 ? open.Peek() : null;
    }

    /// <summary>The first alias (<c>*name</c>) used before any anchor (<c>&amp;name</c>) of its name.</summary>
    private static AnchorAlias? UnknownAlias(string text)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in Tokens(text))
        {
            if (token is Anchor anchor)
            {
                anchors.Add(anchor.Value.Value);
            }
            else if (token is AnchorAlias alias && !anchors.Contains(alias.Value.Value))
            {
                return alias;
            }
        }

        return null;
    }

    private static ManifestException Malformed(string source, Mark at, string message) =>
        new([new ManifestError(source, (int)at.Line, (int)at.Column, "(document)", $"malformed YAML: {message}")]);

    public void Error(YamlNode? at, string field, string message) =>
        _errors.Add(new ManifestError(Source, (int)(at?.Start.Line ?? 1), (int)(at?.Start.Column ?? 1), field, message));

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ManifestException(_errors.ToList());
        }
    }

    public YamlNode? Child(YamlMappingNode parent, string key) =>
        parent.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    public YamlMappingNode? Mapping(YamlMappingNode parent, string key, string path, bool required = true)
    {
        var node = Child(parent, key);
        switch (node)
        {
            case YamlMappingNode mapping:
                return mapping;
            case null when !required:
                return null;
            case null:
                Error(parent, path, "is required");
                return null;
            default:
                Error(node, path, "must be a mapping");
                return null;
        }
    }

    public IReadOnlyList<YamlNode> Sequence(YamlMappingNode parent, string key, string path, bool required = true)
    {
        var node = Child(parent, key);
        switch (node)
        {
            case YamlSequenceNode sequence:
                return sequence.Children.ToList();
            case null when !required:
                return [];
            case null:
                Error(parent, path, "is required");
                return [];
            default:
                Error(node, path, "must be a list");
                return [];
        }
    }

    public string? String(YamlMappingNode parent, string key, string path, bool required = true, string? fallback = null)
    {
        var node = Child(parent, key);
        if (node is null)
        {
            if (required)
            {
                Error(parent, path, "is required");
            }

            return fallback;
        }

        if (node is not YamlScalarNode { Value: { Length: > 0 } value })
        {
            Error(node, path, "must be a non-empty text value");
            return fallback;
        }

        return value;
    }

    public double? Number(YamlMappingNode parent, string key, string path, double min, double max, bool required = true, double? fallback = null)
    {
        var text = String(parent, key, path, required);
        if (text is null)
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            Error(Child(parent, key), path, $"must be a number (got '{text}')");
            return fallback;
        }

        if (value < min || value > max)
        {
            Error(Child(parent, key), path, $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)} (got {text})");
            return fallback;
        }

        return value;
    }

    public long? Integer(YamlMappingNode parent, string key, string path, long min, long max, bool required = true, long? fallback = null)
    {
        var text = String(parent, key, path, required);
        if (text is null)
        {
            return fallback;
        }

        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            Error(Child(parent, key), path, $"must be a whole number (got '{text}')");
            return fallback;
        }

        if (value < min || value > max)
        {
            Error(Child(parent, key), path, $"must be between {min} and {max} (got {text})");
            return fallback;
        }

        return value;
    }

    /// <summary>A YAML 1.2 boolean: <c>true</c> or <c>false</c> (yes/no/on/off are too easy to mean something else).</summary>
    public bool? Boolean(YamlMappingNode parent, string key, string path, bool required = true, bool? fallback = null)
    {
        var text = String(parent, key, path, required);
        switch (text)
        {
            case null:
                return fallback;
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            default:
                Error(Child(parent, key), path, $"must be true or false (got '{text}')");
                return fallback;
        }
    }

    public TimeSpan? Duration(YamlMappingNode parent, string key, string path, bool required = true, TimeSpan? fallback = null)
    {
        var text = String(parent, key, path, required);
        if (text is null)
        {
            return fallback;
        }

        if (!DurationText.TryParse(text, out var duration))
        {
            Error(Child(parent, key), path, $"must be a duration such as 30s, 10m, 1h30m (got '{text}')");
            return fallback;
        }

        return duration;
    }

    public T? Choice<T>(YamlMappingNode parent, string key, string path, IReadOnlyDictionary<string, T> choices, bool required = true, T? fallback = default)
    {
        var text = String(parent, key, path, required);
        if (text is null)
        {
            return fallback;
        }

        if (!choices.TryGetValue(text, out var value))
        {
            Error(Child(parent, key), path, $"must be one of {string.Join(", ", choices.Keys)} (got '{text}');{EditDistance.Suggest(text, choices.Keys)}".TrimEnd(';'));
            return fallback;
        }

        return value;
    }

    /// <summary>
    /// The entries of a mapping whose keys are names (text). A key written as a list or a mapping
    /// (<c>[1, 2]: …</c>, <c>? {a: 1}</c>) is reported at its position and left out.
    /// </summary>
    public IReadOnlyList<(string Key, YamlScalarNode KeyNode, YamlNode Value)> Entries(YamlMappingNode node, string path)
    {
        var entries = new List<(string, YamlScalarNode, YamlNode)>(node.Children.Count);
        foreach (var (key, value) in node.Children)
        {
            if (key is YamlScalarNode scalar)
            {
                entries.Add((scalar.Value ?? "", scalar, value));
            }
            else
            {
                Error(key, path.Length == 0 ? "(document)" : path, $"keys must be text, not {Describe(key)}");
            }
        }

        return entries;
    }

    /// <summary>Reports keys nobody reads: a misspelt field (or one that is not a name) should not be silently ignored.</summary>
    public void RejectUnknown(YamlMappingNode node, string path, params string[] known)
    {
        foreach (var (name, key, _) in Entries(node, path))
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                Error(key, path.Length == 0 ? name : $"{path}.{name}", $"unknown field;{EditDistance.Suggest(name, known)} expected one of {string.Join(", ", known)}");
            }
        }
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => node.NodeType.ToString().ToLowerInvariant(),
    };
}
