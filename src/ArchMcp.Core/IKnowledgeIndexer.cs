namespace ArchMcp.Core;

/// <summary>
/// The index's life cycle as the hosts drive it: open the persisted index (and start watching the roots), tell
/// whether there is an index to answer from and whether it is behind the files, and verify it. The same singleton as
/// <see cref="IKnowledgeService"/> implements it, so no host needs the concrete engine.
/// </summary>
public interface IKnowledgeIndexer
{
    /// <summary>True once there is an index to answer from: the persisted one, or the first refresh's.</summary>
    bool HasIndex { get; }

    /// <summary>
    /// Why the index is behind the files (its last refresh failed: a full disk, a read-only folder, a lock held too
    /// long); null when the last refresh succeeded.
    /// </summary>
    string? Behind { get; }

    /// <summary>Starts serving: opens the persisted index and begins catching up (and watching, when configured).</summary>
    Task StartAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks the whole last commit; a corrupt index is removed so the next refresh rebuilds it. Returns what was wrong,
    /// or null when the index is sound (or there is none yet).
    /// </summary>
    Task<string?> VerifyAsync(CancellationToken cancellationToken = default);
}
