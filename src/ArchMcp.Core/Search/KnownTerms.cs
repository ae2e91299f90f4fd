using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;

namespace ArchMcp.Core.Search;

/// <summary>
/// A segment's term lookups in one field, kept: a word's place in the terms dictionary (its state, to seek its
/// postings without looking again) and its frequencies, or that the field lacks it. A segment never changes its terms,
/// and the words people ask about repeat from one question to the next, while each lookup walks the dictionary's blocks
/// (a twelfth of a search on the scaled index). Shared by all threads; dropped with the segment, and emptied when it
/// has held <see cref="MaxWords"/> words.
/// </summary>
internal sealed class KnownTerms
{
    /// <summary>The words kept per segment and field before the lookups start over.</summary>
    public const int MaxWords = 16_384;

    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, KnownTerms?>> BySegment = new();

    private readonly ConcurrentDictionary<string, Found?> _words = new(StringComparer.Ordinal);

    /// <summary>The lookups of <paramref name="field"/> in the segment, or null when it has no terms there.</summary>
    public static KnownTerms? Of(AtomicReader reader, string field) =>
        BySegment.GetValue(reader.CoreCacheKey, _ => new(StringComparer.Ordinal))
            .GetOrAdd(field, (f, r) => r.GetTerms(f) is null ? null : new KnownTerms(), reader);

    public bool TryGet(string word, out Found? found) => _words.TryGetValue(word, out found);

    public void Add(string word, Found? found)
    {
        if (_words.Count >= MaxWords)
        {
            _words.Clear();
        }

        _words[word] = found;
    }

    /// <summary>A word the field has: where it is (never changed by its users) and how often it occurs.</summary>
    public sealed record Found(TermState State, int DocFreq, long TotalTermFreq);
}
