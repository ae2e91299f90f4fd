using System.IO.Pipelines;
using ArchMcp.Server.Cli;
using ArchMcp.Server.Hosting;
using Microsoft.Extensions.Hosting;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace ArchMcp.Server.Tests.Infrastructure;

/// <summary>
/// `archmcp serve` in process over two pipes (the SDK's own test pattern), with the SDK's client connected:
/// the same host, composition and transport code as stdio, minus the console.
/// </summary>
public sealed class StdioServer : IAsyncDisposable
{
    private readonly IHost _host;

    private StdioServer(KnowledgeFolder folder, IHost host, McpClient client)
    {
        Folder = folder;
        _host = host;
        Client = client;
    }

    public KnowledgeFolder Folder { get; }

    public McpClient Client { get; }

    public IServiceProvider Services => _host.Services;

    /// <param name="folder">The knowledge (first root) and index; a fresh copy of the test knowledge when null.</param>
    /// <param name="clientOptions">The client's options; protocol 2025-11-25 when null.</param>
    /// <param name="moreArgs">More `serve` arguments, e.g. another root: ["--knowledge", "shipped=/path"].</param>
    public static async Task<StdioServer> StartAsync(KnowledgeFolder? folder = null, McpClientOptions? clientOptions = null, IEnumerable<string>? moreArgs = null)
    {
        folder ??= new KnowledgeFolder();
        var parse = ArchMcpCli.BuildRootCommand().Parse(["serve", "--knowledge", folder.Knowledge, "--index", folder.Index, .. moreArgs ?? []]);
        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        var host = StdioHost.Build(parse, clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream(),
            [new("Logging:LogLevel:Default", "Warning")]);
        await host.StartAsync();
        var client = await McpClient.CreateAsync(
            new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream()),
            clientOptions ?? new McpClientOptions { ProtocolVersion = "2025-11-25" });
        return new StdioServer(folder, host, client);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await _host.StopAsync();
        _host.Dispose();
        Folder.Dispose();
    }
}
