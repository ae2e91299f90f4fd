using System.Runtime.CompilerServices;
using Lucene.Net.Index;

namespace ArchMcp.Core.Search;

/// <summary>
/// A thread's terms enumerator and last postings reader for one field of one segment, kept from one search to the next:
/// a search looks its words up in a dozen fields of every segment, and a new enumerator (its frames, arcs and buffers)
/// and postings reader (its block buffers) for each made nearly a third of a search's garbage. Each serves one term at
/// a time: its user reads a term's postings before it seeks the next, and nothing else runs on the thread meanwhile.
/// </summary>
internal sealed class FieldReaders
{
    [ThreadStatic]
    private static ConditionalWeakTable<object, Dictionary<string, FieldReaders?>>? t_bySegment;

    private FieldReaders(TermsEnum terms) => Terms = terms;

    public TermsEnum Terms { get; }

    /// <summary>The postings reader last handed out, offered back to the terms enumerator for reuse.</summary>
    public DocsEnum? Docs { get; set; }

    /// <summary>Two position readers, for the two words of a pair (<see cref="WordPairs.Readers"/>).</summary>
    public DocsAndPositionsEnum?[] Positions { get; } = new DocsAndPositionsEnum?[2];

    /// <summary>This thread's readers of <paramref name="field"/> in the segment, or null when it has no terms there.</summary>
    public static FieldReaders? Of(AtomicReader reader, string field)
    {
        // keyed by the segment's core, shared by its readers (deletions are applied per call), and dropped with it
        var fields = (t_bySegment ??= new()).GetValue(reader.CoreCacheKey, _ => new Dictionary<string, FieldReaders?>(StringComparer.Ordinal));
        if (!fields.TryGetValue(field, out var readers))
        {
            fields[field] = readers = reader.GetTerms(field)?.GetEnumerator() is { } terms ? new FieldReaders(terms) : null;
        }

        return readers;
    }
}
