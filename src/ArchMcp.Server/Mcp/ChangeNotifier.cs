using ArchMcp.Core;
using ModelContextProtocol.Protocol;

namespace ArchMcp.Server.Mcp;

/// <summary>
/// Forwards <see cref="IKnowledgeService.Changed"/> to the connected sessions: resources/list_changed to all,
/// resources/updated for each changed URI to the sessions subscribed to it.
/// </summary>
public sealed partial class ChangeNotifier(IKnowledgeService knowledge, McpSessions sessions, ILogger<ChangeNotifier> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        knowledge.Changed += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        knowledge.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(object? sender, KnowledgeChangedEventArgs e) => _ = NotifyAsync(e);

    /// <summary>Sends the notifications for one change to every session; failures are logged per session.</summary>
    public async Task NotifyAsync(KnowledgeChangedEventArgs change)
    {
        foreach (var session in sessions.All)
        {
            try
            {
                if (change.ListChanged)
                {
                    await session.Server.SendNotificationAsync(NotificationMethods.ResourceListChangedNotification).ConfigureAwait(false);
                }

                foreach (var uri in change.ChangedUris.Where(session.Subscriptions.ContainsKey))
                {
                    await session.Server.SendNotificationAsync(
                        NotificationMethods.ResourceUpdatedNotification,
                        new ResourceUpdatedNotificationParams { Uri = uri }).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                LogSendFailed(session.Server.SessionId ?? "stdio", ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not notify session {Session}: {Message}")]
    private partial void LogSendFailed(string session, string message);
}
