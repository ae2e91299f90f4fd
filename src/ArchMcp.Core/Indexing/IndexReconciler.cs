using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;
using ArchMcp.Search;
using Microsoft.Extensions.Logging;

namespace ArchMcp.Core.Indexing;

/// <summary>A knowledge file found on disk, with the index key it is stored, changed and deleted under.</summary>
internal readonly record struct ListedFile(KnowledgeRoot Root, SourceFile File, string Key);

/// <summary>
/// What a refresh has to do: the files the last commit holds (<see cref="Known"/>), the files to (re)index and the
/// keys that are gone. When <see cref="Recreate"/> is set, <see cref="Changed"/> lists the roots lazily and fills
/// <see cref="Sources"/> as it goes, so files are indexed while the roots are still being listed. <see cref="Schema"/>
/// is what the commit is stamped with.
/// </summary>
internal sealed record RefreshPlan(
    IReadOnlyDictionary<string, IndexedFile> Known,
    bool Recreate,
    bool Targeted,
    bool FoldersChanged,
    List<ListedFile> Sources,
    List<string> Vanished,
    IEnumerable<ListedFile> Changed,
    List<Finding> ListingFindings,
    string Schema)
{
    /// <summary>True when files are to be indexed or removed (a recreation always is, even of empty roots).</summary>
    public bool HasChanges => Recreate || Vanished.Count > 0 || Changed is List<ListedFile> { Count: > 0 };

    /// <summary>How many files are to be indexed; while the roots are still being listed, how many are listed so far.</summary>
    public int Total => Changed is List<ListedFile> list ? list.Count : Sources.Count;
}

/// <summary>
/// Compares the files on disk with the index's last commit: which files the commit holds (another process may have
/// written it), and which files changed, came or went since — all of them by listing the roots, or only those behind
/// the paths a watcher reported.
/// </summary>
internal sealed class IndexReconciler(IReadOnlyList<KnowledgeRoot> roots, ISearchIndex index, ILogger logger)
{
    /// <summary>
    /// The plan for one refresh from <paramref name="state"/>. With <paramref name="paths"/> only those are looked at,
    /// and only when nobody else wrote since <paramref name="state"/> (else the index differs from it by more than these).
    /// </summary>
    public RefreshPlan Plan(IReadOnlyCollection<string>? paths, KnowledgeState state, IReadOnlyList<Finding> settingsFindings, IndexUnavailableException? cannotWrite)
    {
        var schema = CommitSchema();
        var (known, recreate) = CatchUpWithCommit(state, cannotWrite, schema);
        var listingFindings = new List<Finding>(settingsFindings);
        var foldersChanged = false;
        if (paths is not null && !recreate && ReferenceEquals(known, state.Files))
        {
            if (Target(paths, known) is { } targeted)
            {
                return new RefreshPlan(known, false, true, false, targeted.Sources, targeted.Vanished, ChangedOf(targeted.Sources, known), listingFindings, schema);
            }

            // a folder came, went or moved: only a full listing tells what changed
            foldersChanged = true;
        }

        if (recreate)
        {
            // Nothing is kept from before, so every file is indexed: each is read as soon as it is listed, instead
            // of one core listing the roots while the other waits.
            var listed = new List<ListedFile>();
            var changed = ListRoots(listingFindings).Select(s =>
            {
                listed.Add(s);
                return s;
            });
            return new RefreshPlan(known, true, false, foldersChanged, listed, [], changed, listingFindings, schema);
        }

        List<ListedFile> sources = [.. ListRoots(listingFindings)];
        var present = sources.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        List<string> vanished = [.. known.Keys.Where(k => !present.Contains(k))];
        return new RefreshPlan(known, false, false, foldersChanged, sources, vanished, ChangedOf(sources, known), listingFindings, schema);
    }

