using Lucene.Net.Index;
using Lucene.Net.Util;

namespace ArchMcp.Search;

/// <summary>The file key of a file, section or rule entry, read from its doc value (no stored fields are decoded).</summary>
internal static class IndexKeys
{
    /// <summary>The key of entry <paramref name="doc"/> of <paramref name="reader"/>, or null when it has none.</summary>
    public static string? Of(IndexReader reader, int doc)
    {
        var leaves = reader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        if (leaf.AtomicReader.GetSortedDocValues(IndexFields.Key) is not { } keys)
        {
            return null;
        }

        var ord = keys.GetOrd(doc - leaf.DocBase);
        if (ord < 0)
        {
            return null;
        }

        var key = new BytesRef();
        keys.LookupOrd(ord, key);
        return key.Utf8ToString();
    }
}
