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
    public const string Schema = "6";

    /// <summary>How long a refresh waits for another process that is writing the same index.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(60);

    public async Task<IndexInfo> RefreshAsync(IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default)
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
            var enumerationFindings = new List<Finding>();
            var sources = new List<(KnowledgeRoot Root, SourceFile File, string Key)>();
            foreach (var root in _roots)
            {
                foreach (var file in KnowledgeLoader.Enumerate(root, enumerationFindings))
                {
                    sources.Add((root, file, IndexFields.KeyOf(root.Name, file.RelativePath)));
                }
            }

            var changed = sources
                .Where(s => recreate || !known.TryGetValue(s.Key, out var k) || k.Stamp.Size != s.File.Length || k.Stamp.ModifiedTicks != s.File.LastWriteUtc.UtcTicks)
                .ToList();
            var present = sources.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
            var vanished = known.Keys.Where(k => !present.Contains(k)).ToList();
            var next = new Dictionary<string, IndexedFile>(known, StringComparer.Ordinal);
            var updated = new ConcurrentBag<(string Key, bool New, bool ContentChanged)>();
            var failed = new ConcurrentBag<string>();
            if (changed.Count > 0 || vanished.Count > 0 || recreate)
            {
                // Files are parsed and analysed on all cores straight into the writer; only their headers stay in memory.
                using var batch = _index.OpenBatch(recreate);
                var gate = new object();
                var done = 0;
                Parallel.ForEach(changed, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, s =>
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
                            lock (gate)
                            {
                                next[s.Key] = new IndexedFile(s.Key, stamp, DocumentMapper.Header(doc));
                            }

                            updated.Add((s.Key, before is null, before?.Stamp.Hash != stamp.Hash));
                        }
                    }
                    else
                    {
                        failed.Add(s.Key);
                    }

                    var n = Interlocked.Increment(ref done);
                    if (progress is not null && (n % 100 == 0 || n == changed.Count))
                    {
                        progress.Report(new IndexProgress(n, changed.Count, s.File.RelativePath));
                    }
                });

                foreach (var key in vanished.Concat(failed.Where(known.ContainsKey)))
                {
                    batch.Delete(key);
                    next.Remove(key);
                }

                if (recreate || !updated.IsEmpty || vanished.Count > 0 || failed.Any(known.ContainsKey))
                {
                    batch.Commit(Schema);
                }
            }

            var deletes = vanished.Concat(failed.Where(known.ContainsKey)).ToList();
            var allFindings = enumerationFindings.Concat(findings).ToList();
            var old = _state;
            var unchanged = old.Loaded && ReferenceEquals(known, old.Files) && deletes.Count == 0 && updated.IsEmpty && !recreate;
            var catalog = unchanged ? old.Catalog : KnowledgeCatalog.Build(next.Values.Select(f => f.Header));
            _state = new KnowledgeState(true, unchanged ? old.Files : next, catalog, allFindings, _index.Commit.Generation, DateTimeOffset.UtcNow);
            _logger.LogInformation("Indexed {Changed} changed of {Total} files ({Deleted} removed) in {Ms} ms.",
                updated.Count, sources.Count, deletes.Count, watch.ElapsedMilliseconds);
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

            var known = ReadFiles(_index.ReadStoredFiles());
            return (known, false);
        }
        catch (Exception ex) when (ex is IOException or Lucene.Net.Index.CorruptIndexException or InvalidOperationException or IndexOutOfRangeException)
        {
            _logger.LogWarning("The index at {Path} is unreadable ({Message}); rebuilding it.", _index.Path, ex.Message);
            return (new Dictionary<string, IndexedFile>(), true);
        }
    }

    private static string? UriOfKey(KnowledgeState state, string key) => FindKey(state.Catalog, key)?.Uri;

    private static Dictionary<string, IndexedFile> ReadFiles(IEnumerable<StoredFile> stored)
    {
        var files = new Dictionary<string, IndexedFile>(StringComparer.Ordinal);
        foreach (var s in stored)
        {
            if (DocumentMapper.ReadHeader(s.HeaderJson) is { } header)
            {
                files[s.Key] = new IndexedFile(s.Key, s.Stamp, header);
            }
        }

        return files;
    }

    private KnowledgeState BuildState(IEnumerable<StoredFile> stored, IReadOnlyList<Finding> findings, DateTimeOffset? indexedAt)
    {
        var files = ReadFiles(stored);
        return new KnowledgeState(true, files, KnowledgeCatalog.Build(files.Values.Select(f => f.Header)), findings, _index.Commit.Generation, indexedAt);
    }
}
