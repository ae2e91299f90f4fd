using System.Text.RegularExpressions;
using ArchMcp.Core.Checklists;

namespace ArchMcp.Core.Changes;

/// <summary>A fact read from the structure of a changed file, at the added line that states it.</summary>
internal sealed record StructureFact(DiffLine At, string Kind, string Value);

/// <summary>
/// Facts a change states in the structure of a configuration or schema file rather than in words, read by the file's
/// format. Each rule is a rule of the format, true of any repository:
/// <list type="bullet">
/// <item>Keys nest as the format nests them (<see cref="StructureEntries"/>).</item>
/// <item>A key under <c>properties</c> is a property name (JSON Schema, OpenAPI): a field.</item>
/// <item>An object with <c>in: query</c> and a <c>name</c> is a query parameter of that name (OpenAPI).</item>
/// <item>A <c>schema</c> under a media type (<c>application/json:</c>) whose <c>type</c> is <c>array</c> is a body
/// whose top level is an array (OpenAPI).</item>
/// <item>A key with a scalar value is a setting, <c>key=value</c>, the key named in full (<see cref="FullKey"/>).</item>
/// <item>A key is a name made of words (<c>AWS_SECRET_ACCESS_KEY</c>, <c>db.password</c>): what those words say about
/// credentials is said by the line; a key naming a secret (password, secret, token, API key, private key) with a
/// literal value — not a reference such as <c>${VAR}</c>, <c>$VAR</c> or <c>${{ secrets.X }}</c> — is a secret in plain text.</item>
/// <item>The plain values listed under a key whose last word is <c>enum</c> (<c>enum</c>, <c>x-extensible-enum</c>) are
/// enumeration values (JSON Schema, OpenAPI).</item>
/// <item>A <c>type</c> with <c>nullable: true</c> beside it, or a list of types holding <c>"null"</c>, is a nullable
/// type (<see cref="NullableTypes"/>).</item>
/// <item>A manifest's <c>kind</c> with a <c>metadata.name</c> beside it names an object of that kind, the kind being
/// the last word of its name (<c>KafkaTopic</c> → a topic).</item>
/// <item>A protobuf file's <c>package a.b.c;</c> statement declares the package its messages and services are in.</item>
/// </list>
/// Only what the change adds counts; the context lines of its hunks tell where the added lines sit.
/// </summary>
internal static partial class FileStructure
{
    public static IReadOnlyList<StructureFact> Read(ChangedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (System.IO.Path.GetExtension(file.Path).Equals(".proto", StringComparison.OrdinalIgnoreCase))
        {
            return [.. file.Added.Select(l => (Line: l, Match: ProtoPackage().Match(l.Text))).Where(p => p.Match.Success)
                .Select(p => new StructureFact(p.Line, FactKinds.Package, p.Match.Groups["name"].Value))];
        }

        var entries = StructureEntries.Of(file);
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

            if (NamingStyles.Words(e.Key) is [.., "enum"])
            {
                foreach (var item in StructureEntries.Items(entries, e).Where(i => i.Added && Identifier().IsMatch(i.Value!)))
                {
                    facts.Add(new StructureFact(item.At, FactKinds.EnumValue, item.Value!));
                    facts.Add(new StructureFact(item.At, FactKinds.EnumCasing, NamingStyles.Of(item.Value!).ToWire() + ": " + item.Value));
                }
            }

            if (e.Key == "type")
            {
                facts.AddRange(NullableTypes(entries, e));
            }

            if (e.Key == "kind" && e.Value is { } kind && NamingStyles.Words(kind) is [.., var head] && ObjectName(entries, e) is { } named && (e.Added || named.Added))
            {
                facts.Add(new StructureFact(named.Added ? named.At : e.At, FactKinds.Named, $"{head}: {named.Value}"));
            }
        }

        return facts;
    }

    /// <summary>
    /// The types a schema's <c>type</c> allows along with null: <c>type: boolean</c> beside <c>nullable: true</c>
    /// (OpenAPI 3.0), or a list of types that holds <c>"null"</c> (<c>type: [boolean, "null"]</c>, JSON Schema and
    /// OpenAPI 3.1) — when the change adds the type or what makes it nullable.
    /// </summary>
    private static IEnumerable<StructureFact> NullableTypes(List<StructureEntry> entries, StructureEntry type)
    {
        if (type.Value is { Length: > 0 } single)
        {
            var nullable = entries.FirstOrDefault(s => ReferenceEquals(s.Parent, type.Parent) && s.Key == "nullable" && s.Value == "true");
            return nullable is not null && (type.Added || nullable.Added) && single != "null"
                ? [new StructureFact(nullable.Added ? nullable.At : type.At, FactKinds.NullableType, single)]
                : [];
        }

        var items = StructureEntries.Items(entries, type).ToList();
        var added = type.Added ? type : items.FirstOrDefault(i => i.Added);
        return added is not null && items.Any(i => i.Value == "null")
            ? items.Where(i => i.Value != "null").Select(i => new StructureFact(added.At, FactKinds.NullableType, i.Value!))
            : [];
    }

    /// <summary>
    /// The name of the object a manifest's <c>kind</c> declares: the <c>metadata.name</c> beside it (Kubernetes and
    /// the formats that copy its shape: <c>kind: KafkaTopic</c>, <c>metadata: name: orders</c>), the nearest one when a
    /// file holds several objects.
    /// </summary>
    private static StructureEntry? ObjectName(List<StructureEntry> entries, StructureEntry kind) =>
        entries.Where(s => ReferenceEquals(s.Parent, kind.Parent) && s.Key == "metadata")
            .SelectMany(m => entries.Where(n => ReferenceEquals(n.Parent, m) && n.Key == "name" && n.Value is { Length: > 0 }))
            .OrderBy(n => Math.Abs(n.At.Line - kind.At.Line))
            .FirstOrDefault();

    /// <summary>
    /// The full names (<see cref="FullKey"/>) of the keys the change adds, each with the keys it is nested under — which
    /// the context lines above it may be the only ones to show (<c>kafka.consumer.enable-auto-commit</c> for a line
    /// <c>enable-auto-commit: true</c> added under a context line <c>kafka:</c>): what the added lines configure.
    /// </summary>
    public static IReadOnlyList<string> AddedKeys(ChangedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return [.. StructureEntries.Of(file).Where(e => e.Added && e.Key is not null).Select(FullKey).Distinct(StringComparer.Ordinal)];
    }

    private static void KeyFacts(StructureEntry e, List<StructureFact> facts)
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
    private static string FullKey(StructureEntry e)
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

    [GeneratedRegex(@"^\s*package\s+(?<name>[A-Za-z_][\w.]*)\s*;")]
    private static partial Regex ProtoPackage();

    [GeneratedRegex(@"^[A-Za-z_$][\w$-]*$")]
    private static partial Regex Identifier();

    /// <summary>Words of a key that name a secret.</summary>
    [GeneratedRegex(@"\b(password|passwd|pwd|secret|token|api key|apikey|private key|credentials?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    /// <summary>A value that refers to a secret kept elsewhere: a variable, a template expression, a placeholder.</summary>
    [GeneratedRegex(@"^\s*(\$|%\(|\{\{|<.*>$|\*+$)|\$\{")]
    private static partial Regex Reference();
}
