using System.Runtime.CompilerServices;
using Lucene.Net.Codecs;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace ArchMcp.Core.Search;

/// <summary>
/// A common word's postings in a file-level field, decoded once into the slots of its files and its frequency in each
/// (<c>slot &lt;&lt; 8 | freq</c>), kept with the word's lookup (<see cref="KnownTerms"/>) and dropped with it. The file
/// pass reads every posting of every word asked for, and for the common words of a large index most of that pass was
/// Lucene decoding the same blocks again and found a posting's slot again. Postings of deleted entries are kept too:
/// the reader skips them as Lucene's would, so one decoding serves every reader of the segment. At most
/// <see cref="MaxPostings"/> postings are kept by the whole process; past that, postings are read as before.
/// </summary>
internal sealed class DecodedPostings
{
    /// <summary>Words in fewer entries of a segment are read from the index: their postings are quickly read anyway.</summary>
    public const int MinDocFreq = 256;

    /// <summary>The postings kept at most (four bytes each): the common words of many questions on a 20,000-file index.</summary>
    public const long MaxPostings = 4 << 20;

    private static readonly ConditionalWeakTable<TermState, DecodedPostings> ByTerm = new();
    private static long s_kept;

    private DecodedPostings(uint[]? postings)
    {
        Postings = postings;
        Interlocked.Add(ref s_kept, postings?.Length ?? 0);
    }

    ~DecodedPostings() => Interlocked.Add(ref s_kept, -(Postings?.Length ?? 0));

    /// <summary>Every posting as <c>slot &lt;&lt; 8 | freq</c>, in document order; null when the word has a frequency or a slot too large to pack.</summary>
    public uint[]? Postings { get; }

    /// <summary>
    /// The decoded postings of <paramref name="term"/> in the segment (decoded now if need be), or null when they are
    /// read from the index: a word of few entries, one that cannot be packed, or none left of the budget.
    /// </summary>
    public static uint[]? Of(AtomicReaderContext leaf, WeightedTerm term, SegmentFiles files)
    {
        if (term.Stats.Get(leaf.Ord) is not BlockTermState { DocFreq: >= MinDocFreq } state)
        {
            return null;
        }

        if (ByTerm.TryGetValue(state, out var known))
        {
            return known.Postings;
        }

        if (Interlocked.Read(ref s_kept) + state.DocFreq > MaxPostings || FieldReaders.Of(leaf.AtomicReader, term.Term.Field) is not { } readers)
        {
            return null;
        }

        return ByTerm.GetValue(state, _ => new DecodedPostings(Decode(readers, term, state, files))).Postings;
    }

    private static uint[]? Decode(FieldReaders readers, WeightedTerm term, BlockTermState state, SegmentFiles files)
    {
        readers.Terms.SeekExact(term.Term.Bytes, state);
        var docs = readers.Docs = readers.Terms.Docs(null, readers.Docs, DocsFlags.FREQS);
        var postings = new uint[state.DocFreq];
        var count = 0;
        for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
        {
            var slot = files.Slots.Of(doc);
            var freq = docs.Freq;
            if (slot > 0xFF_FFFF || freq > 0xFF)
            {
                return null;
            }

            if (slot >= 0)
            {
                postings[count++] = ((uint)slot << 8) | (uint)freq;
            }
        }

        return count == postings.Length ? postings : postings[..count];
    }
}
