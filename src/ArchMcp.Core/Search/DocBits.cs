using Lucene.Net.Util;

namespace ArchMcp.Core.Search;

/// <summary>
/// A set of a segment's documents as accepted documents for a scorer. Its bit array is the thread's own, kept all
/// clear between uses (only the words set are cleared again), so a search does not clear a segment's worth of bits.
/// </summary>
internal sealed class DocBits : IBits, IDisposable
{
    [ThreadStatic]
    private static long[]? t_free;

    private readonly List<int> _docs;
    private long[] _words;

    public DocBits(int length, IEnumerable<int> docs)
    {
        Length = length;
        var words = (length >> 6) + 1;
        _words = t_free is { } free && free.Length >= words ? free : new long[words];
        t_free = null;
        _docs = [.. docs];
        foreach (var d in _docs)
        {
            _words[d >> 6] |= 1L << (d & 63);
        }
    }

    public int Length { get; }

    public bool Get(int index) => (_words[index >> 6] & (1L << (index & 63))) != 0;

    public void Dispose()
    {
        foreach (var d in _docs)
        {
            _words[d >> 6] = 0;
        }

        t_free = _words;
        _words = [];
    }
}
