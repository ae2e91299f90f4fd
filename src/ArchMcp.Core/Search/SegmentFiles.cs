using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ArchMcp.Core.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ArchMcp.Core.Search;

/// <summary>
/// A segment's file entries (the entries the file-level fields are on): their documents in order, and for every
/// document its slot among them (-1 for sections and rules). Kept per segment, which never changes its documents,
/// so the sums of a search take a slot per file instead of a place per entry of the segment.
/// </summary>
internal sealed record SegmentFiles(int[] Docs, int[] SlotOf)
{
    private static readonly ConditionalWeakTable<object, SegmentFiles> Cache = new();
    private readonly ConcurrentDictionary<string, byte[]?> _norms = new(StringComparer.Ordinal);

    public static SegmentFiles Of(AtomicReader reader) =>
        Cache.TryGetValue(reader.CoreCacheKey, out var files) ? files : Cache.GetValue(reader.CoreCacheKey, _ => Read(reader));

    /// <summary>
    /// The norm byte (the encoded length) of a file-level field for every slot, or null when the field keeps none: read
    /// once per segment, so scoring a posting reads its file's length from a small array in slot order, where the
    /// segment's norms are a virtual call away and spread over all its entries.
    /// </summary>
    public byte[]? NormsOf(AtomicReader reader, string field) => _norms.GetOrAdd(field, f =>
    {
        if (reader.GetNormValues(f) is not { } norms)
        {
            return null;
        }

        var bySlot = new byte[Docs.Length];
        for (var slot = 0; slot < bySlot.Length; slot++)
        {
            bySlot[slot] = (byte)norms.Get(Docs[slot]);
        }

        return bySlot;
    });

    private static SegmentFiles Read(AtomicReader reader)
    {
        var docs = new List<int>();
        var slotOf = new int[reader.MaxDoc];
        Array.Fill(slotOf, -1);
        // every file entry, deleted or not: deletions are applied by the postings readers
        var types = reader.GetTerms(IndexFields.Type)?.GetEnumerator();
        if (types is not null && types.SeekExact(new BytesRef(IndexFields.TypeDoc)))
        {
            var entries = types.Docs(null, null, DocsFlags.NONE);
            for (var doc = entries.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = entries.NextDoc())
            {
                slotOf[doc] = docs.Count;
                docs.Add(doc);
            }
        }

        return new SegmentFiles([.. docs], slotOf);
    }
}
