using Lucene.Net.Search;

namespace ArchMcp.Search;

/// <summary>
/// The best hits of a query, cut so that the index's document order never decides: files are indexed in parallel, so
/// which of two equally scored entries comes first in the index differs from one build of it to the next, and Lucene
/// breaks ties by that order.
/// </summary>
internal static class TopHits
{
    /// <summary>
    /// The <paramref name="n"/> best entries with a key, best first; on equal scores the key that sorts first, then the
    /// earlier entry (one file's entries are written together, in order). Entries tied with the n-th are all looked at
    /// before the cut. <paramref name="keyOf"/> reads an entry's key.
    /// </summary>
    public static List<(int Doc, string Key, float Score)> ByKey(IndexSearcher searcher, Query query, Filter? filter, int n, Func<int, string?> keyOf)
    {
        if (n <= 0)
        {
            return [];
        }

        var fetch = n;
        TopDocs top;
        while (true)
        {
            top = searcher.Search(query, filter, fetch);
            var hits = top.ScoreDocs;
            // stop when every hit is in, or when the last one fetched scores below the n-th
            if (hits.Length < fetch || hits[^1].Score < hits[n - 1].Score)
            {
                break;
            }

            fetch *= 2;
        }

        return [.. top.ScoreDocs
            .Select(d => (d.Doc, Key: keyOf(d.Doc), d.Score))
            .Where(h => h.Key is not null)
            .Select(h => (h.Doc, Key: h.Key!, h.Score))
            .OrderByDescending(h => h.Score)
            .ThenBy(h => h.Key, StringComparer.Ordinal)
            .ThenBy(h => h.Doc)
            .Take(n)];
    }
}
