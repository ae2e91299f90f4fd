using ArchMcp.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace ArchMcp.Core.Loading;

/// <summary>Front matter as read from YAML: flattened strings plus list values kept apart.</summary>
internal sealed class FrontMatter
{
    public static readonly FrontMatter Empty = new();

    public Dictionary<string, string> Flat { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, List<string>> Lists { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? Get(params string[] keys)
    {
        foreach (var key in keys)
        {
            if (Flat.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }

    /// <summary>Values of the first present key as a list (YAML lists, or comma-separated text).</summary>
    public IReadOnlyList<string> GetList(params string[] keys)
    {
        foreach (var key in keys)
        {
            if (Lists.TryGetValue(key, out var list) && list.Count > 0)
            {
                return list;
            }

            if (Flat.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            }
        }

        return [];
    }
}

/// <summary>
/// Reads YAML front matter with YamlDotNet's node model (no reflection, so it works compiled ahead of time); never throws.
/// </summary>
internal static class FrontMatterReader
{
    /// <param name="yaml">The YAML between the fences.</param>
    /// <param name="firstLine">1-based file line of the first YAML line.</param>
    public static FrontMatter Read(string yaml, int firstLine, string path, List<Finding> findings)
    {
        var result = new FrontMatter();
        if (string.IsNullOrWhiteSpace(yaml))
        {
            return result;
        }

        YamlNode? parsed;
        try
        {
            var stream = new YamlStream();
            stream.Load(new BoundedParser(new Parser(new StringReader(yaml))));
            parsed = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException ex)
        {
            var line = firstLine + Math.Max(0, (int)ex.Start.Line - 1);
            var column = (int)ex.Start.Column;
            findings.Add(new Finding(FindingSeverity.Error, LintCodes.BadFrontMatter, path, line,
                $"Front matter is not valid YAML at line {line}, column {column}: {FirstLine(ex.Message)}. " +
                "Fix the YAML between the '---' fences (quote values containing ':' or '{'); the body was still indexed, without its metadata."));
            return result;
        }
        catch (Exception ex)
        {
            findings.Add(new Finding(FindingSeverity.Error, LintCodes.BadFrontMatter, path, firstLine,
                $"Front matter could not be read: {FirstLine(ex.Message)}. Fix the YAML between the '---' fences."));
            return result;
        }

        if (parsed is null || IsNull(parsed))
        {
            return result;
        }

        if (parsed is not YamlMappingNode map)
        {
            findings.Add(new Finding(FindingSeverity.Warning, LintCodes.BadFrontMatter, path, firstLine,
                "Front matter is not a YAML mapping (key: value lines), so it was ignored. Write it as 'key: value' lines."));
            return result;
        }

        var budget = new Budget();
        Flatten(map, "", result, budget);
        if (budget.Exhausted)
        {
            findings.Add(new Finding(FindingSeverity.Warning, LintCodes.BadFrontMatter, path, firstLine,
                $"Front matter expands to more than {Budget.MaxNodes:N0} values (aliases referring to aliases?); the rest was ignored. Write the values out plainly."));
        }

        return result;
    }

    /// <summary>
    /// Caps how many YAML values are visited: aliases share nodes, so a few lines of anchors referring to anchors
    /// ("billion laughs") would otherwise expand into billions of values.
    /// </summary>
    private sealed class Budget
    {
        public const int MaxNodes = 10_000;

        public int Left { get; private set; } = MaxNodes;

        public bool Exhausted => Left <= 0;

        public bool Take() => --Left >= 0;
    }

    /// <summary>
    /// Refuses values nested deeper than <see cref="MaxDepth"/>: the node model loads nesting by recursion, so a line of
    /// 100,000 '[' would otherwise overflow the stack and end the process. Refuses too a document whose aliases expand
    /// to more than <see cref="MaxValues"/> values: the node model shares an anchored node among its aliases, but some
    /// of its paths walk them whole (after a duplicate key, for one), and anchors referring to anchors ("billion laughs")
    /// took minutes there.
    /// </summary>
    internal sealed class BoundedParser(IParser inner) : IParser
    {
        public const int MaxDepth = 64;

        public const long MaxValues = 100_000;

        private readonly Stack<(AnchorName Anchor, long Values)> _open = new();
        private readonly Dictionary<string, long> _anchored = new(StringComparer.Ordinal);

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext())
            {
                return false;
            }

            switch (inner.Current)
            {
                case MappingStart or SequenceStart when _open.Count >= MaxDepth:
                    throw new YamlException(inner.Current.Start, inner.Current.End, $"values are nested more than {MaxDepth} levels deep");
                case NodeEvent { Anchor: var anchor } and (MappingStart or SequenceStart):
                    _open.Push((anchor, 0));
                    break;
                case MappingEnd or SequenceEnd:
                    var (opened, values) = _open.Pop();
                    Anchor(opened, values);
                    Add(values);
                    break;
                case Scalar { Anchor: var anchor }:
                    Anchor(anchor, 1);
                    Add(1);
                    break;
                case AnchorAlias alias:
                    Add(_anchored.GetValueOrDefault(alias.Value.Value, 1));
                    break;
            }

            return true;
        }

        private void Anchor(AnchorName anchor, long values)
        {
            if (!anchor.IsEmpty)
            {
                _anchored[anchor.Value] = values;
            }
        }

        private void Add(long values)
        {
            if (_open.TryPop(out var parent))
            {
                if (parent.Values + values > MaxValues)
                {
                    throw new YamlException(inner.Current!.Start, inner.Current.End, $"its aliases expand to more than {MaxValues:N0} values (anchors referring to anchors?)");
                }

                _open.Push((parent.Anchor, parent.Values + values));
            }
        }
    }

    private static void Flatten(YamlMappingNode map, string prefix, FrontMatter into, Budget budget)
    {
        foreach (var (k, v) in map.Children)
        {
            if (!budget.Take())
            {
                return;
            }

            var key = prefix + Scalar(k, budget);
            switch (v)
            {
                case YamlMappingNode child:
                    Flatten(child, key + ".", into, budget);
                    break;
                case YamlSequenceNode list:
                {
                    var items = list.Children.Select(x => Scalar(x, budget)).Where(s => s.Length > 0).ToList();
                    into.Lists[key] = items;
                    into.Flat[key] = string.Join(", ", items);
                    break;
                }

                default:
                    into.Flat[key] = Scalar(v, budget);
                    break;
            }
        }
    }

    private static string Scalar(YamlNode node, Budget budget) => !budget.Take() ? "" : node switch
    {
        _ when IsNull(node) => "",
        YamlScalarNode s => s.Value!.Trim(),
        YamlMappingNode d => string.Join(", ", d.Children.TakeWhile(_ => !budget.Exhausted).Select(p => $"{Scalar(p.Key, budget)}: {Scalar(p.Value, budget)}".TrimEnd(' ', ':'))),
        YamlSequenceNode l => string.Join(", ", l.Children.TakeWhile(_ => !budget.Exhausted).Select(x => Scalar(x, budget))),
        _ => "",
    };

    /// <summary>An empty value, or a plain ~ / null (YAML's null), reads as no value.</summary>
    private static bool IsNull(YamlNode node) => node is YamlScalarNode { Value: var value, Style: var style } &&
        (value is null or "" || (style == ScalarStyle.Plain && value is "~" or "null" or "Null" or "NULL"));

    private static string FirstLine(string message)
    {
        var i = message.IndexOfAny(['\r', '\n']);
        return (i < 0 ? message : message[..i]).Trim().TrimEnd('.');
    }
}
