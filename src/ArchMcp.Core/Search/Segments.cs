using System.Runtime.ExceptionServices;
using Lucene.Net.Index;

namespace ArchMcp.Core.Search;

/// <summary>
/// A search's work over an index's segments: side by side on the machine's cores when the index is large enough to
/// gain from it. The calling thread takes its share like the others, so when no other thread is free (a server busy
/// with many requests) it does all the work itself, as it would have without the split.
/// </summary>
public static class Segments
{
    /// <summary>The file entries an index needs before a search splits its work: below, starting threads costs more than it saves.</summary>
    public const int SplitFrom = 4_000;

    public static void ForEach<T>(IReadOnlyList<T> items, Func<T, AtomicReader> readerOf, Action<T> body)
    {
        if (items.Count < 2 || Environment.ProcessorCount < 2 ||
            items.Sum(i => SegmentFiles.Of(readerOf(i)).Docs.Length) < SplitFrom)
        {
            foreach (var item in items)
            {
                body(item);
            }

            return;
        }

        SideBySide(items.Count, i => body(items[i]));
    }

    /// <summary>Runs <paramref name="body"/> for 0 … <paramref name="count"/> − 1 on the free cores; a failure is rethrown as it was thrown.</summary>
    public static void SideBySide(int count, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }
}
