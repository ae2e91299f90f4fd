namespace ArchMcp.Search;

/// <summary>
/// The search index of one knowledge base: a folder whose files are indexed in atomic commits and ranked with BM25.
/// Writes happen in batches (<see cref="OpenBatch"/>), one writer process at a time (the caller's lock); reads go
/// through <see cref="Read{T}"/>, which pins one commit for the whole of a ranking so its parts agree.
/// </summary>
public interface ISearchIndex : IDisposable
{
    /// <summary>The index folder.</summary>
    string Path { get; }

    /// <summary>Whether a committed index exists.</summary>
    bool Exists { get; }

    /// <summary>
    /// Opens (or re-opens) the last commit and verifies the checksum of every file not verified yet. Throws an
    /// <see cref="IOException"/> for which <see cref="SearchIndexes.IsCorruption"/> holds when the index is corrupt,
    /// and then serves nothing from it.
    /// </summary>
    void Open();

    /// <summary>Generation and schema of the commit being served (0 and null when none).</summary>
    IndexCommitInfo Commit { get; }

    /// <summary>Whether the served commit holds deleted entries (which still count in the BM25 statistics).</summary>
    bool HasDeletions { get; }

    /// <summary>A full check of the last commit (every segment decoded, every checksum compared): null when sound, else what is wrong.</summary>
    string? CheckAll();

    /// <summary>Removes every file of a corrupt index, so that it can be recreated (the caller holds the writer's lock).</summary>
    void Wipe();

    /// <summary>
    /// Every file's stored state from the served commit, each turned into a <typeparamref name="T"/> as it is read
    /// (null skips it): the stored headers of all files are never held at once.
    /// </summary>
    List<T> ReadStoredFiles<T>(Func<StoredFile, T?> read)
        where T : class;

    /// <summary>Opens a writer for one batch of changes; nothing is visible until <see cref="IIndexBatch.Commit"/>.</summary>
    /// <param name="recreate">Start from an empty index instead of the last commit.</param>
    IIndexBatch OpenBatch(bool recreate);

    /// <summary>The analysed, distinct terms of a query text (synonyms expanded), in order of first appearance.</summary>
    IReadOnlyList<string> Terms(string text);

    /// <summary>How many files the served commit holds, and how many of them hold each of <paramref name="terms"/> in their text.</summary>
    (int Files, int[] Holding) FileFrequencies(IReadOnlyList<string> terms);

    /// <summary>Which of <paramref name="terms"/> <paramref name="text"/> holds, analysed as the index analyses a file's text.</summary>
    IReadOnlySet<string> Holding(string text, IReadOnlyCollection<string> terms);

    /// <summary>
    /// A short snippet of each text ("" for a null one): the sentence holding the most of <paramref name="terms"/>,
    /// with those words highlighted.
    /// </summary>
    string[] Snippets(IReadOnlyList<string?> texts, IReadOnlyCollection<string> terms);

    /// <summary>Runs <paramref name="read"/> on a ranker over the served commit; <paramref name="empty"/> when no index is open.</summary>
    T Read<T>(Func<IRanker, T> read, T empty);
}

/// <summary>One set of index changes, written as a single atomic commit (or none, when disposed uncommitted).</summary>
public interface IIndexBatch : IDisposable
{
    /// <summary>Adds a file's entries in place of any it had (each key at most once per batch). Thread-safe.</summary>
    void Upsert(IndexEntry entry);

    /// <summary>Removes a file's entries.</summary>
    void Delete(string key);

    /// <summary>Merges deleted entries away, so that every score equals a fresh index's.</summary>
    void ExpungeDeletes();

    /// <summary>Commits the batch, recording <paramref name="schema"/> with it, and serves the new commit.</summary>
    void Commit(string schema);
}

/// <summary>Ranking over one commit of the index; valid only inside the <see cref="ISearchIndex.Read{T}"/> call that gave it.</summary>
public interface IRanker
{
    /// <summary>
    /// The best <paramref name="limit"/> files for <paramref name="terms"/> among those <paramref name="filter"/> (if
    /// any) admits, best first; ties go to the key that sorts first. File scores are blended with their best section's.
    /// </summary>
    IReadOnlyList<FileHit> RankFiles(IReadOnlyList<string> terms, SearchFilter? filter, int limit);

    /// <summary>The best section of a hit ranked by this ranker, or null when none matched.</summary>
    SectionMatch? ReadSection(FileHit? hit);

    /// <summary>The best <paramref name="limit"/> rules for <paramref name="terms"/>, in <paramref name="root"/> when given, best first.</summary>
    IReadOnlyList<RuleHit> RankRules(IReadOnlyList<string> terms, string? root, int limit);
}

/// <summary>Generation and schema of an index commit (0 and null when there is none).</summary>
public readonly record struct IndexCommitInfo(long Generation, string? Schema);

