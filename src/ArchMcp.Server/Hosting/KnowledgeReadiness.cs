using ArchMcp.Core;

namespace ArchMcp.Server.Hosting;

/// <summary>
/// Completes when there is an index to answer from (the persisted one, or the first refresh's). The server answers
/// initialize at once; requests that need the knowledge wait here, so the client is never kept waiting for a handshake.
/// A first refresh that failed (a full disk) leaves the server not ready until a retry gives it an index.
/// </summary>
public sealed class KnowledgeReadiness(IKnowledgeIndexer indexer)
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompletedSuccessfully || HasIndex;

    /// <summary>Why the index is behind the files (a refresh failed and is being retried); null when it is not.</summary>
    public string? Behind => indexer.Behind;

    /// <summary>Waits for the first refresh; rethrows its failure (a missing knowledge folder, a locked index).</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => HasIndex ? Task.CompletedTask : _ready.Task.WaitAsync(cancellationToken);

    public void MarkReady() => _ready.TrySetResult();

    public void MarkFailed(Exception error) => _ready.TrySetException(error);

    /// <summary>
    /// The /readyz answer: 200 "ready" when answers come from an index that is up to date (or catching up normally);
    /// 503 while there is none yet, and 503 "index behind the files" while a failed refresh is being retried (the
    /// last good commit still answers).
    /// </summary>
    public (int Status, string Text) Report() =>
        !IsReady ? (503, "indexing")
        : Behind is { } behind ? (503, $"index behind the files: {behind}")
        : (200, "ready");

    private bool HasIndex => _ready.Task.IsFaulted && indexer.HasIndex;
}
