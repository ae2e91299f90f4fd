using System.Collections.Concurrent;
using System.Diagnostics;
using ArchMcp.Core.Catalog;
using ArchMcp.Core.Indexing;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;
using ArchMcp.Search;
using Microsoft.Extensions.Logging;

namespace ArchMcp.Core;

/// <summary>
/// Keeps the index in step with the files: the refresh (only changed files are re-parsed), the verification, the
/// writer's lock, and (in <c>KnowledgeIndexer.LifeCycle.cs</c>) opening, watching and retrying. It publishes what is
/// indexed as an immutable <see cref="KnowledgeState"/> that a refresh swaps atomically; the search orchestrator and
/// the checklist retriever read that snapshot.
/// </summary>
internal sealed partial class KnowledgeIndexer : IKnowledgeIndexer, IDisposable
{
    private readonly KnowledgeOptions _options;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<KnowledgeRoot> _roots;
    // problems with the roots' own settings files (synonyms), reported by lint with the files' findings
    private readonly IReadOnlyList<Finding> _settingsFindings;
    private readonly ISearchIndex _index;
    private volatile KnowledgeState _state = KnowledgeState.Empty;

    /// <param name="index">The opened search index; the caller owns it and disposes it after this indexer.</param>
    public KnowledgeIndexer(KnowledgeOptions options, IReadOnlyList<KnowledgeRoot> roots, IReadOnlyList<Finding> settingsFindings, ISearchIndex index, ILogger logger)
    {
        _options = options;
        _roots = roots;
        _settingsFindings = settingsFindings;
        _index = index;
        _logger = logger;
    }

    /// <summary>Raised after a refresh changed the index; carries the URIs of the documents that changed.</summary>
    public event EventHandler<KnowledgeChangedEventArgs>? Changed;

    /// <summary>What is indexed now (empty until the first opening or refresh); queries read it without a lock.</summary>
    public KnowledgeState State => _state;

    /// <summary>Bump when the analysis or the stored layout changes: older indexes are rebuilt.</summary>
    public const string Schema = "13";

    /// <summary>How long a refresh waits for another process that is writing the same index.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(60);

