using System.Collections.Concurrent;
using System.Diagnostics;
using ArchMcp.Core.Catalog;
using ArchMcp.Core.Indexing;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;
using Lucene.Net.Documents;
using Microsoft.Extensions.Logging;

namespace ArchMcp.Core;

public sealed partial class KnowledgeService
{
    /// <summary>Bump when the analysis or the stored layout changes: older indexes are rebuilt.</summary>
    public const string Schema = "10";

    /// <summary>How long a refresh waits for another process that is writing the same index.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(60);

    public Task<IndexInfo> RefreshAsync(IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RefreshCoreAsync(null, progress, cancellationToken);

    /// <summary>
    /// Brings the index up to date with the roots: with <paramref name="paths"/> (what a watcher saw change) only those
    /// paths are looked at, else every file is listed and compared with its stamp.
    /// </summary>
    private async Task<IndexInfo> RefreshCoreAsync(IReadOnlyCollection<string>? paths, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var held = await IndexLock.TryAcquireAsync(_index.Path, LockWait, cancellationToken).ConfigureAwait(false)
                ?? throw new IndexLockedException(_index.Path);
            var watch = Stopwatch.StartNew();
            var (known, recreate) = CatchUpWithCommit();
            var findings = new ConcurrentBag<Finding>();
            var enumerationFindings = new List<Finding>(_settingsFindings);
            // only when nobody else wrote since our last refresh: then the index differs from our state by these paths alone
            var targeted = paths is not null && !recreate && ReferenceEquals(known, _state.Files) ? Target(paths, known) : null;
            List<(KnowledgeRoot Root, SourceFile File, string Key)> sources;
            List<string> vanished = [];
            IEnumerable<(KnowledgeRoot Root, SourceFile File, string Key)> ListRoots() =>
                _roots.SelectMany(root => KnowledgeLoader.Walk(root, enumerationFindings).Select(file => (root, file, IndexFields.KeyOf(root.Name, file.RelativePath))));

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
            if (recreate || vanished.Count > 0 || changed is List<(KnowledgeRoot, SourceFile, string)> { Count: > 0 })
            {
                // Files are parsed and analysed on all cores straight into the writer; only their headers stay in memory.
                using var batch = _index.OpenBatch(recreate);
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
                            batch.Upsert(s.Key, DocumentMapper.Map(doc, stamp));
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
                foreach (var key in deletes)
                {
                    batch.Delete(key);
                    next.Remove(key);
                }

                if (recreate || !updated.IsEmpty || deletes.Count > 0)
                {
                    // a new catalog is built on another core while the commit writes the index out
                    newCatalog = SameCatalog() ? null : Task.Run(() => KnowledgeCatalog.Build(next.Values.Select(f => f.Header)));
                    batch.Commit(Schema);
                }
            }

            var written = watch.ElapsedMilliseconds;
            var allFindings = targeted is null
                ? enumerationFindings.Concat(findings).ToList()
                : old.LoadFindings.Where(f => !sources.Any(s => s.Root.Name == f.Root && s.File.RelativePath == f.Path) && !deletes.Contains(IndexFields.KeyOf(f.Root ?? "", f.Path)))
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
        finally
        {
            _refreshGate.Release();
        }
    }

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
            var key = IndexFields.KeyOf(root.Name, relative);
            if (!KnowledgeLoader.IsMarkdown(relative))
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
    private (IReadOnlyDictionary<string, IndexedFile> Known, bool Recreate) CatchUpWithCommit()
    {
        try
        {
            if (!_index.Exists)
            {
                return (new Dictionary<string, IndexedFile>(), true);
            }

            _index.Open();
            var (generation, schema) = _index.Commit;
            if (schema != Schema)
            {
                return (new Dictionary<string, IndexedFile>(), true);
            }

            if (_state.Loaded && generation == _state.Generation)
            {
                return (_state.Files, false);
            }

            var known = ReadFiles();
            return (known, false);
        }
        catch (Exception ex) when (ex is IOException or Lucene.Net.Index.CorruptIndexException or InvalidOperationException or IndexOutOfRangeException)
        {
            _logger.LogWarning("The index at {Path} is unreadable ({Message}); rebuilding it.", _index.Path, ex.Message);
            return (new Dictionary<string, IndexedFile>(), true);
        }
    }

    private static string? UriOfKey(KnowledgeState state, string key) => FindKey(state.Catalog, key)?.Uri;

    private Dictionary<string, IndexedFile> ReadFiles()
    {
        var files = new Dictionary<string, IndexedFile>(StringComparer.Ordinal);
        foreach (var file in _index.ReadStoredFiles(s => DocumentMapper.ReadHeader(s.HeaderJson) is { } header ? new IndexedFile(s.Key, s.Stamp, header) : null))
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
