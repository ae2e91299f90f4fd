using System.Threading.Channels;
using ArchMcp.Server.Tests.Infrastructure;
using ModelContextProtocol.Protocol;

namespace ArchMcp.Server.Tests;

public sealed class NotificationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ResourceUpdated_WhenSubscribedFileEditedOnDisk_NotifiesSubscriber()
    {
        await using var server = await StdioServer.StartAsync();
        await server.Client.ListResourcesAsync(); // the first refresh is done once this answers
        var updates = Channel.CreateUnbounded<string>();
        await server.Client.SubscribeToResourceAsync("arch://decisions/ADR-0004", (n, _) =>
        {
            updates.Writer.TryWrite(n.Uri);
            return ValueTask.CompletedTask;
        });

        var path = server.Folder.PathOf("decisions/0004-use-bm25-similarity.md");
        await File.AppendAllTextAsync(path, "\n\nA line added while the server runs.\n");

        using var timeout = new CancellationTokenSource(Patience);
        Assert.Equal("arch://decisions/ADR-0004", await updates.Reader.ReadAsync(timeout.Token));
    }

    [Fact]
    public async Task ResourceListChanged_WhenDecisionAddedOnDisk_NotifiesClient()
    {
        await using var server = await StdioServer.StartAsync();
        await server.Client.ListResourcesAsync();
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var handler = server.Client.RegisterNotificationHandler(NotificationMethods.ResourceListChangedNotification, (_, _) =>
        {
            changed.TrySetResult();
            return ValueTask.CompletedTask;
        });

        await File.WriteAllTextAsync(server.Folder.PathOf("decisions/0005-use-opentelemetry.md"),
            "---\nstatus: accepted\ndate: 2026-11-20\n---\n# Use OpenTelemetry for tracing\n\n## Context and Problem Statement\n\nWe need traces.\n");

        await changed.Task.WaitAsync(Patience);
        var resources = await server.Client.ListResourcesAsync();
        Assert.Contains(resources, r => r.Uri == "arch://decisions/ADR-0005");
    }
}
