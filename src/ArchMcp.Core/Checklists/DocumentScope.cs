using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ArchMcp.Core.Checklists;

/// <summary>
/// What a decision or standard says it governs, from its front matter:
/// <c>scope: { components: [billing], technologies: [kafka], paths: ["services/billing/**"] }</c>
/// (a bare list or string counts as components). A document without <c>scope</c> is general.
/// </summary>
internal sealed partial record DocumentScope(IReadOnlyList<string> Components, IReadOnlyList<string> Technologies, IReadOnlyList<string> Paths)
{
    public bool IsEmpty => Components.Count == 0 && Technologies.Count == 0 && Paths.Count == 0;

    /// <summary>
    /// True when the design names one of the components or technologies (whole words) or a path matching one of the globs:
    /// a scoped document governs only designs that say they are about what it governs.
    /// </summary>
    public bool Covers(string design)
    {
        if (IsEmpty)
        {
            return true;
        }

        foreach (var name in Components.Concat(Technologies))
        {
            var words = Regex.Escape(name.Trim()).Replace(@"\ ", @"[\s_-]+").Replace("-", @"[\s_-]?");
            if (Regex.IsMatch(design, $@"(?<![\w]){words}(?![\w])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
            {
                return true;
            }
        }

        var tokens = PathToken().Matches(design).Select(m => m.Value.Trim('`', '"', '\'', '(', ')').TrimStart('.', '/')).ToList();
        return Paths.Any(glob => tokens.Any(t => Glob(glob).IsMatch(t)));
    }

    /// <summary>A path glob as a regex: <c>**</c> crosses folders, <c>*</c> and <c>?</c> stay within one.</summary>
    internal static Regex Glob(string glob)
    {
        var g = glob.Trim().TrimStart('.', '/');
        var pattern = Regex.Escape(g).Replace(@"\*\*/", "(.*/)?").Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]");
        return new Regex($"^{pattern}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    /// <summary>The scope declared in the front matter of a Markdown text; null when there is none or it cannot be read.</summary>
    public static DocumentScope? Parse(string markdown)
    {
        var m = FrontMatterBlock().Match(markdown);
        if (!m.Success)
        {
            return null;
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(m.Groups["yaml"].Value));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
                || !root.Children.TryGetValue(new YamlScalarNode("scope"), out var node))
            {
                return null;
            }

            var scope = node is YamlMappingNode map
                ? new DocumentScope(Values(map, "components", "component"), Values(map, "technologies", "technology"), Values(map, "paths", "path"))
                : new DocumentScope(Strings(node), [], []);
            return scope.IsEmpty ? null : scope;
        }
        catch (YamlException)
        {
            return null; // lint reports bad front matter; an unreadable scope leaves the document general
        }
    }

    private static List<string> Values(YamlMappingNode map, params string[] keys) =>
        keys.SelectMany(k => map.Children.TryGetValue(new YamlScalarNode(k), out var v) ? Strings(v) : []).ToList();

    private static List<string> Strings(YamlNode node) => node switch
    {
        YamlScalarNode s when !string.IsNullOrWhiteSpace(s.Value) => [.. s.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Where(s => !string.IsNullOrWhiteSpace(s.Value)).Select(s => s.Value!.Trim()).ToList(),
        _ => [],
    };

    [GeneratedRegex(@"\A\uFEFF?---[ \t]*\r?\n(?<yaml>.*?)\r?\n---[ \t]*(\r?\n|\z)", RegexOptions.Singleline)]
    private static partial Regex FrontMatterBlock();

    [GeneratedRegex(@"[`""'(]?[\w.\-]+(/[\w.\-*]+)+[`""')]?")]
    private static partial Regex PathToken();
}

/// <summary>
/// Scopes and lines of knowledge files read from disk, cached by path and modification time for the life of one engine.
/// </summary>
internal sealed partial class FileScopes(Func<string, string?> rootDirectory)
{
    private readonly ConcurrentDictionary<string, (DateTime Written, DocumentScope? Scope, string[] Lines)> _cache = new(StringComparer.Ordinal);

    /// <summary>The scope of <paramref name="path"/> (relative to the root named <paramref name="root"/>); null when general or unreadable.</summary>
    public DocumentScope? Of(string root, string path) => Read(root, path)?.Scope;

    /// <summary>
    /// The 1-based line, at or after <paramref name="from"/>, where the quoted sentence starts (its first words, compared
    /// without markup, case or punctuation); null when the file cannot be read or no line holds them.
    /// </summary>
    public int? LineOf(string root, string path, int from, string quote)
    {
        var lines = Read(root, path)?.Lines;
        var start = Plain(string.Join(' ', quote.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(6)));
        if (lines is null || start.Length < 8)
        {
            return null;
        }

        for (var i = Math.Max(0, from - 1); i < lines.Length; i++)
        {
            if (Plain(lines[i]).Contains(start, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return null;
    }

    /// <summary>Letters and digits of a text, lowercased, single-spaced, link targets dropped.</summary>
    private static string Plain(string text) =>
        string.Join(' ', NonWord().Split(LinkTarget().Replace(text, "]").ToLowerInvariant()).Where(w => w.Length > 0));

    private (DocumentScope? Scope, string[] Lines)? Read(string root, string path)
    {
        var dir = rootDirectory(root);
        if (dir is null)
        {
            return null;
        }

        var full = System.IO.Path.Combine(dir, path);
        try
        {
            var written = File.GetLastWriteTimeUtc(full);
            if (_cache.TryGetValue(full, out var hit) && hit.Written == written)
            {
                return (hit.Scope, hit.Lines);
            }

            var text = File.ReadAllText(full);
            var entry = (written, DocumentScope.Parse(text), text.ReplaceLineEndings("\n").Split('\n'));
            _cache[full] = entry;
            return (entry.Item2, entry.Item3);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"\]\([^)]*\)")]
    private static partial Regex LinkTarget();

    [GeneratedRegex(@"[^\p{L}\p{Nd}]+")]
    private static partial Regex NonWord();
}
