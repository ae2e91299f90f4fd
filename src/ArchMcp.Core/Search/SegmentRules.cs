using System.Runtime.CompilerServices;
using ArchMcp.Core.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ArchMcp.Core.Search;

/// <summary>
/// A segment's rule entries (the entries with <see cref="IndexFields.TextAt"/>): their documents in order, every
/// document's slot among them (-1 for files and sections), the section document each rule is exactly (-1 for none),
/// and for every section the slot of the first rule that is exactly that section (-1 for none), further such rules
/// chained by <see cref="NextOfSection"/>. Kept per segment, which never changes its documents, so a rule search sums
/// per rule instead of per entry of the segment.
/// </summary>
internal sealed record SegmentRules(int[] Docs, int[] SlotOf, int[] SectionOfSlot, int[] RuleOfSection, int[] NextOfSection)
{
    private static readonly ConditionalWeakTable<object, SegmentRules> Cache = new();

    public static SegmentRules Of(AtomicReader reader) =>
        Cache.TryGetValue(reader.CoreCacheKey, out var rules) ? rules : Cache.GetValue(reader.CoreCacheKey, _ => Read(reader));

    /// <summary>The section document that rule entry <paramref name="doc"/> is exactly, or -1 (not such a rule).</summary>
    public int SectionOf(int doc) => SlotOf[doc] is var slot and >= 0 ? SectionOfSlot[slot] : -1;

    private static SegmentRules Read(AtomicReader reader)
    {
        var back = Backs(reader);
        var docs = new List<int>();
        var slotOf = new int[reader.MaxDoc];
        var ruleOfSection = new int[reader.MaxDoc];
        Array.Fill(slotOf, -1);
        Array.Fill(ruleOfSection, -1);
        var sectionOf = new List<int>();
        var next = new List<int>();
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            if (back[doc] < 0)
            {
                continue;
            }

            var slot = slotOf[doc] = docs.Count;
            docs.Add(doc);
            next.Add(-1);
            sectionOf.Add(-1);
            if (back[doc] is > 0 and var steps && steps <= doc)
            {
                var section = sectionOf[slot] = doc - steps;
                next[slot] = ruleOfSection[section];
                ruleOfSection[section] = slot;
            }
        }

        return new SegmentRules([.. docs], slotOf, [.. sectionOf], ruleOfSection, [.. next]);
    }

    /// <summary>Every document's <see cref="IndexFields.TextAt"/> number (-1 where it has none), deleted rules included: deletions are applied by the postings readers.</summary>
    private static int[] Backs(AtomicReader reader)
    {
        var back = new int[reader.MaxDoc];
        Array.Fill(back, -1);
        if (reader.GetTerms(IndexFields.TextAt) is not { } terms)
        {
            return back;
        }

        var values = terms.GetEnumerator();
        DocsEnum? docs = null;
        while (values.MoveNext())
        {
            var value = Number(values.Term);
            docs = values.Docs(null, docs, DocsFlags.NONE);
            for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
            {
                back[doc] = value;
            }
        }

        return back;
    }

    private static int Number(BytesRef digits)
    {
        var value = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            value = (value * 10) + (digits.Bytes[digits.Offset + i] - '0');
        }

        return value;
    }
}
