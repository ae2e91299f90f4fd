using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace ArchMcp.Core.Checklists;

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
