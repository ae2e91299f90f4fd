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
/// Keeps the index in step with the files: the refresh (only changed files are re-parsed; <see cref="IndexReconciler"/>
/// works out which), the verification, the writer's lock, and (in <c>KnowledgeIndexer.LifeCycle.cs</c>) opening,
/// watching and retrying. It publishes what is indexed as an immutable <see cref="KnowledgeState"/> that a refresh
/// swaps atomically; the search orchestrator and the checklist retriever read that snapshot.
/// </summary>
internal sealed partial class KnowledgeIndexer : IKnowledgeIndexer, IDisposable
{
    private readonly KnowledgeOptions _options;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<KnowledgeRoot> _roots;
    // problems with the roots' own settings files (synonyms), reported by lint with the files' findings
    private readonly IReadOnlyList<Finding> _settingsFindings;
    private readonly ISearchIndex _index;
    private readonly IndexReconciler _reconciler;
    private volatile KnowledgeState _state = KnowledgeState.Empty;

    /// <param name="index">The opened search index; the caller owns it and disposes it after this indexer.</param>
    public KnowledgeIndexer(KnowledgeOptions options, IReadOnlyList<KnowledgeRoot> roots, IReadOnlyList<Finding> settingsFindings, ISearchIndex index, ILogger logger)
    {
        _options = options;
        _roots = roots;
        _settingsFindings = settingsFindings;
        _index = index;
        _logger = logger;
        _reconciler = new IndexReconciler(roots, index, logger);
    }

    /// <summary>Raised after a refresh changed the index; carries the URIs of the documents that changed.</summary>
    public event EventHandler<KnowledgeChangedEventArgs>? Changed;

    /// <summary>What is indexed now (empty until the first opening or refresh); queries read it without a lock.</summary>
    public KnowledgeState State => _state;

    /// <summary>Bump when the analysis or the stored layout changes: older indexes are rebuilt.</summary>
    public const string Schema = "15";

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

    /// <summary>One refresh, under the refresh gate: take the writer's lock, plan, write the changes, publish the new state.</summary>
    private async Task<IndexInfo> RefreshLockedAsync(IReadOnlyCollection<string>? paths, IProgress<IndexProgress>? progress, bool reconcile, CancellationToken cancellationToken)
    {
        // without the lock (a read-only folder, a folder where the lock file belongs) the index is only compared
        // with the files: up to date, it answers as it is; behind, the refresh fails naming the folder
        var (held, cannotWrite) = await LockAsync(cancellationToken).ConfigureAwait(false);
        using var lockHeld = held;
        var watch = Stopwatch.StartNew();
        var old = _state;
        var plan = _reconciler.Plan(paths, old, _settingsFindings, cannotWrite);
        if (plan.FoldersChanged)
        {
            // the operating system watches folder by folder, and one renamed away with a file created in its place
            // has left a watcher deaf to the whole root
            _watcher?.Restart();
        }

        var changes = new RefreshChanges(plan.Known);
        var expunge = reconcile && cannotWrite is null && _index.HasDeletions;
        if (plan.HasChanges || expunge)
        {
            Write(plan, changes, old, cannotWrite, expunge, progress, cancellationToken);
        }

        var written = watch.ElapsedMilliseconds;
        await PublishAsync(plan, changes, old).ConfigureAwait(false);
        _logger.LogInformation("Indexed {Changed} changed of {Total} files ({Deleted} removed) in {Ms} ms ({Written} ms to list, parse and write).",
            changes.Updated.Count, plan.Sources.Count, changes.Deletes.Count, watch.ElapsedMilliseconds, written);
        RaiseChanged(plan, changes, old);
        return BuildInfo(_state);
    }

    /// <summary>
    /// Writes the plan's changes in one batch (parsed files, deletions, a merge of deleted entries when
    /// <paramref name="expunge"/>) and commits it. Without a writer (<paramref name="cannotWrite"/>) any change fails
    /// the refresh, naming the folder.
    /// </summary>
    private void Write(RefreshPlan plan, RefreshChanges changes, KnowledgeState old, IndexUnavailableException? cannotWrite, bool expunge, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        using var batch = cannotWrite is null ? _index.OpenBatch(plan.Recreate) : null;
        ParseAll(plan, batch, changes, progress, cancellationToken);
        changes.Deletes = [.. plan.Vanished.Concat(changes.Failed.Where(plan.Known.ContainsKey))];
        if (batch is null)
        {
            if (changes.Written)
            {
                throw new IndexUnavailableException($"{changes.Updated.Count + changes.Deletes.Count} changed files are not in the index. {cannotWrite!.Message}", cannotWrite);
            }

            return;
        }

        foreach (var key in changes.Deletes)
        {
            batch.Delete(key);
            changes.Next.Remove(key);
        }

        if (expunge)
        {
            batch.ExpungeDeletes();
        }

        if (plan.Recreate || changes.Written || expunge)
        {
            // a new catalog is built on another core while the commit writes the index out
            changes.NewCatalog = changes.SameCatalog(plan, old) ? null : Task.Run(() => KnowledgeCatalog.Build(changes.Next.Values.Select(f => f.Header)));
            batch.Commit(plan.Schema);
        }
    }

