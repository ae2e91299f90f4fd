using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace ArchMcp.Search;

/// <summary>
/// The on-disk Lucene index (BM25). Writes happen only under the caller's writer lock, each as one atomic commit;
/// searches go through a <see cref="SearcherManager"/> that is refreshed after every commit (ours or another
/// process's).
/// </summary>
internal sealed class LuceneKnowledgeIndex : ISearchIndex
{
    public static readonly Similarity Similarity = new BM25Similarity();

    private readonly LuceneDirectory _directory;
    private readonly object _gate = new();
    private readonly CommitChecksums _checksums = new();
    // Text is indexed as written (fast); synonyms and acronyms are expanded in both directions at query time.
    private readonly ArchAnalyzer _queryAnalyzer;
    // snippets analyse the hits' sentences with the index's analysis (no synonyms)
    private readonly ArchAnalyzer _textAnalyzer = new(null);
    private readonly QueryFactory _queries;
    private SearcherManager? _manager;

    /// <summary>
    /// Opens (creating when missing) the index folder; throws <see cref="SearchIndexPathException"/> naming the path
    /// when it cannot be one. <paramref name="synonymLines"/> extend the built-in synonyms of queries.
    /// </summary>
    public LuceneKnowledgeIndex(string path, IEnumerable<string>? synonymLines = null)
    {
        _queryAnalyzer = new ArchAnalyzer(SynonymGroups.Build(synonymLines ?? []));
        _queries = new QueryFactory(_queryAnalyzer);
        Path = path;
        EnsureFolder(path);
        EnsureFolder(LucenePath);
        _directory = OpenDirectory(LucenePath);
    }

