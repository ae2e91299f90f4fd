using System.Text.RegularExpressions;
using ArchMcp.Core.Checklists;

namespace ArchMcp.Core.Changes;

/// <summary>A fact read from the structure of a changed file, at the added line that states it.</summary>
internal sealed record StructureFact(DiffLine At, string Kind, string Value);

/// <summary>
/// Facts a change states in the structure of a configuration or schema file rather than in words, read by the file's
/// format. Each rule is a rule of the format, true of any repository:
/// <list type="bullet">
/// <item>YAML and pretty-printed JSON nest a key under the nearest line above it that is indented less (a YAML list
/// item <c>- </c> and a JSON <c>{</c> open an object of their own); <c>.env</c>, <c>.properties</c>, INI and TOML
/// files hold flat <c>key=value</c> (or <c>key: value</c>) lines, in INI and TOML under the <c>[section]</c> above.</item>
/// <item>A key under <c>properties</c> is a property name (JSON Schema, OpenAPI): a field.</item>
/// <item>An object with <c>in: query</c> and a <c>name</c> is a query parameter of that name (OpenAPI).</item>
/// <item>A <c>schema</c> under a media type (<c>application/json:</c>) whose <c>type</c> is <c>array</c> is a body
/// whose top level is an array (OpenAPI).</item>
/// <item>A key with a scalar value is a setting, <c>key=value</c>, the key named in full (<see cref="FullKey"/>).</item>
/// <item>A key is a name made of words (<c>AWS_SECRET_ACCESS_KEY</c>, <c>db.password</c>): what those words say about
/// credentials is said by the line; a key naming a secret (password, secret, token, API key, private key) with a
/// literal value — not a reference such as <c>${VAR}</c>, <c>$VAR</c> or <c>${{ secrets.X }}</c> — is a secret in plain text.</item>
/// <item>A protobuf file's <c>package a.b.c;</c> statement declares the package its messages and services are in.</item>
/// </list>
/// Only what the change adds counts; the context lines of its hunks tell where the added lines sit.
/// </summary>
internal static partial class FileStructure
{
    private enum Format
    {
        None,
        Nested,
        Flat,
    }

    /// <summary>One key (or a list item / object opening, without a key) with its value and the entry it is nested under.</summary>
    private sealed record Entry(DiffLine At, bool Added, int Indent, string? Key, string? Value, Entry? Parent);

    public static IReadOnlyList<StructureFact> Read(ChangedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (System.IO.Path.GetExtension(file.Path).Equals(".proto", StringComparison.OrdinalIgnoreCase))
        {
            return [.. file.Added.Select(l => (Line: l, Match: ProtoPackage().Match(l.Text))).Where(p => p.Match.Success)
                .Select(p => new StructureFact(p.Line, FactKinds.Package, p.Match.Groups["name"].Value))];
        }

        var entries = Entries(file);
        var facts = new List<StructureFact>();
        foreach (var e in entries)
        {
            if (e.Key is null)
            {
                continue;
            }

            if (e.Added)
            {
                KeyFacts(e, facts);
            }

            if (e.Key == "name" && e.Value is { Length: > 0 } name
                && entries.FirstOrDefault(s => ReferenceEquals(s.Parent, e.Parent) && s.Key == "in" && s.Value == "query") is { } query
                && (e.Added || query.Added))
            {
                var at = e.Added ? e.At : query.At;
                facts.Add(new StructureFact(at, FactKinds.QueryParameter, name));
                facts.Add(new StructureFact(at, FactKinds.QueryParameterCasing, NamingStyles.Of(name).ToWire() + ": " + name));
            }
        }

        return facts;
    }