    /// <summary>
    /// Parses the plan's changed files on all cores straight into <paramref name="batch"/>; only their headers stay in
    /// memory. Reports progress every 100 files.
    /// </summary>
    private void ParseAll(RefreshPlan plan, IIndexBatch? batch, RefreshChanges changes, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        var done = 0;
        // one file at a time: files differ a lot in size, and a file listed late is not waited for
        Parallel.ForEach(Partitioner.Create(plan.Changed, EnumerablePartitionerOptions.NoBuffering), new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
        {
            Parse(file, plan, batch, changes);
            var n = Interlocked.Increment(ref done);
            var total = plan.Total;
            if (progress is not null && (n % 100 == 0 || n == total))
            {
                progress.Report(new IndexProgress(n, total, file.File.RelativePath));
            }
        });
    }

    /// <summary>Parses one file; when its content differs from the index's, upserts it and records its header.</summary>
    private void Parse(ListedFile file, RefreshPlan plan, IIndexBatch? batch, RefreshChanges changes)
    {
        var loaded = KnowledgeLoader.Load(file.Root, file.File, _options.MaxFileBytes);
        foreach (var f in loaded.Findings)
        {
            changes.Findings.Add(f);
        }

        if (loaded.Document is not { } doc)
        {
            changes.Failed.Add(file.Key);
            return;
        }

        var stamp = new FileStamp(file.File.Length, file.File.LastWriteUtc.UtcTicks, loaded.ContentHash ?? "");
        plan.Known.TryGetValue(file.Key, out var before);
        if (!plan.Recreate && before is not null && before.Stamp == stamp)
        {
            return;
        }

        var header = DocumentMapper.Header(doc);
        // keyed by the listing's key: the one the entry is later looked up, changed and deleted by
        batch?.Upsert(DocumentMapper.Map(doc, header, stamp) with { Key = file.Key });
        // an edit of the prose leaves the header (title, status, relations, rules) as it was
        var sameHeader = before is not null && DocumentMapper.SameHeader(before.Header, header);
        changes.Record(new IndexedFile(file.Key, stamp, sameHeader ? before!.Header : header),
            new FileUpdate(file.Key, before is null, before?.Stamp.Hash != stamp.Hash, !sameHeader));
    }

    /// <summary>
    /// Swaps in the new state: the files now indexed, the catalog (the old one when no header changed) and the
    /// findings (after a targeted refresh, the old ones of the files not looked at, plus the new ones).
    /// </summary>
    private async Task PublishAsync(RefreshPlan plan, RefreshChanges changes, KnowledgeState old)
    {
        var deletes = changes.Deletes;
        var findings = plan.Targeted
            ? old.LoadFindings.Where(f => !plan.Sources.Any(s => s.Root.Name == f.Root && s.File.RelativePath == f.Path) && !deletes.Contains(IndexKey.Of(f.Root ?? "", f.Path)))
                .Concat(changes.Findings).ToList()
            : plan.ListingFindings.Concat(changes.Findings).ToList();
        var sameCatalog = changes.SameCatalog(plan, old);
        var catalog = sameCatalog ? old.Catalog : changes.NewCatalog is not null ? await changes.NewCatalog.ConfigureAwait(false) : KnowledgeCatalog.Build(changes.Next.Values.Select(f => f.Header));
        var unchanged = sameCatalog && changes.Updated.IsEmpty;
        _state = new KnowledgeState(true, unchanged ? old.Files : changes.Next, catalog, findings, _index.Commit.Generation, DateTimeOffset.UtcNow);
    }

    /// <summary>Tells the listeners (resource subscriptions) which documents' content changed, and whether the list did.</summary>
    private void RaiseChanged(RefreshPlan plan, RefreshChanges changes, KnowledgeState old)
    {
        var contentChanged = plan.Recreate || changes.Deletes.Count > 0 || changes.Updated.Any(u => u.ContentChanged);
        if (contentChanged && old.Loaded)
        {
            var uris = changes.Updated.Select(u => u.Key).Concat(changes.Deletes).Select(k => UriOfKey(old, k) ?? UriOfKey(_state, k)).OfType<string>().Distinct().ToList();
            var listChanged = changes.Deletes.Count > 0 || changes.Updated.Any(u => u.New);
            Changed?.Invoke(this, new KnowledgeChangedEventArgs(uris, listChanged));
        }
    }

    private static string? UriOfKey(KnowledgeState state, string key) => SearchOrchestrator.FindKey(state.Catalog, key)?.Uri;

    private KnowledgeState BuildState(IReadOnlyList<Finding> findings, DateTimeOffset? indexedAt)
    {
        var files = _reconciler.ReadFiles();
        return new KnowledgeState(true, files, KnowledgeCatalog.Build(files.Values.Select(f => f.Header)), findings, _index.Commit.Generation, indexedAt);
    }
}
