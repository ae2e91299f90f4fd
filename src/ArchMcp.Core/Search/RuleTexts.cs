using System.Runtime.CompilerServices;
using ArchMcp.Core.Indexing;
using Lucene.Net.Index;

namespace ArchMcp.Core.Search;

/// <summary>
/// A segment's rules that are exactly a section of their file (<see cref="IndexFields.TextAt"/>): each such rule's
/// document with its section's, ordered by section. Kept per segment, which never changes its documents.
/// </summary>
internal sealed record RuleTexts(int[] Sections, int[] Rules)
{
    private static readonly ConditionalWeakTable<object, RuleTexts> Cache = new();

    public static RuleTexts Of(AtomicReader reader) =>
        Cache.TryGetValue(reader.CoreCacheKey, out var texts) ? texts : Cache.GetValue(reader.CoreCacheKey, _ => Read(reader));

    /// <summary>Where the rules of <paramref name="section"/> start in <see cref="Rules"/>, looking from <paramref name="from"/> on.</summary>
    public int FirstOf(int section, int from)
    {
        var i = Array.BinarySearch(Sections, from, Sections.Length - from, section);
        if (i < 0)
        {
            return ~i;
        }

        while (i > from && Sections[i - 1] == section)
        {
            i--;
        }

        return i;
    }

    private static RuleTexts Read(AtomicReader reader)
    {
        var sections = new List<int>();
        var rules = new List<int>();
        // every rule, deleted or not: deletions are applied by the postings readers
        if (reader.GetNumericDocValues(IndexFields.TextAt) is { } at && reader.GetDocsWithField(IndexFields.TextAt) is { } has)
        {
            for (var doc = 0; doc < reader.MaxDoc; doc++)
            {
                if (has.Get(doc) && at.Get(doc) is > 0 and var back && back <= doc)
                {
                    sections.Add(doc - (int)back);
                    rules.Add(doc);
                }
            }
        }

        int[] bySection = [.. sections], rule = [.. rules];
        Array.Sort(bySection, rule);
        return new RuleTexts(bySection, rule);
    }
}
