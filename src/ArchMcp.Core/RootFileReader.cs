using System.Text;
using ArchMcp.Core.Catalog;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;

namespace ArchMcp.Core;

/// <summary>
/// Reads an indexed file of a knowledge root again, for the answers that need more than the catalog keeps: its
/// Markdown as written (a document resource) or its parse with sections and rule texts (a decision or rule lookup).
/// Only regular files inside the root are read, under the configured size bound.
/// </summary>
internal sealed class RootFileReader(IReadOnlyList<KnowledgeRoot> roots, long maxFileBytes)
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>The file's text without a byte-order mark. Throws <see cref="DocumentNotFoundException"/> when it cannot be served.</summary>
    public string ReadMarkdown(CatalogEntry entry)
    {
        var root = roots.First(r => r.Name == entry.Root);
        var full = Path.GetFullPath(Path.Combine(root.Path, entry.Path));
        if (!full.StartsWith(root.Path + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new DocumentNotFoundException(entry.Kind.ToWire(), entry.Id);
        }

        // opened first, then checked: a file swapped for a link to somewhere else since it was indexed is not served
        var read = SafeFile.Read(full, KnowledgeLoader.RootReal(root), maxFileBytes);
        if (!read.Succeeded)
        {
            throw new DocumentNotFoundException(entry.Kind.ToWire(), entry.Id);
        }

        var bytes = read.Bytes.AsSpan();
        return Encoding.UTF8.GetString(bytes.StartsWith(Utf8Bom) ? bytes[3..] : bytes);
    }

    /// <summary>The file's Markdown as it is now ("" when it can no longer be served).</summary>
    public string ReadOrEmpty(CatalogEntry entry)
    {
        try
        {
            return ReadMarkdown(entry);
        }
        catch (DocumentNotFoundException)
        {
            return "";
        }
    }

    /// <summary>The file parsed again from disk (for its sections and rule texts); the header when it cannot be read.</summary>
    public KnowledgeDocument LoadFull(CatalogEntry entry)
    {
        var root = roots.FirstOrDefault(r => r.Name == entry.Root);
        if (root is null)
        {
            return entry.Document;
        }

        var full = Path.GetFullPath(Path.Combine(root.Path, entry.Path));
        try
        {
            var info = new FileInfo(full);
            var loaded = KnowledgeLoader.Load(root, new SourceFile(root.Name, entry.Path, full, info.Length, info.LastWriteTimeUtc), maxFileBytes);
            return loaded.Document ?? entry.Document;
        }
        catch (IOException)
        {
            return entry.Document;
        }
    }
}
