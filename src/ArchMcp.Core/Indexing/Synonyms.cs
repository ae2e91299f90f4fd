using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Indexing;

/// <summary>
/// A team's own synonym lists: <c>archmcp-synonyms.txt</c> in a knowledge root, one group per line,
/// <c>variant, variant => canonical form</c> or <c>canonical, variant, variant</c>. The lines are handed to the
/// search index, which adds them to its built-in architecture vocabulary.
/// </summary>
internal static class Synonyms
{
    /// <summary>File name of a root's own synonym list.</summary>
    public const string FileName = "archmcp-synonyms.txt";

    /// <summary>The largest synonyms file read: about 20,000 lines. A larger one is ignored with a finding.</summary>
    public const long MaxFileBytes = 512 * 1024;

    /// <summary>
    /// Reads <see cref="FileName"/> from each root; missing files are fine, and a file that is too large, not a regular
    /// file or outside its root is skipped with a finding in <paramref name="findings"/>.
    /// </summary>
    public static IReadOnlyList<string> ReadRootFiles(IEnumerable<KnowledgeRoot> roots, ICollection<Finding>? findings = null)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var lines = new List<string>();
        foreach (var root in roots)
        {
            if (RootFile.ReadText(root, FileName, MaxFileBytes, findings) is { } text)
            {
                lines.AddRange(text.Split('\n'));
            }
        }

        return lines;
    }
}
