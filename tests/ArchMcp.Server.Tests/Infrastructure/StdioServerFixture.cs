namespace ArchMcp.Server.Tests.Infrastructure;

/// <summary>One server shared by the read-only tests of a class.</summary>
public sealed class StdioServerFixture : IAsyncLifetime
{
    private StdioServer? _server;

    public StdioServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _server = await StdioServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
