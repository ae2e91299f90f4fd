using System.Collections.Concurrent;
using ArchMcp.Core.Catalog;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Indexing;

/// <summary>A file a refresh (re)indexed: whether it is new, and whether its content and its header changed.</summary>
internal readonly record struct FileUpdate(string Key, bool New, bool ContentChanged, bool HeaderChanged);

/// <summary>What one refresh changed: files (re)indexed or unparsable, keys removed, and the files now indexed.</summary>
internal sealed class RefreshChanges(IReadOnlyDictionary<string, IndexedFile> known)
{
    private readonly Lock _gate = new();

    /// <summary>The files the index holds after this refresh.</summary>
    public Dictionary<string, IndexedFile> Next { get; } = new(known, StringComparer.Ordinal);

    public ConcurrentBag<FileUpdate> Updated { get; } = [];

    public ConcurrentBag<string> Failed { get; } = [];

    public ConcurrentBag<Finding> Findings { get; } = [];

    public List<string> Deletes { get; set; } = [];

    /// <summary>The catalog being built while the commit writes, when a header changed.</summary>
    public Task<KnowledgeCatalog>? NewCatalog { get; set; }

    public bool Written => !Updated.IsEmpty || Deletes.Count > 0;

    public void Record(IndexedFile file, FileUpdate update)
    {
        lock (_gate)
        {
            Next[file.Key] = file;
        }

        Updated.Add(update);
    }

    /// <summary>
    /// The catalog holds headers only: when no file came, went or changed its header since <paramref name="old"/>,
    /// the old one still holds.
    /// </summary>
    public bool SameCatalog(RefreshPlan plan, KnowledgeState old) =>
        old.Loaded && ReferenceEquals(plan.Known, old.Files) && Deletes.Count == 0 && !plan.Recreate && Updated.All(u => !u.HeaderChanged);
}
