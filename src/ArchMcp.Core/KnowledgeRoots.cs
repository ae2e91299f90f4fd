namespace ArchMcp.Core;

/// <summary>A named folder of Markdown knowledge.</summary>
public sealed record KnowledgeRoot(string Name, string Path)
{
    /// <summary>Parses "PATH" or "name=PATH"; the name defaults to the folder name.</summary>
    public static KnowledgeRoot Parse(string spec, string? baseDirectory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        string? name = null;
        var path = spec;
        var eq = spec.IndexOf('=');
        if (eq > 0 && !spec[..eq].Contains('/') && !spec[..eq].Contains('\\'))
        {
            name = spec[..eq].Trim();
            path = spec[(eq + 1)..].Trim();
        }

        var full = System.IO.Path.GetFullPath(path, baseDirectory ?? Directory.GetCurrentDirectory());
        full = System.IO.Path.TrimEndingDirectorySeparator(full);
        if (!Directory.Exists(full))
        {
            throw new KnowledgeRootNotFoundException(path);
        }

        name ??= System.IO.Path.GetFileName(full);
        return new KnowledgeRoot(string.IsNullOrEmpty(name) ? "knowledge" : name, full);
    }
}

/// <summary>Resolves the configured knowledge roots.</summary>
public static class KnowledgeRoots
{
    /// <summary>Resolves the configured roots; with none, the default <c>knowledge/</c> folder. Names are made unique.</summary>
    public static IReadOnlyList<KnowledgeRoot> Resolve(IEnumerable<string> specs, string? baseDirectory = null)
    {
        var roots = specs.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => KnowledgeRoot.Parse(s, baseDirectory)).ToList();
        if (roots.Count == 0)
        {
            var found = FindDefault() ?? throw new KnowledgeRootNotFoundException("knowledge");
            roots.Add(new KnowledgeRoot("knowledge", found));
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < roots.Count; i++)
        {
            var name = roots[i].Name;
            for (var n = 2; !seen.Add(name); n++)
            {
                name = $"{roots[i].Name}-{n}";
            }

            roots[i] = roots[i] with { Name = name };
        }

        return roots;
    }

    /// <summary>
    /// The repository's <c>knowledge/</c> folder (in the current directory or one of its parents), else the one
    /// shipped beside the binary.
    /// </summary>
    public static string? FindDefault()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "knowledge");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "knowledge");
        return Directory.Exists(beside) ? Path.GetFullPath(beside) : null;
    }
}
