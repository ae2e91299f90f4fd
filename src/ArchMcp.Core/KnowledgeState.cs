using ArchMcp.Core.Catalog;
using ArchMcp.Core.Indexing;
using ArchMcp.Core.Lint;
using ArchMcp.Core.Model;

namespace ArchMcp.Core;

/// <summary>An immutable snapshot of what is indexed; a refresh replaces it as a whole.</summary>
internal sealed record KnowledgeState(
    bool Loaded,
    IReadOnlyDictionary<string, IndexedFile> Files,
    KnowledgeCatalog Catalog,
    IReadOnlyList<Finding> LoadFindings,
    long Generation,
    DateTimeOffset? IndexedAt)
{
    /// <summary>Answers given from this snapshot; they die with it when a refresh replaces the snapshot.</summary>
    internal AnswerCache Answers { get; } = new();

    private LintReport? _lint;

    /// <summary>The lint report of this snapshot, made on first use (a full lint of a large index takes seconds).</summary>
    internal LintReport Lint => LazyInitializer.EnsureInitialized(ref _lint, () => KnowledgeLinter.Lint(Catalog, LoadFindings));

    public static readonly KnowledgeState Empty = new(false, new Dictionary<string, IndexedFile>(), KnowledgeCatalog.Build([]), [], 0, null);
}