/// <summary>A file's persisted state in the index: its stamp (size, modification time, content hash) and its stored header.</summary>
public sealed record StoredFile(string Key, long Size, long ModifiedTicks, string Hash, string HeaderJson);

/// <summary>
/// One file as the index sees it: the filter values, the text fields and the stored state. Filled by the caller from
/// its own model, so the index knows nothing of decisions or standards.
/// </summary>
/// <param name="Key">The file's key (<see cref="IndexKey.Of"/>).</param>
/// <param name="Root">The knowledge root's name (filter).</param>
/// <param name="Kind">The kind of document (filter).</param>
/// <param name="Status">The decision status, or "" (filter).</param>
/// <param name="Tags">The tags as written (filter, case-insensitive, and text).</param>
/// <param name="Title">The title (text).</param>
/// <param name="Ids">Words that name the file: ids, numbers, file-name slug (text).</param>
/// <param name="Body">The whole text (text).</param>
/// <param name="HeaderJson">The stored header, returned as is by <see cref="ISearchIndex.ReadStoredFiles{T}"/>.</param>
/// <param name="Size">The file's size (stamp).</param>
/// <param name="ModifiedTicks">The file's modification time (stamp).</param>
/// <param name="Hash">The file's content hash (stamp).</param>
/// <param name="Sections">The sections, in order; their headings are also a file-level text.</param>
/// <param name="Rules">The rules, in order; a rule's position is its ordinal in <see cref="RuleHit"/>.</param>
public sealed record IndexEntry(
    string Key,
    string Root,
    string Kind,
    string Status,
    IReadOnlyList<string> Tags,
    string Title,
    string Ids,
    string Body,
    string HeaderJson,
    long Size,
    long ModifiedTicks,
    string Hash,
    IReadOnlyList<IndexSection> Sections,
    IReadOnlyList<IndexRule> Rules);

/// <summary>A section of an indexed file: its heading, the line it starts on and its text.</summary>
public sealed record IndexSection(string Heading, int Line, string Text);

/// <summary>A rule of an indexed file: its statement, its full text and the heading of the section it is in (null when none).</summary>
public sealed record IndexRule(string Statement, string Text, string? SectionHeading);

/// <summary>Restricts a file ranking to files with all the given values (null or empty: any).</summary>
public sealed record SearchFilter(string? Kind = null, string? Status = null, string? Root = null, IReadOnlyList<string>? Tags = null);

/// <summary>A ranked file: its key, its score and an opaque handle of its best section (-1 when no section matched).</summary>
public sealed record FileHit(string Key, double Score, int SectionDoc);

/// <summary>The best-matching section of a file: where its snippet and citation line come from.</summary>
public sealed record SectionMatch(string Heading, int Line, string Text);

/// <summary>A ranked rule: its file's key, its position among the file's rules, its stored text and its score.</summary>
public sealed record RuleHit(string Key, int Ordinal, string Text, float Score);

/// <summary>The key format shared by the index and its callers: a root's name and a path within it.</summary>
public static class IndexKey
{
    private const char Separator = '\u001f';

    /// <summary>The key of <paramref name="path"/> in root <paramref name="root"/>.</summary>
    public static string Of(string root, string path) => root + Separator + path;

    /// <summary>Splits a key into its root and path; false when it is not a key.</summary>
    public static bool TrySplit(string key, out string root, out string path)
    {
        ArgumentNullException.ThrowIfNull(key);
        var split = key.IndexOf(Separator, StringComparison.Ordinal);
        root = split < 0 ? "" : key[..split];
        path = split < 0 ? "" : key[(split + 1)..];
        return split >= 0;
    }
}

/// <summary>Thrown when the index folder cannot be used (it is a file, or it cannot be created); the message names the path.</summary>
public sealed class SearchIndexPathException(string message, Exception? inner = null) : IOException(message, inner);

/// <summary>Opens the Lucene implementation of <see cref="ISearchIndex"/> and recognises its failures.</summary>
public static class SearchIndexes
{
    /// <summary>
    /// Opens (creating when missing) the index folder at <paramref name="path"/>; no commit is read until
    /// <see cref="ISearchIndex.Open"/>. <paramref name="synonymLines"/> extend the built-in vocabulary used for queries.
    /// Throws <see cref="SearchIndexPathException"/> when the path cannot be an index folder.
    /// </summary>
    public static ISearchIndex Open(string path, IEnumerable<string> synonymLines) => new LuceneKnowledgeIndex(path, synonymLines);

    /// <summary>Whether <paramref name="ex"/> says the index is corrupt (rather than, say, the disk full).</summary>
    public static bool IsCorruption(Exception ex) => ex is Lucene.Net.Index.CorruptIndexException;
}