    /// <summary>Brings the index up to date with the files (only changed files are re-parsed).</summary>
    public Task<IndexInfo> RefreshAsync(IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RefreshCoreAsync(null, progress, cancellationToken);

    /// <summary>
    /// Why the index is behind the files (its last refresh failed: a full disk, a read-only folder, a lock held too
    /// long); null when the last refresh succeeded. Answers then come from the last good commit, and a server retries.
    /// </summary>
    public string? Behind => _behind;

    /// <summary>
    /// Brings the index up to date with the roots: with <paramref name="paths"/> (what a watcher saw change) only those
    /// paths are looked at, else every file is listed and compared with its stamp. A full listing with
    /// <paramref name="reconcile"/> also merges deleted entries away, so the answers equal a fresh index's.
    /// </summary>
    private async Task<IndexInfo> RefreshCoreAsync(IReadOnlyCollection<string>? paths, IProgress<IndexProgress>? progress, CancellationToken cancellationToken, bool reconcile = false)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var info = await RefreshLockedAsync(paths, progress, reconcile, cancellationToken).ConfigureAwait(false);
            _behind = null;
            _failures = 0;
            return info;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var failure = WriteFailure(ex);
            _behind = failure.Message;
            ScheduleRetry();
            if (ReferenceEquals(failure, ex))
            {
                throw;
            }

            throw failure;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <summary>
    /// Runs the index's full check (<see cref="ISearchIndex.CheckAll"/>) on the last commit (every segment decoded, every
    /// checksum compared); a corrupt index is removed, so the next refresh rebuilds it from the files. Returns what was
    /// wrong, or null when the index is sound (or there is none yet).
    /// </summary>
    public async Task<string?> VerifyAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (held, cannotWrite) = await LockAsync(cancellationToken).ConfigureAwait(false);
            using var lockHeld = held;
            if (!_index.Exists || _index.CheckAll() is not { } problem)
            {
                return null;
            }

            if (cannotWrite is not null)
            {
                throw new IndexUnavailableException($"The index at '{_index.Path}' is corrupt ({problem}) and cannot be rebuilt: {cannotWrite.Message}", cannotWrite);
            }

            _logger.LogWarning("The index at {Path} failed verification ({Problem}); rebuilding it from the knowledge files.", _index.Path, problem);
            _index.Wipe();
            return problem;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <summary>
    /// A failure to write the index (a full disk, a read-only folder: an I/O error, possibly from several writer
    /// threads at once) as one <see cref="IndexUnavailableException"/> naming the folder; other failures as they are.
    /// </summary>
    private Exception WriteFailure(Exception ex)
    {
        var inner = ex is AggregateException aggregate ? aggregate.Flatten().InnerExceptions[0] : ex;
        return inner is IOException or UnauthorizedAccessException && !SearchIndexes.IsCorruption(inner)
            ? new IndexUnavailableException($"Cannot write the index at '{_index.Path}' ({inner.Message}). Its last commit is intact and still answers; free space or make the folder writable, then run `archmcp index` again.", inner)
            : inner;
    }

    /// <summary>
    /// The writer's lock on the index folder; or, where it cannot be taken at all (a read-only folder, a folder where
    /// the lock file belongs), why not. Throws <see cref="IndexLockedException"/> when another process holds it.
    /// </summary>
    private async Task<(IndexLock? Held, IndexUnavailableException? CannotWrite)> LockAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await IndexLock.TryAcquireAsync(_index.Path, LockWait, cancellationToken).ConfigureAwait(false)
                ?? throw new IndexLockedException(_index.Path), null);
        }
        catch (IndexUnavailableException ex)
        {
            return (null, ex);
        }
    }

    private async Task<IndexInfo> RefreshLockedAsync(IReadOnlyCollection<string>? paths, IProgress<IndexProgress>? progress, bool reconcile, CancellationToken cancellationToken)
    {
        // without the lock (a read-only folder, a folder where the lock file belongs) the index is only compared
        // with the files: up to date, it answers as it is; behind, the refresh fails naming the folder
        var (held, cannotWrite) = await LockAsync(cancellationToken).ConfigureAwait(false);
        using var lockHeld = held;
        var watch = Stopwatch.StartNew();
        var schema = CommitSchema();
        var (known, recreate) = CatchUpWithCommit(cannotWrite, schema);
        var findings = new ConcurrentBag<Finding>();
        var enumerationFindings = new List<Finding>(_settingsFindings);
        // only when nobody else wrote since our last refresh: then the index differs from our state by these paths alone
        (List<(KnowledgeRoot Root, SourceFile File, string Key)> Sources, List<string> Vanished)? targeted = null;
        if (paths is not null && !recreate && ReferenceEquals(known, _state.Files))
        {
            targeted = Target(paths, known);
            if (targeted is null)
            {
                // a folder came, went or moved: the operating system watches folder by folder, and one renamed away with
                // a file created in its place has left a watcher deaf to the whole root
                _watcher?.Restart();
            }
        }

        List<(KnowledgeRoot Root, SourceFile File, string Key)> sources;
        List<string> vanished = [];
        IEnumerable<(KnowledgeRoot Root, SourceFile File, string Key)> ListRoots() =>
            _roots.SelectMany(root => KnowledgeLoader.Walk(root, enumerationFindings).Select(file => (root, file, IndexKey.Of(root.Name, file.RelativePath))));

        IEnumerable<(KnowledgeRoot Root, SourceFile File, string Key)> changed;
        if (targeted is { } t)
        {
            (sources, vanished) = t;
            changed = ChangedOf(sources);
        }
        else if (recreate)
        {
            // Nothing is kept from before, so every file is indexed: each is read as soon as it is listed, instead
            // of one core listing the roots while the other waits.
            sources = [];
            changed = ListRoots().Select(s =>
            {
                sources.Add(s);
                return s;
            });
        }
        else
        {
            sources = [.. ListRoots()];
            var present = sources.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
            vanished = [.. known.Keys.Where(k => !present.Contains(k))];
            changed = ChangedOf(sources);
        }

        List<(KnowledgeRoot Root, SourceFile File, string Key)> ChangedOf(List<(KnowledgeRoot Root, SourceFile File, string Key)> all) =>
            [.. all.Where(s => !known.TryGetValue(s.Key, out var k) || k.Stamp.Size != s.File.Length || k.Stamp.ModifiedTicks != s.File.LastWriteUtc.UtcTicks)];

        var next = new Dictionary<string, IndexedFile>(known, StringComparer.Ordinal);
        var updated = new ConcurrentBag<(string Key, bool New, bool ContentChanged, bool HeaderChanged)>();
        var failed = new ConcurrentBag<string>();
        var old = _state;
        List<string> deletes = [];
        Task<KnowledgeCatalog>? newCatalog = null;

        // the catalog holds headers only: when no file came, went or changed its header, the old one still holds
        bool SameCatalog() => old.Loaded && ReferenceEquals(known, old.Files) && deletes.Count == 0 && !recreate && updated.All(u => !u.HeaderChanged);

        // (when recreating, the files are listed as they are indexed: nothing is listed yet)
        var expunge = reconcile && cannotWrite is null && _index.HasDeletions;
        if (recreate || vanished.Count > 0 || changed is List<(KnowledgeRoot, SourceFile, string)> { Count: > 0 } || expunge)
        {
            // Files are parsed and analysed on all cores straight into the writer; only their headers stay in memory.
            using var batch = cannotWrite is null ? _index.OpenBatch(recreate) : null;
            var gate = new object();
            var done = 0;
            // one file at a time: files differ a lot in size, and a file listed late is not waited for
            Parallel.ForEach(Partitioner.Create(changed, EnumerablePartitionerOptions.NoBuffering), new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, s =>
            {
                var loaded = KnowledgeLoader.Load(s.Root, s.File, _options.MaxFileBytes);
                foreach (var f in loaded.Findings)
                {
                    findings.Add(f);
                }

                if (loaded.Document is { } doc)
                {
                    var stamp = new FileStamp(s.File.Length, s.File.LastWriteUtc.UtcTicks, loaded.ContentHash ?? "");
                    known.TryGetValue(s.Key, out var before);
                    if (recreate || before is null || before.Stamp != stamp)
                    {
                        // keyed by the listing's key: the one the entry is later looked up, changed and deleted by
                        batch?.Upsert(DocumentMapper.Map(doc, stamp) with { Key = s.Key });
                        // an edit of the prose leaves the header (title, status, relations, rules) as it was
                        var header = DocumentMapper.Header(doc);
                        var sameHeader = before is not null && DocumentMapper.SameHeader(before.Header, header);
                        lock (gate)
                        {
                            next[s.Key] = new IndexedFile(s.Key, stamp, sameHeader ? before!.Header : header);
                        }

                        updated.Add((s.Key, before is null, before?.Stamp.Hash != stamp.Hash, !sameHeader));
                    }
                }
                else
                {
                    failed.Add(s.Key);
                }

                var n = Interlocked.Increment(ref done);
                // while the roots are still being listed, the total is what has been listed so far
                var total = changed is List<(KnowledgeRoot, SourceFile, string)> list ? list.Count : sources.Count;
                if (progress is not null && (n % 100 == 0 || n == total))
                {
                    progress.Report(new IndexProgress(n, total, s.File.RelativePath));
                }
            });

            deletes = [.. vanished.Concat(failed.Where(known.ContainsKey))];
            if (batch is null)
            {
                if (!updated.IsEmpty || deletes.Count > 0)
                {
                    throw new IndexUnavailableException($"{updated.Count + deletes.Count} changed files are not in the index. {cannotWrite!.Message}", cannotWrite);
                }
            }
            else
            {
                foreach (var key in deletes)
                {
                    batch.Delete(key);
                }
            }

            foreach (var key in deletes)
            {
                next.Remove(key);
            }

            if (expunge)
            {
                batch!.ExpungeDeletes();
            }

            if (batch is not null && (recreate || !updated.IsEmpty || deletes.Count > 0 || expunge))
            {
                // a new catalog is built on another core while the commit writes the index out
                newCatalog = SameCatalog() ? null : Task.Run(() => KnowledgeCatalog.Build(next.Values.Select(f => f.Header)));
                batch.Commit(schema);
            }
        }

        var written = watch.ElapsedMilliseconds;
        var allFindings = targeted is null
            ? enumerationFindings.Concat(findings).ToList()
            : old.LoadFindings.Where(f => !sources.Any(s => s.Root.Name == f.Root && s.File.RelativePath == f.Path) && !deletes.Contains(IndexKey.Of(f.Root ?? "", f.Path)))
                .Concat(findings).ToList();
        var unchanged = old.Loaded && ReferenceEquals(known, old.Files) && deletes.Count == 0 && updated.IsEmpty && !recreate;
        var catalog = SameCatalog() ? old.Catalog : newCatalog is not null ? await newCatalog.ConfigureAwait(false) : KnowledgeCatalog.Build(next.Values.Select(f => f.Header));
        _state = new KnowledgeState(true, unchanged ? old.Files : next, catalog, allFindings, _index.Commit.Generation, DateTimeOffset.UtcNow);
        _logger.LogInformation("Indexed {Changed} changed of {Total} files ({Deleted} removed) in {Ms} ms ({Written} ms to list, parse and write).",
            updated.Count, sources.Count, deletes.Count, watch.ElapsedMilliseconds, written);
        var contentChanged = recreate || deletes.Count > 0 || updated.Any(u => u.ContentChanged);
        if (contentChanged && old.Loaded)
        {
            var uris = updated.Select(u => u.Key).Concat(deletes).Select(k => UriOfKey(old, k) ?? UriOfKey(_state, k)).OfType<string>().Distinct().ToList();
            var listChanged = deletes.Count > 0 || updated.Any(u => u.New);
            Changed?.Invoke(this, new KnowledgeChangedEventArgs(uris, listChanged));
        }

        return BuildInfo(_state);
    }

    /// <summary>
    /// What a commit is stamped with: <see cref="Schema"/> and the fingerprints of the roots' settings files, so that an
    /// index made under other settings is made again (the settings change how every file is read).
    /// </summary>
    private string CommitSchema() =>
        string.Concat(_roots.Select(r => RootSettings.Of(r).Fingerprint is { Length: > 0 } f ? $"+{r.Name}:{f}" : "").Prepend(Schema));

    /// <summary>
    /// The files behind the changed <paramref name="paths"/>: those to (re)index and the known ones that are gone. Null
    /// when a folder appeared, moved or vanished: then only a full listing tells what changed.
    /// </summary>
    private (List<(KnowledgeRoot Root, SourceFile File, string Key)> Sources, List<string> Vanished)? Target(
        IReadOnlyCollection<string> paths, IReadOnlyDictionary<string, IndexedFile> known)
    {
        var sources = new List<(KnowledgeRoot Root, SourceFile File, string Key)>();
        var vanished = new List<string>();
        foreach (var path in paths)
        {
            var root = _roots.FirstOrDefault(r => path.StartsWith(Path.TrimEndingDirectorySeparator(r.Path) + Path.DirectorySeparatorChar, StringComparison.Ordinal));
            if (root is null)
            {
                continue;
            }

            if (Directory.Exists(path))
            {
                return null;
            }

            var relative = Path.GetRelativePath(root.Path, path).Replace('\\', '/');
            if (RootSettings.FileNames.Contains(relative))
            {
                return null; // the root's settings changed: every file may read differently
            }

            var key = IndexKey.Of(root.Name, relative);
            if (!KnowledgeLoader.IsKnowledgeFile(relative))
            {
                if (known.Keys.Any(k => k.StartsWith(key + "/", StringComparison.Ordinal)))
                {
                    return null; // a folder of indexed files vanished or moved away
                }

                continue;
            }

            if (KnowledgeLoader.Describe(root, relative) is { } file)
            {
                sources.Add((root, file, key));
            }
            else if (known.ContainsKey(key))
            {
                vanished.Add(key);
            }
        }

        return (sources, vanished);
    }

    /// <summary>
    /// Opens the latest commit (another process may have written it) and returns the files it holds; a missing,
    /// corrupt or older-schema index is recreated.
    /// </summary>
    private (IReadOnlyDictionary<string, IndexedFile> Known, bool Recreate) CatchUpWithCommit(IndexUnavailableException? cannotWrite, string expectedSchema)
    {
        try
        {
            if (!_index.Exists)
            {
                return cannotWrite is null ? (new Dictionary<string, IndexedFile>(), true) : throw cannotWrite;
            }

            _index.Open();
            var (generation, schema) = _index.Commit;
            if (schema != expectedSchema)
            {
                return cannotWrite is null ? (new Dictionary<string, IndexedFile>(), true) : throw cannotWrite;
            }

            if (_state.Loaded && generation == _state.Generation)
            {
                return (_state.Files, false);
            }

            var known = ReadFiles();
            return (known, false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or IndexOutOfRangeException or ArgumentException)
        {
            if (cannotWrite is not null)
            {
                throw new IndexUnavailableException($"The index at '{_index.Path}' is corrupt ({ex.Message}) and cannot be rebuilt: {cannotWrite.Message}", ex);
            }

            _logger.LogWarning("The index at {Path} is corrupt ({Message}); rebuilding it from the knowledge files.", _index.Path, ex.Message);
            if (ex is not (FileNotFoundException or DirectoryNotFoundException))
            {
                // no writer opens, not even one that recreates the index, over a commit it cannot read
                _index.Wipe();
            }

            return (new Dictionary<string, IndexedFile>(), true);
        }
    }

    private static string? UriOfKey(KnowledgeState state, string key) => SearchOrchestrator.FindKey(state.Catalog, key)?.Uri;

    private Dictionary<string, IndexedFile> ReadFiles()
    {
        var files = new Dictionary<string, IndexedFile>(StringComparer.Ordinal);
        foreach (var file in _index.ReadStoredFiles(s => DocumentMapper.ReadHeader(s.HeaderJson) is { } header ? new IndexedFile(s.Key, new FileStamp(s.Size, s.ModifiedTicks, s.Hash), header) : null))
        {
            files[file.Key] = file;
        }

        return files;
    }

    private KnowledgeState BuildState(IReadOnlyList<Finding> findings, DateTimeOffset? indexedAt)
    {
        var files = ReadFiles();
        return new KnowledgeState(true, files, KnowledgeCatalog.Build(files.Values.Select(f => f.Header)), findings, _index.Commit.Generation, indexedAt);
    }
}