    /// <summary>
    /// The full names (<see cref="FullKey"/>) of the keys the change adds, each with the keys it is nested under — which
    /// the context lines above it may be the only ones to show (<c>kafka.consumer.enable-auto-commit</c> for a line
    /// <c>enable-auto-commit: true</c> added under a context line <c>kafka:</c>): what the added lines configure.
    /// </summary>
    public static IReadOnlyList<string> AddedKeys(ChangedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return [.. Entries(file).Where(e => e.Added && e.Key is not null).Select(FullKey).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The entries of the added and context lines, in line order, read by the file's format (none for an unknown one).</summary>
    private static List<Entry> Entries(ChangedFile file)
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

    private static void KeyFacts(Entry e, List<StructureFact> facts)
    {
        var key = e.Key!;
        if (e.Parent?.Key == "properties" && Identifier().IsMatch(key))
        {
            facts.Add(new StructureFact(e.At, FactKinds.Field, key));
            facts.Add(new StructureFact(e.At, FactKinds.FieldCasing, NamingStyles.Of(key).ToWire() + ": " + key));
        }

        if (key == "type" && e.Value == "array" && e.Parent is { Key: "schema", Parent.Key: { } media } && media.Contains('/', StringComparison.Ordinal))
        {
            facts.Add(new StructureFact(e.At, FactKinds.ResponseShape, "top-level-array"));
        }

        if (e.Value is not { Length: > 0 } value)
        {
            return;
        }

        facts.Add(new StructureFact(e.At, FactKinds.Setting, $"{FullKey(e)}={value}"));
        var words = string.Join(' ', NamingStyles.Words(key));
        facts.AddRange(SecurityFacts.Values(words).Select(v => new StructureFact(e.At, FactKinds.Security, v)));
        if (SecretName().IsMatch(words) && !Reference().IsMatch(value))
        {
            facts.Add(new StructureFact(e.At, FactKinds.Security, "plaintext-secret"));
        }
    }

    /// <summary>
    /// A key's full name: the keys of the entries it is nested under and its own, joined by dots, as configuration
    /// systems write a nested key flat (<c>spring.kafka.consumer.enable-auto-commit</c>, Helm's <c>--set a.b.c</c>).
    /// </summary>
    private static string FullKey(Entry e)
    {
        var keys = new List<string>();
        for (var at = e; at is not null; at = at.Parent)
        {
            if (at.Key is { } key)
            {
                keys.Insert(0, key);
            }
        }

        return string.Join('.', keys);
    }

    private static Format FormatOf(string path)
    {
        var name = System.IO.Path.GetFileName(path).ToLowerInvariant();
        var extension = System.IO.Path.GetExtension(name);
        return extension is ".yaml" or ".yml" or ".json" ? Format.Nested
            : extension is ".properties" or ".ini" or ".toml" or ".cfg" || name == ".env" || name.StartsWith(".env.", StringComparison.Ordinal) ? Format.Flat
            : Format.None;
    }

    /// <summary>YAML and pretty-printed JSON: each entry nested under the nearest entry above it that is indented less.</summary>
    private static List<Entry> Nested(List<(DiffLine Line, bool Added)> lines)
    {
        var entries = new List<Entry>();
        var open = new List<Entry>();
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
                // a list item or an object opens an object of its own; what follows on its line is its first key(s)
                var item = new Entry(line, added, indent, null, null, parent);
                entries.Add(item);
                open.Add(item);
                var rest = content[0] == '{' ? content : content[1..];
                var restIndent = indent + (content.Length - rest.TrimStart().Length);
                AddKeys(rest.Trim(), line, added, restIndent, item, entries, open);
                continue;
            }

            AddKeys(content, line, added, indent, parent, entries, open);
        }

        return entries;
    }

    /// <summary>The key(s) of one line: a YAML or JSON <c>key: value</c>, or the pairs of a one-line JSON object.</summary>
    private static void AddKeys(string content, DiffLine line, bool added, int indent, Entry? parent, List<Entry> entries, List<Entry> open)
    {
        if (content.StartsWith('{'))
        {
            foreach (Match pair in InlinePair().Matches(content))
            {
                entries.Add(new Entry(line, added, indent + 1, Unquote(pair.Groups["key"].Value), Scalar(pair.Groups["value"].Value), parent));
            }

            return;
        }

        var m = KeyValue().Match(content);
        if (!m.Success)
        {
            return;
        }

        var raw = m.Groups["value"].Value.Trim();
        var entry = new Entry(line, added, indent, Unquote(m.Groups["key"].Value.Trim()), Scalar(raw), parent);
        entries.Add(entry);
        open.Add(entry);
        if (raw.StartsWith('{'))
        {
            foreach (Match pair in InlinePair().Matches(raw))
            {
                entries.Add(new Entry(line, added, indent + 1, Unquote(pair.Groups["key"].Value), Scalar(pair.Groups["value"].Value), entry));
            }
        }
    }

    /// <summary>
    /// <c>.env</c>, <c>.properties</c>, INI, TOML: one <c>key=value</c> per line, nested only under the nearest
    /// <c>[section]</c> header above it (TOML's <c>[tool.poetry]</c>, <c>[[bin]]</c>, INI's <c>[database]</c>).
    /// </summary>
    private static List<Entry> Flat(List<(DiffLine Line, bool Added)> lines)
    {
        var entries = new List<Entry>();
        Entry? section = null;
        foreach (var (line, added) in lines)
        {
            if (Section().Match(line.Text) is { Success: true } header)
            {
                section = new Entry(line, added, 0, header.Groups["name"].Value.Trim(), null, null);
                entries.Add(section);
                continue;
            }

            var m = FlatPair().Match(line.Text);
            if (m.Success)
            {
                entries.Add(new Entry(line, added, 0, m.Groups["key"].Value, Scalar(m.Groups["value"].Value), section));
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

    [GeneratedRegex(@"^\s*(?:export\s+)?(?<key>[A-Za-z_][\w.\-]*)\s*[=:]\s*(?<value>.*)$")]
    private static partial Regex FlatPair();

    [GeneratedRegex(@"^\s*package\s+(?<name>[A-Za-z_][\w.]*)\s*;")]
    private static partial Regex ProtoPackage();

    /// <summary>An INI or TOML section header: <c>[name]</c>, or a TOML array-of-tables header <c>[[name]]</c>.</summary>
    [GeneratedRegex(@"^\s*\[\[?(?<name>[^\[\]=#]+)\]\]?\s*(?:[#;].*)?$")]
    private static partial Regex Section();

    [GeneratedRegex(@"^[A-Za-z_$][\w$-]*$")]
    private static partial Regex Identifier();

    /// <summary>Words of a key that name a secret.</summary>
    [GeneratedRegex(@"\b(password|passwd|pwd|secret|token|api key|apikey|private key|credentials?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    /// <summary>A value that refers to a secret kept elsewhere: a variable, a template expression, a placeholder.</summary>
    [GeneratedRegex(@"^\s*(\$|%\(|\{\{|<.*>$|\*+$)|\$\{")]
    private static partial Regex Reference();
}
