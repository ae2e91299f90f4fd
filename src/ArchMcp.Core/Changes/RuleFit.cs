using ArchMcp.Core.Checklists;

namespace ArchMcp.Core.Changes;

/// <summary>
/// Whether a rule can be broken by a changed file at all: a rule about one data format or one language speaks of
/// files in that format or language, and a file that is plainly in another has its own conventions (a protobuf
/// message's snake_case fields are protobuf's style, not a breach of a JSON casing rule; a Java manual says nothing
/// about a Python module). A file whose format or language its path does not tell (source code that may build JSON,
/// a text file) can break any rule.
/// </summary>
internal static class RuleFit
{
    /// <summary>
    /// The data format a file is written in, by its extension; YAML counts as JSON too (YAML is a superset of JSON,
    /// the form API descriptions of JSON payloads take).
    /// </summary>
    private static readonly Dictionary<string, string[]> FormatOfExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".json"] = ["JSON"], [".yaml"] = ["YAML", "JSON"], [".yml"] = ["YAML", "JSON"], [".xml"] = ["XML"],
        [".proto"] = ["Protobuf"], [".avsc"] = ["Avro", "JSON"],
    };

    /// <summary>
    /// False when <paramref name="statement"/> (the rule's own words) names data formats and <paramref name="path"/> is
    /// in none of them, or when <paramref name="scope"/> (the record's, declared or inferred) is a language's — every
    /// technology it names is a language — and the file's conventional languages (<see cref="FileConventions"/>, with
    /// what each is a kind of) hold none of them.
    /// </summary>
    public static bool Applies(string statement, DocumentScope? scope, string path)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(path);
        var formats = FormatOfExtension.GetValueOrDefault(Path.GetExtension(path), []);
        var named = Named(statement, Technologies.Format);
        if (formats.Length > 0 && named.Count > 0 && !named.Overlaps(formats))
        {
            return false;
        }

        var languages = FileLanguages(path);
        var scoped = scope is null ? [] : Named(string.Join(", ", scope.Technologies), Technologies.Language);
        var ofLanguages = scoped.Count > 0 && scoped.Count == scope!.Technologies.Count;
        return languages.Count == 0 || !ofLanguages || scoped.Overlaps(languages);
    }

    private static HashSet<string> Named(string text, string category) =>
        Technologies.Find(text).Where(t => t.Category == category).Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The languages a file is written in by its path, closed under what each is a kind of (TypeScript is JavaScript).</summary>
    private static HashSet<string> FileLanguages(string path) =>
        Technologies.WithBroader(Named(string.Join(", ", FileConventions.Technologies(path)), Technologies.Language));
}