    private static void EnsureFolder(string path)
    {
        if (File.Exists(path))
        {
            throw new SearchIndexPathException($"The index path '{path}' is a file, not a folder: move it away, or pass --index PATH to use another folder.");
        }

        try
        {
            System.IO.Directory.CreateDirectory(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SearchIndexPathException($"Cannot create the index folder '{path}' ({ex.Message}): make its parent writable, or pass --index PATH to a writable folder.", ex);
        }
    }

    public string Path { get; }

    /// <summary>
    /// The index folder, read with positional file reads (<see cref="PositionalReadDirectory"/>). Lucene.Net's
    /// <see cref="MMapDirectory"/> records every clone of an input in a weak table, and a search clones inputs for
    /// every term it reads: each garbage collection then walked thousands of weak handles. Cross-process exclusion is
    /// the caller's writer lock's job; Lucene's own lock file would only go stale after a crash.
    /// </summary>
    public static LuceneDirectory OpenDirectory(string path) => new PositionalReadDirectory(new DirectoryInfo(path), NoLockFactory.GetNoLockFactory());

    private string LucenePath => System.IO.Path.Combine(Path, "lucene");

    /// <summary>Whether a committed index exists.</summary>
    public bool Exists => DirectoryReader.IndexExists(_directory);

    /// <summary>
    /// Opens (or re-opens) the searcher on the last commit and verifies the checksum of every file of that commit this
    /// process has not verified yet (a CRC-32 over each file, compared with its Lucene footer: garbage anywhere in
    /// postings, terms, norms or stored fields is found before it can change an answer). Throws
    /// <see cref="CorruptIndexException"/> when the index is corrupt, and then serves nothing from it.
    /// </summary>
    public void Open()
    {
        lock (_gate)
        {
            try
            {
                if (_manager is null)
                {
                    _manager = new SearcherManager(_directory, new Bm25SearcherFactory());
                }
                else
                {
                    _manager.MaybeRefreshBlocking();
                }

                _checksums.Verify(LucenePath, _manager);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or IndexOutOfRangeException or ArgumentException)
            {
                _manager?.Dispose();
                _manager = null;
                if (ex is IOException)
                {
                    throw;
                }

                throw new CorruptIndexException(ex.Message, ex);
            }
        }
    }

    /// <summary>
    /// Removes every file of a corrupt index (the caller holds the writer's lock): Lucene cannot open a writer,
    /// even one that recreates the index, over a commit it cannot read.
    /// </summary>
    public void Wipe()
    {
        lock (_gate)
        {
            _manager?.Dispose();
            _manager = null;
            _checksums.Forget();
            foreach (var file in System.IO.Directory.EnumerateFiles(LucenePath))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>
    /// Lucene's own full check (<see cref="CheckIndex"/>: every segment decoded, every checksum compared), for
    /// <c>archmcp index --verify</c>. Returns null when the index is sound, else what is wrong.
    /// </summary>
    public string? CheckAll()
    {
        using var log = new StringWriter();
        var check = new CheckIndex(_directory) { InfoStream = log };
        try
        {
            var status = check.DoCheckIndex();
            if (status.Clean)
            {
                return null;
            }

            var problem = log.ToString().Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("FAILED", StringComparison.Ordinal) || l.Contains("ERROR", StringComparison.Ordinal) || l.StartsWith("WARNING", StringComparison.Ordinal));
            return problem ?? "CheckIndex found problems";
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or IndexOutOfRangeException or ArgumentException)
        {
            return ex.Message;
        }
    }

    /// <summary>Whether the searcher's commit holds deleted entries (which still count in the BM25 statistics).</summary>
    public bool HasDeletions => Search(searcher => searcher.IndexReader.HasDeletions, false);

    /// <summary>Runs <paramref name="search"/> on the current searcher; an empty result when no index is open.</summary>
    public T Search<T>(Func<IndexSearcher, T> search, T empty)
    {
        var manager = _manager;
        if (manager is null)
        {
            return empty;
        }

        IndexSearcher searcher;
        try
        {
            searcher = manager.Acquire();
        }
        catch (ObjectDisposedException)
        {
            return empty; // a corrupt index was just closed to be rebuilt
        }

        try
        {
            return search(searcher);
        }
        finally
        {
            manager.Release(searcher);
        }
    }

    /// <summary>Generation and schema of the commit the searcher is on (0 and null when none).</summary>
    public IndexCommitInfo Commit => Search(searcher =>
    {
        var commit = ((DirectoryReader)searcher.IndexReader).IndexCommit;
        return new IndexCommitInfo(commit.Generation, commit.UserData.TryGetValue(SchemaKey, out var v) ? v : null);
    }, default(IndexCommitInfo));

    public const string SchemaKey = "archmcp-schema";

    /// <summary>
    /// Every file's stored state from the last commit, each turned into a <typeparamref name="T"/> as it is read (null
    /// skips it): the stored headers of all files are never held at once.
    /// </summary>
    public List<T> ReadStoredFiles<T>(Func<StoredFile, T?> read)
        where T : class
    {
        return Search(searcher =>
        {
            var result = new List<T>();
            var hits = searcher.Search(new TermQuery(new Term(IndexFields.Type, IndexFields.TypeDoc)), Math.Max(1, searcher.IndexReader.NumDocs));
            foreach (var hit in hits.ScoreDocs)
            {
                var d = searcher.Doc(hit.Doc);
                var file = new StoredFile(
                    d.Get(IndexFields.Key),
                    d.GetField(IndexFields.Size)?.GetInt64Value() ?? -1,
                    d.GetField(IndexFields.Modified)?.GetInt64Value() ?? -1,
                    d.Get(IndexFields.Hash) ?? "",
                    d.Get(IndexFields.Header) ?? "");
                if (read(file) is { } value)
                {
                    result.Add(value);
                }
            }

            return result;
        }, []);
    }

    /// <summary>
    /// Opens a writer for one batch of changes; nothing is visible until <see cref="IIndexBatch.Commit"/>. The caller
    /// holds the writer's lock.
    /// </summary>
    public IIndexBatch OpenBatch(bool recreate) => LuceneIndexBatch.Open(this, _directory, recreate);

    /// <inheritdoc/>
    public IReadOnlyList<string> Terms(string text) => _queries.Terms(text);

    /// <inheritdoc/>
    public (int Files, int[] Holding) FileFrequencies(IReadOnlyList<string> terms) => Search(
        searcher => (searcher.IndexReader.GetDocCount(IndexFields.Body), terms.Select(t => searcher.IndexReader.DocFreq(new Term(IndexFields.Body, t))).ToArray()),
        (0, new int[terms.Count]));

    /// <inheritdoc/>
    public IReadOnlySet<string> Holding(string text, IReadOnlyCollection<string> terms) => ArchMcp.Search.Snippets.Holding(_textAnalyzer, text, terms);

    /// <inheritdoc/>
    public string[] Snippets(IReadOnlyList<string?> texts, IReadOnlyCollection<string> terms) => ArchMcp.Search.Snippets.MakeAll(_textAnalyzer, texts, terms);

    /// <inheritdoc/>
    public T Read<T>(Func<IRanker, T> read, T empty) => Search(searcher => read(new LuceneRanker(searcher)), empty);

    public void Dispose()
    {
        lock (_gate)
        {
            _manager?.Dispose();
            _manager = null;
        }

        _directory.Dispose();
        _queryAnalyzer.Dispose();
        _textAnalyzer.Dispose();
    }

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = Similarity };
    }
}
