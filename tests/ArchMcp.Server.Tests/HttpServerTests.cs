using System.Net;
using System.Text;
using System.Text.Json;
using ArchMcp.Server.Hosting;
using ArchMcp.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ArchMcp.Server.Tests;

public sealed class HttpServerTests
{
    private const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""";

    [Theory]
    [InlineData("2025-11-25")]
    [InlineData("2026-07-28")]
    public async Task CallTool_WhenClientUsesProtocolVersion_Succeeds(string protocolVersion)
    {
        await using var server = await HttpServer.StartAsync();
        await using var client = await server.ConnectAsync(protocolVersion);

        var result = await client.CallToolAsync("get_decision", new Dictionary<string, object?> { ["id"] = "ADR-0004" });

        Assert.Equal(protocolVersion, client.NegotiatedProtocolVersion);
        Assert.NotEqual(true, result.IsError);
        Assert.Equal("ADR-0004", result.StructuredContent!.Value.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Healthz_WhenRunning_ReturnsOk()
    {
        await using var server = await HttpServer.StartAsync();

        var response = await server.Http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_WhenFirstRefreshFinished_Returns200()
    {
        await using var server = await HttpServer.StartAsync();

        // the endpoint itself is under test and raises no event: poll it, bounded at 30 s
        var status = HttpStatusCode.ServiceUnavailable;
        for (var i = 0; i < 300 && status != HttpStatusCode.OK; i++)
        {
            status = (await server.Http.GetAsync("/readyz")).StatusCode;
            if (status != HttpStatusCode.OK)
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
                await Task.Delay(100);
            }
        }

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public void Build_WhenNonLoopbackWithoutToken_ThrowsInsecureBind()
    {
        using var folder = new KnowledgeFolder();

        var ex = Assert.Throws<InsecureBindException>(() => HttpHost.Build(HttpServer.ParseServe(folder), "http://0.0.0.0:0", HttpServer.Settings(null)));

        Assert.Equal("http://0.0.0.0:0", ex.Url);
        Assert.Contains("ARCHMCP_TOKEN", ex.Message);
    }

    [Fact]
    public async Task Build_WhenNonLoopbackWithToken_BindsThereWithTheTokenRequired()
    {
        using var folder = new KnowledgeFolder();

        await using var app = HttpHost.Build(HttpServer.ParseServe(folder), "http://0.0.0.0:0", HttpServer.Settings(new() { ["Server:Token"] = "s3cret" }));

        Assert.Equal("http://0.0.0.0:0", app.Configuration["urls"]);
        Assert.Equal("s3cret", app.Services.GetRequiredService<IOptions<ServerOptions>>().Value.Token);
    }

    [Fact]
    public async Task Mcp_WhenTokenConfiguredAndMissing_Returns401()
    {
        await using var server = await HttpServer.StartAsync(new() { ["Server:Token"] = "s3cret" });

        var response = await server.Http.SendAsync(Post(Initialize));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        await AssertJsonRpcErrorAsync(response);
    }

    [Fact]
    public async Task Mcp_WhenTokenWrong_Returns401()
    {
        await using var server = await HttpServer.StartAsync(new() { ["Server:Token"] = "s3cret" });
        var request = Post(Initialize);
        request.Headers.Authorization = new("Bearer", "s3cre7");

        var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Mcp_WhenTokenValid_ServesClient()
    {
        await using var server = await HttpServer.StartAsync(new() { ["Server:Token"] = "s3cret" });
        await using var client = await server.ConnectAsync("2025-11-25", token: "s3cret");

        var tools = await client.ListToolsAsync();

        Assert.Equal(8, tools.Count);
    }

    [Fact]
    public async Task Mcp_WhenHostForeign_Returns403()
    {
        await using var server = await HttpServer.StartAsync();
        var request = Post(Initialize);
        request.Headers.Host = "attacker.example";

        var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertJsonRpcErrorAsync(response);
    }

    [Fact]
    public async Task Mcp_WhenOriginForeign_Returns403()
    {
        await using var server = await HttpServer.StartAsync();
        var request = Post(Initialize);
        request.Headers.Add("Origin", "http://attacker.example");

        var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Mcp_WhenHostConfigured_IsAllowed()
    {
        await using var server = await HttpServer.StartAsync(new() { ["Server:AllowedHosts:0"] = "archmcp.internal" });
        var request = Post(Initialize);
        request.Headers.Host = "archmcp.internal";

        var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Mcp_WhenBodyOverLimit_Returns413()
    {
        await using var server = await HttpServer.StartAsync(new() { ["Server:MaxRequestBodyBytes"] = "2048" });
        var padding = new string('x', 4096);

        var response = await server.Http.SendAsync(Post(Initialize.Replace("\"test\"", $"\"{padding}\"")));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Mcp_WhenRateLimitExceeded_Returns429()
    {
        await using var server = await HttpServer.StartAsync(new() { ["Server:RequestsPerMinute"] = "2" });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await server.Http.SendAsync(Post(Initialize))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task ResourceUpdated_WhenSubscribedOverHttp_NotifiesSession()
    {
        await using var server = await HttpServer.StartAsync();
        await using var client = await server.ConnectAsync("2025-11-25");
        await client.ListResourcesAsync();
        var updated = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await client.SubscribeToResourceAsync("arch://decisions/ADR-0002", (n, _) =>
        {
            updated.TrySetResult(n.Uri);
            return ValueTask.CompletedTask;
        });

        await File.AppendAllTextAsync(server.Folder.PathOf("decisions/0002-use-lucene-net-as-embedded-index.md"), "\n\nEdited while serving.\n");

        Assert.Equal("arch://decisions/ADR-0002", await updated.Task.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    private static HttpRequestMessage Post(string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return request;
    }

    private static async Task AssertJsonRpcErrorAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("2.0", body.RootElement.GetProperty("jsonrpc").GetString());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("error").GetProperty("message").GetString()));
    }
}
