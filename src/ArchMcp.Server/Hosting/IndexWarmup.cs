using System.Diagnostics;
using ArchMcp.Core;

namespace ArchMcp.Server.Hosting;

/// <summary>
/// Runs the first <see cref="IKnowledgeService.RefreshAsync"/> in the background once the host has started; the
/// server is ready as soon as there is an index to answer from.
/// </summary>
public sealed partial class IndexWarmup(IKnowledgeService knowledge, IKnowledgeIndexer indexer, KnowledgeReadiness readiness, ILogger<IndexWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            // Opens the persisted index and starts the file watcher (when Watch is on), or awaits the opening the
            // stdio host already began. With an index on disk the tools answer from it at once while the refresh
            // below catches up with the files.
            await indexer.StartAsync(stoppingToken).ConfigureAwait(false);
            if (indexer.HasIndex)
            {
                readiness.MarkReady();
            }

            var info = await knowledge.RefreshAsync(progress: null, stoppingToken).ConfigureAwait(false);
            readiness.MarkReady();
            // Timed from the process start: the stdio host begins opening the index before this service starts.
            using var process = Process.GetCurrentProcess();
            LogReady(info.Documents, info.Decisions, info.Rules, (long)(DateTime.Now - process.StartTime).TotalMilliseconds);
            // Start-up (every stored header read, the catalog built, maybe a whole index written) leaves much of the heap
            // as garbage the collector would keep for a long while in a server that then mostly waits: collect it once
            // and give the memory back.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            readiness.MarkFailed(new OperationCanceledException("The server is shutting down."));
        }
        catch (Exception ex)
        {
            readiness.MarkFailed(ex);
            LogFailed(ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Index ready: {Documents} documents, {Decisions} decisions, {Rules} rules, {Elapsed} ms after the process started")]
    private partial void LogReady(int documents, int decisions, int rules, long elapsed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Indexing failed: {Message}")]
    private partial void LogFailed(string message);
}
