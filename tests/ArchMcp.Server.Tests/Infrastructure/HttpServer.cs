using System.Net;
using System.Net.Sockets;
using ArchMcp.Server.Cli;
using ArchMcp.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;

namespace ArchMcp.Server.Tests.Infrastructure;

/// <summary>`archmcp serve --http` in process on a real Kestrel loopback port.</summary>
public sealed class HttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly KnowledgeFolder _folder;

    private HttpServer(WebApplication app, KnowledgeFolder folder)
    {
        _app = app;
        _folder = folder;
        BaseAddress = new Uri(app.Urls.First());
        Http = new HttpClient { BaseAddress = BaseAddress };
    }

    public Uri BaseAddress { get; }

    public KnowledgeFolder Folder => _folder;

    public Uri McpEndpoint => new(BaseAddress, "/mcp");

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<HttpServer> StartAsync(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var folder = new KnowledgeFolder();
        var app = HttpHost.Build(ParseServe(folder), "http://127.0.0.1:0", Settings(settings), configureServices);
        await app.StartAsync();
        return new HttpServer(app, folder);
    }

    public static System.CommandLine.ParseResult ParseServe(KnowledgeFolder folder) =>
        ArchMcpCli.BuildRootCommand().Parse(["serve", "--http", "--knowledge", folder.Knowledge, "--index", folder.Index]);

    public static Dictionary<string, string?> Settings(Dictionary<string, string?>? settings)
    {
        var all = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return all;
    }

    /// <summary>
    /// An HTTP client whose connections leave from <paramref name="localAddress"/> (e.g. 127.0.0.2: on Linux all of
    /// 127.0.0.0/8 is loopback), so the server sees another client address.
    /// </summary>
    public HttpClient HttpFrom(string localAddress) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = BaseAddress };

    public Task<McpClient> ConnectAsync(string protocolVersion, string? token = null) => McpClient.CreateAsync(
        new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = McpEndpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = token is null ? null : new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        }),
        new McpClientOptions { ProtocolVersion = protocolVersion });

    private int _disposed;

    /// <summary>Stops the server (its log lines are all written when this returns) and deletes its folder; idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _folder.Dispose();
    }
}
