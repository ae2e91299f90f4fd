using System.Text.RegularExpressions;

namespace ArchMcp.Core.Changes;

/// <summary>
/// One key of a configuration or schema file, or a list item or object opening (no key), with its scalar value and
/// the entry it is nested under. A list item that is a plain value (<c>- delivered</c>, a JSON array's <c>"delivered",</c>,
/// an item of a flow list <c>[a, b]</c>) has no key and that value.
/// </summary>
internal sealed record StructureEntry(DiffLine At, bool Added, int Indent, string? Key, string? Value, StructureEntry? Parent);

/// <summary>
/// The entries of the added and context lines of a changed file, read by its format: YAML and pretty-printed JSON nest
/// a key under the nearest line above it that is indented less (a YAML list item <c>- </c> and a JSON <c>{</c> open an
/// object of their own, a flow list <c>[a, b]</c> holds items); <c>.env</c>, <c>.properties</c>, INI and TOML files
/// hold flat <c>key=value</c> (or <c>key: value</c>) lines, in INI and TOML under the <c>[section]</c> above.
/// </summary>
internal static partial class StructureEntries
{
    private enum Format
    {
        None,
        Nested,
        Flat,
    }

    /// <summary>The entries of the added and context lines, in line order, read by the file's format (none for an unknown one).</summary>
    public static List<StructureEntry> Of(ChangedFile file)
    {
        var format = FormatOf(file.Path);
        if (format == Format.None)
        {
            return [];
        }

        var lines = file.Added.Select(l => (Line: l, Added: true))
            .Concat(file.Context.Select(l => (Line: l, Added: false)))
            .OrderBy(l => l.Line.Line)
            .ToList();
        return format == Format.Nested ? Nested(lines) : Flat(lines);
    }

    /// <summary>The plain values listed under <paramref name="key"/> (block or flow list items), with the entries that hold them.</summary>
    public static IEnumerable<StructureEntry> Items(IEnumerable<StructureEntry> entries, StructureEntry key) =>
        entries.Where(e => ReferenceEquals(e.Parent, key) && e.Key is null && e.Value is not null);

    private static Format FormatOf(string path)
    {
        var name = System.IO.Path.GetFileName(path).ToLowerInvariant();
        var extension = System.IO.Path.GetExtension(name);
        return extension is ".yaml" or ".yml" or ".json" ? Format.Nested
            : extension is ".properties" or ".ini" or ".toml" or ".cfg" || name == ".env" || name.StartsWith(".env.", StringComparison.Ordinal) ? Format.Flat
            : Format.None;
    }

    /// <summary>YAML and pretty-printed JSON: each entry nested under the nearest entry above it that is indented less.</summary>
    private static List<StructureEntry> Nested(List<(DiffLine Line, bool Added)> lines)
    {
        var entries = new List<StructureEntry>();
        var open = new List<StructureEntry>();
        foreach (var (line, added) in lines)
        {
            var text = line.Text.TrimEnd().TrimEnd(',');
            var content = text.TrimStart();
            if (content.Length == 0 || content[0] is '#' or '}' or ']')
            {
                continue;
            }

            var indent = text.Length - content.Length;
            open.RemoveAll(o => o.Indent >= indent);
            var parent = open.Count > 0 ? open[^1] : null;
            if (content.StartsWith("- ", StringComparison.Ordinal) || content == "-" || content[0] == '{')
            {
                // a list item or an object opens an object of its own; what follows on its line is its first key(s), or
                // the item's plain value
                var rest = content[0] == '{' ? content : content[1..];
                var restIndent = indent + (content.Length - rest.TrimStart().Length);
                var plain = content[0] != '{' && !KeyValue().IsMatch(rest.Trim()) && !rest.TrimStart().StartsWith('{') ? Scalar(rest) : null;
                var item = new StructureEntry(line, added, indent, null, plain, parent);
                entries.Add(item);
                open.Add(item);
                AddKeys(rest.Trim(), line, added, restIndent, item, entries, open);
                continue;
            }

            if (content[0] is '"' or '\'' && Unquote(content) is var quoted && quoted.Length == content.Length - 2 && !quoted.Contains(content[0]))
            {
                // a JSON array's item on a line of its own
                entries.Add(new StructureEntry(line, added, indent, null, quoted, parent));
                continue;
            }

            AddKeys(content, line, added, indent, parent, entries, open);
        }

        return entries;
    }

