using System.Buffers;
using Lucene.Net.Util;

namespace ArchMcp.Core.Search;

/// <summary>A set of a segment's documents as accepted documents for a scorer, on a pooled bit array.</summary>
internal sealed class DocBits : IBits, IDisposable
{
    private long[] _words;

    public DocBits(int length, IEnumerable<int> docs)
    {
        Length = length;
        _words = ArrayPool<long>.Shared.Rent((length >> 6) + 1);
        Array.Clear(_words, 0, (length >> 6) + 1);
        foreach (var d in docs)
        {
            _words[d >> 6] |= 1L << (d & 63);
        }
    }

    public int Length { get; }

    public bool Get(int index) => (_words[index >> 6] & (1L << (index & 63))) != 0;

    public void Dispose()
    {
        ArrayPool<long>.Shared.Return(_words);
        _words = [];
    }
}
