using System.Runtime.CompilerServices;
using ArchMcp.Core.Indexing;
using Lucene.Net.Index;

namespace ArchMcp.Core.Search;

/// <summary>
/// A segment's rule entries (the entries with <see cref="IndexFields.TextAt"/>): their documents in order, every
/// document's slot among them (-1 for files and sections), and for every section the slot of the first rule that is
/// exactly that section (-1 for none), further such rules chained by <see cref="NextOfSection"/>. Kept per segment,
/// which never changes its documents, so a rule search sums per rule instead of per entry of the segment.
/// </summary>
internal sealed record SegmentRules(int[] Docs, int[] SlotOf, int[] RuleOfSection, int[] NextOfSection)
{
    private static readonly ConditionalWeakTable<object, SegmentRules> Cache = new();

    public static SegmentRules Of(AtomicReader reader) =>
        Cache.TryGetValue(reader.CoreCacheKey, out var rules) ? rules : Cache.GetValue(reader.CoreCacheKey, _ => Read(reader));

    private static SegmentRules Read(AtomicReader reader)
    {
        var docs = new List<int>();
        var slotOf = new int[reader.MaxDoc];
        var ruleOfSection = new int[reader.MaxDoc];
        Array.Fill(slotOf, -1);
        Array.Fill(ruleOfSection, -1);
        var next = new List<int>();
        // every rule, deleted or not: deletions are applied by the postings readers
        if (reader.GetNumericDocValues(IndexFields.TextAt) is { } at && reader.GetDocsWithField(IndexFields.TextAt) is { } has)
        {
            for (var doc = 0; doc < reader.MaxDoc; doc++)
            {
                if (!has.Get(doc))
                {
                    continue;
                }

                var slot = slotOf[doc] = docs.Count;
                docs.Add(doc);
                next.Add(-1);
                if (at.Get(doc) is > 0 and var back && back <= doc)
                {
                    var section = doc - (int)back;
                    next[slot] = ruleOfSection[section];
                    ruleOfSection[section] = slot;
                }
            }
        }

        return new SegmentRules([.. docs], slotOf, ruleOfSection, [.. next]);
    }
}