    /// <summary>
    /// What a commit is stamped with: <see cref="KnowledgeIndexer.Schema"/> and the fingerprints of the roots' settings
    /// files, so that an index made under other settings is made again (the settings change how every file is read).
    /// </summary>
    private string CommitSchema() =>
        string.Concat(roots.Select(r => RootSettings.Of(r).Fingerprint is { Length: > 0 } f ? $"+{r.Name}:{f}" : "").Prepend(KnowledgeIndexer.Schema));

    /// <summary>The files the index holds, with their stamps and headers, read from its last commit.</summary>
    public Dictionary<string, IndexedFile> ReadFiles()
    {
        var files = new Dictionary<string, IndexedFile>(StringComparer.Ordinal);
        foreach (var file in index.ReadStoredFiles(s => DocumentMapper.ReadHeader(s.HeaderJson) is { } header ? new IndexedFile(s.Key, new FileStamp(s.Size, s.ModifiedTicks, s.Hash), header) : null))
        {
            files[file.Key] = file;
        }

        return files;
    }

    private IEnumerable<ListedFile> ListRoots(List<Finding> findings) =>
        roots.SelectMany(root => KnowledgeLoader.Walk(root, findings).Select(file => new ListedFile(root, file, IndexKey.Of(root.Name, file.RelativePath))));

    /// <summary>The files whose size or modification time differ from the index's stamp, or that it does not hold.</summary>
    private static List<ListedFile> ChangedOf(List<ListedFile> all, IReadOnlyDictionary<string, IndexedFile> known) =>
        [.. all.Where(s => !known.TryGetValue(s.Key, out var k) || k.Stamp.Size != s.File.Length || k.Stamp.ModifiedTicks != s.File.LastWriteUtc.UtcTicks)];

    /// <summary>
    /// The files behind the changed <paramref name="paths"/>: those to (re)index and the known ones that are gone. Null
    /// when a folder appeared, moved or vanished: then only a full listing tells what changed.
    /// </summary>
    private (List<ListedFile> Sources, List<string> Vanished)? Target(IReadOnlyCollection<string> paths, IReadOnlyDictionary<string, IndexedFile> known)
    {
        var sources = new List<ListedFile>();
        var vanished = new List<string>();
        foreach (var path in paths)
        {
            var root = roots.FirstOrDefault(r => path.StartsWith(Path.TrimEndingDirectorySeparator(r.Path) + Path.DirectorySeparatorChar, StringComparison.Ordinal));
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
                sources.Add(new ListedFile(root, file, key));
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
    /// corrupt or older-schema index is to be recreated. Without a writer (<paramref name="cannotWrite"/>) an index
    /// that would need recreating is an error.
    /// </summary>
    private (IReadOnlyDictionary<string, IndexedFile> Known, bool Recreate) CatchUpWithCommit(KnowledgeState state, IndexUnavailableException? cannotWrite, string expectedSchema)
    {
        try
        {
            if (!index.Exists)
            {
                return cannotWrite is null ? (new Dictionary<string, IndexedFile>(), true) : throw cannotWrite;
            }

            index.Open();
            var (generation, schema) = index.Commit;
            if (schema != expectedSchema)
            {
                return cannotWrite is null ? (new Dictionary<string, IndexedFile>(), true) : throw cannotWrite;
            }

            return state.Loaded && generation == state.Generation ? (state.Files, false) : (ReadFiles(), false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or IndexOutOfRangeException or ArgumentException)
        {
            if (cannotWrite is not null)
            {
                throw new IndexUnavailableException($"The index at '{index.Path}' is corrupt ({ex.Message}) and cannot be rebuilt: {cannotWrite.Message}", ex);
            }

            logger.LogWarning("The index at {Path} is corrupt ({Message}); rebuilding it from the knowledge files.", index.Path, ex.Message);
            if (ex is not (FileNotFoundException or DirectoryNotFoundException))
            {
                // no writer opens, not even one that recreates the index, over a commit it cannot read
                index.Wipe();
            }

            return (new Dictionary<string, IndexedFile>(), true);
        }
    }
}
