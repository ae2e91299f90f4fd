using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ArchMcp.Search;

/// <summary>
/// The section and rule entries of some files, given the files' own entries (top-level document numbers). A file's
/// entries are written as one block — the file entry, then its sections and rules — and Lucene keeps the documents
/// of a block together and in order, through merges too (<c>IndexWriter.UpdateDocuments</c>): a file's entries
/// are the documents after its file entry up to the next file entry. Nothing is looked up or read to find them.
/// </summary>
internal sealed class EntriesOfFiles(int[] sortedFileDocs) : Filter
{
    /// <summary>The file entries of each segment (the only entries with a type), kept while the segment lives.</summary>
    private static readonly Filter FileEntries = new CachingWrapperFilter(new QueryWrapperFilter(new TermQuery(new Term(IndexFields.Type, IndexFields.TypeDoc))));

    public override DocIdSet? GetDocIdSet(AtomicReaderContext context, IBits? acceptDocs)
    {
        var maxDoc = context.AtomicReader.MaxDoc;
        var fileEntries = FileEntries.GetDocIdSet(context, null)?.GetIterator();
        if (fileEntries is null)
        {
            return null;
        }

        var entries = new FixedBitSet(maxDoc);
        foreach (var top in sortedFileDocs)
        {
            var file = top - context.DocBase;
            if (file < 0 || file >= maxDoc)
            {
                continue;
            }

            var next = fileEntries.DocID > file ? fileEntries.DocID : fileEntries.Advance(file + 1);
            entries.Set(file + 1, next == DocIdSetIterator.NO_MORE_DOCS ? maxDoc : next);
        }

        return BitsFilteredDocIdSet.Wrap(entries, acceptDocs);
    }
}
