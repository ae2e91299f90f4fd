using Lucene.Net.Analysis;
using Lucene.Net.Index;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace ArchMcp.Search;

/// <summary>
/// One set of changes written as a single atomic commit (or none, when disposed uncommitted). A batch that
/// recreates the index starts from nothing, so its files are added without first deleting an older version: a
/// delete per file is a term every flushed segment is searched for, and a lock all writer threads take.
/// </summary>
internal sealed class LuceneIndexBatch(LuceneKnowledgeIndex index, IndexWriter writer, Analyzer analyzer, bool recreate) : IIndexBatch
{
    private bool _committed;

    /// <summary>Opens a writer on <paramref name="directory"/> for one batch. The writer is thread-safe: documents may be added from several threads.</summary>
    public static LuceneIndexBatch Open(LuceneKnowledgeIndex index, LuceneDirectory directory, bool recreate)
    {
        // Segments are flushed rarely (a large buffer) and written as plain files: packing each one into a compound
        // file copies the whole segment again, about a tenth of a full build's time for a few file handles saved.
        var analyzer = new ArchAnalyzer(null);
        var config = new IndexWriterConfig(ArchAnalyzer.Version, analyzer)
        {
            Similarity = LuceneKnowledgeIndex.Similarity,
            OpenMode = recreate ? OpenMode.CREATE : OpenMode.CREATE_OR_APPEND,
            RAMBufferSizeMB = 128,
            MaxThreadStates = Math.Max(2, Environment.ProcessorCount),
            UseCompoundFile = false,
        };
        config.MergePolicy.NoCFSRatio = 0;
        if (config.MergePolicy is TieredMergePolicy tiered)
        {
            tiered.ForceMergeDeletesPctAllowed = 0; // see ExpungeDeletes
        }

        try
        {
            return new LuceneIndexBatch(index, new IndexWriter(directory, config), analyzer, recreate);
        }
        catch
        {
            analyzer.Dispose();
            throw;
        }
    }

    /// <summary>Adds a file's entries in place of any it had (each key at most once per batch).</summary>
    public void Upsert(IndexEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var key = entry.Key;
        var entries = LuceneDocuments.Map(entry);
        if (recreate)
        {
            writer.AddDocuments(entries);
        }
        else
        {
            writer.UpdateDocuments(new Term(IndexFields.Key, key), entries);
        }
    }

    public void Delete(string key) => writer.DeleteDocuments(new Term(IndexFields.Key, key));

    /// <summary>
    /// Rewrites the segments that hold deleted entries: BM25 counts them in its statistics (documents, average
    /// length, term frequencies) until they are merged away, so only then does every score equal a fresh index's.
    /// </summary>
    public void ExpungeDeletes()
    {
        if (writer.HasDeletions())
        {
            writer.ForceMergeDeletes(true);
        }
    }

    public void Commit(string schema)
    {
        writer.SetCommitData(new Dictionary<string, string> { [LuceneKnowledgeIndex.SchemaKey] = schema });
        writer.Commit();
        _committed = true;
        index.Open();
    }

    /// <summary>Closes the writer; an uncommitted batch is rolled back, leaving the last commit as it was.</summary>
    public void Dispose()
    {
        if (_committed)
        {
            writer.Dispose();
        }
        else
        {
            try
            {
                writer.Rollback();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                // a writer that failed to write (a full disk) may already have closed itself; the commit is as it was
            }
        }

        analyzer.Dispose();
    }
}
