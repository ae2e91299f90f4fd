using System.Globalization;
using ArchMcp.Core.Lint;
using ArchMcp.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

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

/// <summary>Reads YAML front matter with YamlDotNet; never throws.</summary>
internal static class FrontMatterReader
{
    private static readonly ThreadLocal<IDeserializer> Deserializer = new(() => new DeserializerBuilder().Build());

    /// <param name="yaml">The YAML between the fences.</param>
    /// <param name="firstLine">1-based file line of the first YAML line.</param>
    public static FrontMatter Read(string yaml, int firstLine, string path, List<Finding> findings)
    {
        var result = new FrontMatter();
        if (string.IsNullOrWhiteSpace(yaml))
        {
            return result;
        }

        object? parsed;
        try
        {
            parsed = Deserializer.Value!.Deserialize<object>(yaml);
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

        if (parsed is null)
        {
            return result;
        }

        if (parsed is not IDictionary<object, object> map)
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

    private static void Flatten(IDictionary<object, object> map, string prefix, FrontMatter into, Budget budget)
    {
        foreach (var (k, v) in map)
        {
            if (!budget.Take())
            {
                return;
            }

            var key = prefix + Convert.ToString(k, CultureInfo.InvariantCulture);
            switch (v)
            {
                case IDictionary<object, object> child:
                    Flatten(child, key + ".", into, budget);
                    break;
                case IList<object> list:
                {
                    var items = list.Select(x => Scalar(x, budget)).Where(s => s.Length > 0).ToList();
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

    private static string Scalar(object? value, Budget budget) => !budget.Take() ? "" : value switch
    {
        null => "",
        string s => s.Trim(),
        IDictionary<object, object> d => string.Join(", ", d.TakeWhile(_ => !budget.Exhausted).Select(p => $"{Scalar(p.Key, budget)}: {Scalar(p.Value, budget)}".TrimEnd(' ', ':'))),
        IList<object> l => string.Join(", ", l.TakeWhile(_ => !budget.Exhausted).Select(x => Scalar(x, budget))),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string FirstLine(string message)
    {
        var i = message.IndexOfAny(['\r', '\n']);
        return (i < 0 ? message : message[..i]).Trim().TrimEnd('.');
    }
}