    /// <summary>The key(s) of one line: a YAML or JSON <c>key: value</c>, or the pairs of a one-line JSON object.</summary>
    private static void AddKeys(string content, DiffLine line, bool added, int indent, StructureEntry? parent, List<StructureEntry> entries, List<StructureEntry> open)
    {
        if (content.StartsWith('{'))
        {
            foreach (Match pair in InlinePair().Matches(content))
            {
                entries.Add(new StructureEntry(line, added, indent + 1, Unquote(pair.Groups["key"].Value), Scalar(pair.Groups["value"].Value), parent));
            }

            return;
        }

        var m = KeyValue().Match(content);
        if (!m.Success)
        {
            return;
        }

        var raw = m.Groups["value"].Value.Trim();
        var entry = new StructureEntry(line, added, indent, Unquote(m.Groups["key"].Value.Trim()), Scalar(raw), parent);
        entries.Add(entry);
        open.Add(entry);
        if (raw.StartsWith('{'))
        {
            foreach (Match pair in InlinePair().Matches(raw))
            {
                entries.Add(new StructureEntry(line, added, indent + 1, Unquote(pair.Groups["key"].Value), Scalar(pair.Groups["value"].Value), entry));
            }
        }
        else if (FlowList().Match(raw) is { Success: true } list)
        {
            // a flow list of plain values: `enum: [a, b]`, `"type": ["boolean", "null"]`
            foreach (var item in list.Groups["items"].Value.Split(',').Select(i => Scalar(i)).OfType<string>())
            {
                entries.Add(new StructureEntry(line, added, indent + 1, null, item, entry));
            }
        }
    }

    /// <summary>
    /// <c>.env</c>, <c>.properties</c>, INI, TOML: one <c>key=value</c> per line, nested only under the nearest
    /// <c>[section]</c> header above it (TOML's <c>[tool.poetry]</c>, <c>[[bin]]</c>, INI's <c>[database]</c>).
    /// </summary>
    private static List<StructureEntry> Flat(List<(DiffLine Line, bool Added)> lines)
    {
        var entries = new List<StructureEntry>();
        StructureEntry? section = null;
        foreach (var (line, added) in lines)
        {
            if (Section().Match(line.Text) is { Success: true } header)
            {
                section = new StructureEntry(line, added, 0, header.Groups["name"].Value.Trim(), null, null);
                entries.Add(section);
                continue;
            }

            var m = FlatPair().Match(line.Text);
            if (m.Success)
            {
                entries.Add(new StructureEntry(line, added, 0, m.Groups["key"].Value, Scalar(m.Groups["value"].Value), section));
            }
        }

        return entries;
    }

    /// <summary>A scalar value without quotes and trailing comment; null for an empty value or an object or list that opens.</summary>
    private static string? Scalar(string value)
    {
        var v = value.Trim().TrimEnd(',');
        if (v.Length == 0 || v[0] is '{' or '[' or '|' or '>' or '&' or '*')
        {
            return null;
        }

        if (v[0] is not ('"' or '\''))
        {
            var comment = v.IndexOf(" #", StringComparison.Ordinal);
            v = comment >= 0 ? v[..comment].TrimEnd() : v;
        }

        return Unquote(v);
    }

    private static string Unquote(string text) =>
        text.Length >= 2 && text[0] is '"' or '\'' && text[^1] == text[0] ? text[1..^1] : text;

    [GeneratedRegex(@"^(?<key>""[^""]*""|'[^']*'|[^\s""'#{}\[\],][^""'{}\[\]]*?)\s*:(?=\s|$)(?<value>.*)$")]
    private static partial Regex KeyValue();

    [GeneratedRegex(@"""(?<key>[^""]+)""\s*:\s*(?<value>""[^""]*""|[^,{}\[\]\s]+)")]
    private static partial Regex InlinePair();

    /// <summary>A one-line flow list of plain values (no nested lists or objects), optionally followed by a comment.</summary>
    [GeneratedRegex(@"^\[(?<items>[^\[\]{}]*)\]\s*(?:#.*)?$")]
    private static partial Regex FlowList();

    [GeneratedRegex(@"^\s*(?:export\s+)?(?<key>[A-Za-z_][\w.\-]*)\s*[=:]\s*(?<value>.*)$")]
    private static partial Regex FlatPair();

    /// <summary>An INI or TOML section header: <c>[name]</c>, or a TOML array-of-tables header <c>[[name]]</c>.</summary>
    [GeneratedRegex(@"^\s*\[\[?(?<name>[^\[\]=#]+)\]\]?\s*(?:[#;].*)?$")]
    private static partial Regex Section();
}
