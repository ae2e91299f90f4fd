using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using ArchMcp.Core.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ArchMcp.Core.Search;

/// <summary>
/// A segment's file entries (the entries the file-level fields are on): their documents in order, and for every
/// document its slot among them (<see cref="Slots"/>). Kept per segment, which never changes its documents, so the sums
/// of a search take a slot per file instead of a place per entry of the segment.
/// </summary>
internal sealed class SegmentFiles(int[] docs, FileSlots slots)
{
    private static readonly ConditionalWeakTable<object, SegmentFiles> Cache = new();
    private readonly ConcurrentDictionary<string, byte[]?> _norms = new(StringComparer.Ordinal);
    private string?[]? _keys;
    private LiveSlots? _live;

    /// <summary>The file entries' documents, in order: a slot's document.</summary>
    public int[] Docs { get; } = docs;

    /// <summary>Every document's slot.</summary>
    public FileSlots Slots { get; } = slots;

    public static SegmentFiles Of(AtomicReader reader) =>
        Cache.TryGetValue(reader.CoreCacheKey, out var files) ? files : Cache.GetValue(reader.CoreCacheKey, _ => Read(reader));

    /// <summary>
    /// The norm byte (the encoded length) of a file-level field for every slot, or null when the field keeps none: read
    /// once per segment, so scoring a posting reads its file's length from a small array in slot order, where the
    /// segment's norms are a virtual call away and spread over all its entries.
    /// </summary>
    public byte[]? NormsOf(AtomicReader reader, string field) =>
        _norms.TryGetValue(field, out var known) ? known : _norms.GetOrAdd(field, ReadNorms(reader, field));

    private byte[]? ReadNorms(AtomicReader reader, string field)
    {
        if (reader.GetNormValues(field) is not { } norms)
        {
            return null;
        }

        var bySlot = new byte[Docs.Length];
        for (var slot = 0; slot < bySlot.Length; slot++)
        {
            bySlot[slot] = (byte)norms.Get(Docs[slot]);
        }

        return bySlot;
    }

    /// <summary>
    /// The slots whose file entries <paramref name="accept"/> accepts, a bit per slot: the segment's live files are
    /// worked out once per set of deletions, any other filter's for the search that asks.
    /// </summary>
    public ulong[] AcceptedSlots(IBits accept, bool isLiveDocs)
    {
        if (isLiveDocs && _live is { } known && known.Accept == accept)
        {
            return known.Slots;
        }

        var slots = new ulong[(Docs.Length + 63) / 64];
        for (var slot = 0; slot < Docs.Length; slot++)
        {
            if (accept.Get(Docs[slot]))
            {
                slots[slot >> 6] |= 1UL << slot;
            }
        }

        if (isLiveDocs)
        {
            _live = new LiveSlots(accept, slots);
        }

        return slots;
    }

    private sealed record LiveSlots(IBits Accept, ulong[] Slots);

    /// <summary>
    /// The file key of a slot, read from the field cache the first time it is asked for and kept: a search names its
    /// best 60 files, mostly the same ones from one question to the next, and decoding each key again was 3% of it.
    /// </summary>
    public string? KeyOf(AtomicReader reader, int slot)
    {
        var keys = _keys ??= new string?[Docs.Length];
        if (keys[slot] is { } known)
        {
            return known;
        }

        var values = FieldCache.DEFAULT.GetTermsIndex(reader, IndexFields.Key);
        var ord = values.GetOrd(Docs[slot]);
        if (ord < 0)
        {
            return null;
        }

        var bytes = new BytesRef();
        values.LookupOrd(ord, bytes);
        return keys[slot] = bytes.Utf8ToString();
    }

    private static SegmentFiles Read(AtomicReader reader)
    {
        var docs = new List<int>();
        var isFile = new ulong[(reader.MaxDoc + 63) / 64];
        // every file entry, deleted or not: deletions are applied by the postings readers
        var types = reader.GetTerms(IndexFields.Type)?.GetEnumerator();
        if (types is not null && types.SeekExact(new BytesRef(IndexFields.TypeDoc)))
        {
            var entries = types.Docs(null, null, DocsFlags.NONE);
            for (var doc = entries.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = entries.NextDoc())
            {
                isFile[doc >> 6] |= 1UL << doc;
                docs.Add(doc);
            }
        }

        var before = new int[isFile.Length];
        for (int word = 0, count = 0; word < isFile.Length; count += BitOperations.PopCount(isFile[word++]))
        {
            before[word] = count;
        }

        return new SegmentFiles([.. docs], new FileSlots(isFile, before));
    }
}

/// <summary>
/// Each document's slot among a segment's file entries, as a bit per document and the count of file entries before
/// every 64 documents: a few bytes per file where an array of slots would take four per entry. Scoring a file field
/// looks a slot up for every posting, and this stays in the cache where that array missed it.
/// </summary>
internal readonly struct FileSlots(ulong[] isFile, int[] before)
{
    /// <summary>The slot of <paramref name="doc"/>, or -1 when it is no file entry (a section or a rule).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Of(int doc)
    {
        var word = isFile[doc >> 6];
        var bit = 1UL << doc;
        return (word & bit) == 0 ? -1 : before[doc >> 6] + BitOperations.PopCount(word & (bit - 1));
    }
}
