namespace ArchMcp.Server.Hosting;

/// <summary>
/// Completes when there is an index to answer from (the persisted one, or the first refresh's). The server answers
/// initialize at once; requests that need the knowledge wait here, so the client is never kept waiting for a handshake.
/// </summary>
public sealed class KnowledgeReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    /// <summary>Waits for the first refresh; rethrows its failure (a missing knowledge folder, a locked index).</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    public void MarkReady() => _ready.TrySetResult();

    public void MarkFailed(Exception error) => _ready.TrySetException(error);
}
