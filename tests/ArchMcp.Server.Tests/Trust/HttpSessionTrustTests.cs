using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ArchMcp.Server.Mcp;
using ArchMcp.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace ArchMcp.Server.Tests.Trust;

/// <summary>
/// The HTTP side of the trust issues (#23 item 7, #29 items 6, 7, 8 and 15): bodies bounded on the bytes read,
/// subscriptions bounded and freed, work cancelled with its client, sessions capped and bound to their client,
/// failures logged in one line, and origins compared with their port.
/// </summary>
public sealed class HttpSessionTrustTests
{
    private const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""";

    private const string Initialized = """{"jsonrpc":"2.0","method":"notifications/initialized"}""";

    // #23 item 7, #29 item 15: the limit holds on the bytes read, not on a Content-Length the client may leave out.
    [Theory]
    [InlineData(2 * 1024 * 1024)]
    [InlineData(10 * 1024 * 1024)]
    public async Task Mcp_WhenChunkedBodyOverLimit_Returns413WithJsonRpcError(int size)
    {
        await using var server = await HttpServer.StartAsync();
        using var request = Request(HttpMethod.Post, null);
        request.Content = new ChunkedContent(Encoding.UTF8.GetBytes(Initialize.Replace("\"test\"", $"\"{new string('x', size)}\"")));

        using var response = await server.Http.SendAsync(request);

        Assert.Null(request.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertJsonRpcErrorAsync(response);
    }

    [Fact]
    public async Task Mcp_WhenChunkedBodyUnderLimit_IsServed()
    {
        await using var server = await HttpServer.StartAsync();
        using var request = Request(HttpMethod.Post, null);
        request.Content = new ChunkedContent(Encoding.UTF8.GetBytes(Initialize));

        using var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Mcp-Session-Id"));
    }

    // #29 item 15
    [Fact]
    public async Task Mcp_WhenContentTypeMissing_Returns415()
    {
        await using var server = await HttpServer.StartAsync();
        using var request = Request(HttpMethod.Post, null);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Initialize));

        using var response = await server.Http.SendAsync(request);

        Assert.Null(request.Content.Headers.ContentType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await AssertJsonRpcErrorAsync(response);
    }

    // #29 item 15: a page on another local port is another origin.
    [Theory]
    [InlineData("http://localhost:9999")]
    [InlineData("http://127.0.0.1:9999")]
    [InlineData("https://localhost:{port}")]
    public async Task Mcp_WhenOriginIsLoopbackButNotThisServer_Returns403(string origin)
    {
        await using var server = await HttpServer.StartAsync();
        using var request = Post(Initialize);
        request.Headers.Add("Origin", origin.Replace("{port}", server.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        using var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertJsonRpcErrorAsync(response);
    }

    [Theory]
    [InlineData("http://localhost:{port}")]
    [InlineData("http://127.0.0.1:{port}")]
    public async Task Mcp_WhenOriginIsThisServer_IsServed(string origin)
    {
        await using var server = await HttpServer.StartAsync();
        using var request = Post(Initialize);
        request.Headers.Add("Origin", origin.Replace("{port}", server.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        using var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Mcp_WhenOriginMatchesPublishedPortInHost_IsServed()
    {
        // a container port published on another host port: the browser's Origin and Host carry that port
        await using var server = await HttpServer.StartAsync();
        using var request = Post(Initialize);
        request.Headers.Host = "localhost:8080";
        request.Headers.Add("Origin", "http://localhost:8080");

        using var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Mcp_WhenOriginHostConfigured_IsServedOnAnyPort()
    {
        await using var server = await HttpServer.StartAsync(new() { ["Server:AllowedHosts:0"] = "archmcp.internal" });
        using var request = Post(Initialize);
        request.Headers.Add("Origin", "https://archmcp.internal");

        using var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // #29 item 15: refused and failed requests are one log line each, never a stack trace.
    [Fact]
    public async Task Mcp_WhenRequestsFail_LogsNoStackTrace()
    {
        var logs = new CapturedLogs();
        await using var server = await HttpServer.StartAsync(configureServices: services => services.AddSingleton<ILoggerProvider>(logs));
        using (var chunked = Request(HttpMethod.Post, null))
        {
            chunked.Content = new ChunkedContent(new byte[2 * 1024 * 1024]);
            chunked.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await server.Http.SendAsync(chunked);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }

        using (var untyped = Request(HttpMethod.Post, null))
        {
            untyped.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Initialize));
            using var response = await server.Http.SendAsync(untyped);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        }

        using (var partial = Request(HttpMethod.Post, null))
        using (var gone = new CancellationTokenSource())
        {
            // a client that stops in the middle of its body, then goes away
            var halfSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            partial.Content = new StalledContent(Encoding.UTF8.GetBytes(Initialize[..40]), halfSent);
            var sending = server.Http.SendAsync(partial, gone.Token);
            await halfSent.Task.WaitAsync(TimeSpan.FromSeconds(10));
            await gone.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        }

        await server.DisposeAsync(); // every log line of the requests has been written
        AssertNoStackTraces(logs);
    }

    private static void AssertNoStackTraces(CapturedLogs logs)
    {
        var traces = logs.Entries.Where(e => e.Level >= LogLevel.Warning && (e.Exception is not null || e.Text.Contains('\n', StringComparison.Ordinal))).ToList();
        Assert.True(traces.Count == 0, string.Join("\n---\n", traces.Select(e => $"{e.Level} {e.Category}: {e.Text}")));
    }

    // #29 item 6
    [Fact]
    public async Task Subscribe_WhenUriUnknown_IsRefusedAndNotKept()
    {
        await using var server = await HttpServer.StartAsync();
        await using var client = await server.ConnectAsync("2025-11-25");

        var unknown = await Assert.ThrowsAsync<McpProtocolException>(() => client.SubscribeToResourceAsync("arch://decisions/ADR-9999"));
        var foreign = await Assert.ThrowsAsync<McpProtocolException>(() => client.SubscribeToResourceAsync("file:///etc/passwd"));

        Assert.Equal(McpErrorCode.ResourceNotFound, unknown.ErrorCode);
        Assert.Equal(McpErrorCode.ResourceNotFound, foreign.ErrorCode);
        Assert.Empty(server.Services.GetRequiredService<McpSessions>().All.Single().Subscriptions);
    }

    [Fact]
    public async Task Subscribe_WhenUriIsHuge_IsRefusedWithTheLimit()
    {
        await using var server = await HttpServer.StartAsync();
        await using var client = await server.ConnectAsync("2025-11-25");

        var ex = await Assert.ThrowsAsync<McpProtocolException>(() => client.SubscribeToResourceAsync("arch://decisions/" + new string('a', 900 * 1024)));

        Assert.Equal(McpErrorCode.InvalidParams, ex.ErrorCode);
        Assert.Contains("1024", ex.Message, StringComparison.Ordinal);
        Assert.Empty(server.Services.GetRequiredService<McpSessions>().All.Single().Subscriptions);
    }

    [Fact]
    public async Task Subscribe_WhenSessionHoldsItsLimit_IsRefusedUntilOneIsDropped()
    {
        await using var server = await HttpServer.StartAsync(new() { ["Server:MaxSubscriptionsPerSession"] = "2" });
        await using var client = await server.ConnectAsync("2025-11-25");
        await client.SubscribeToResourceAsync("arch://decisions/ADR-0001");
        await client.SubscribeToResourceAsync("arch://decisions/ADR-0002");
        await client.SubscribeToResourceAsync("arch://decisions/ADR-0002"); // already held: not a new one

        var ex = await Assert.ThrowsAsync<McpProtocolException>(() => client.SubscribeToResourceAsync("arch://index"));
        await client.UnsubscribeFromResourceAsync("arch://decisions/ADR-0001");
        await client.SubscribeToResourceAsync("arch://index");

        Assert.Equal(McpErrorCode.InvalidParams, ex.ErrorCode);
        Assert.Contains("2 subscriptions", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["arch://decisions/ADR-0002", "arch://index"], server.Services.GetRequiredService<McpSessions>().All.Single().Subscriptions.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Subscribe_WhenSessionDeleted_SubscriptionsAreFreed()
    {
        await using var server = await HttpServer.StartAsync();
        var sessions = server.Services.GetRequiredService<McpSessions>();
        var client = await server.ConnectAsync("2025-11-25");
        await client.SubscribeToResourceAsync("arch://decisions/ADR-0001");
        var session = sessions.All.Single();

        await client.DisposeAsync(); // DELETE /mcp

        await WaitUntilAsync(() => sessions.Count == 0, "the deleted session to be dropped");
        Assert.Empty(session.Subscriptions);
    }

    // #29 item 7: the HTTP client going away cancels the tool call's work.
    [Fact]
    public async Task ToolCall_WhenHttpClientDisconnects_IsCancelled()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var logs = new CapturedLogs();
        var tool = McpServerTool.Create(
            async (CancellationToken cancellationToken) =>
            {
                started.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    cancelled.TrySetResult();
                    throw;
                }

                return "never";
            },
            new McpServerToolCreateOptions { Name = "wait_for_cancellation" });
        await using var server = await HttpServer.StartAsync(configureServices: services => services.AddSingleton(tool).AddSingleton<ILoggerProvider>(logs));
        var sessionId = await OpenSessionAsync(server.Http);

        using var call = Post("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"wait_for_cancellation","arguments":{}}}""", sessionId);
        using var disconnect = new CancellationTokenSource();
        // The answer is an event stream: its headers may come at once; the client then waits on the body.
        var reading = Task.Run(async () =>
        {
            using var response = await server.Http.SendAsync(call, HttpCompletionOption.ResponseHeadersRead, disconnect.Token);
            await using var body = await response.Content.ReadAsStreamAsync(disconnect.Token);
            await body.CopyToAsync(Stream.Null, disconnect.Token);
        });
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await disconnect.CancelAsync(); // aborts the connection, as a client that goes away does
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);

        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await server.DisposeAsync(); // every log line of the call has been written
        AssertNoStackTraces(logs);
    }

    // #29 item 8: a flood of initialize calls is refused before it can push a live session out.
    [Fact]
    public async Task Initialize_WhenClientFloods_IsRefusedAtTheCapsAndLiveSessionKeepsWorking()
    {
        await using var server = await HttpServer.StartAsync(new() { ["Server:MaxSessionsPerClient"] = "2", ["Server:MaxSessions"] = "3" });
        await using var live = await server.ConnectAsync("2025-11-25");
        using var flooder = server.HttpFrom("127.0.0.2");
        using var other = server.HttpFrom("127.0.0.3");

        var flood = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await flooder.SendAsync(Post(Initialize));
            flood.Add(response.StatusCode);
        }

        using var third = await other.SendAsync(Post(Initialize));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 4)], flood);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, third.StatusCode);
        await AssertJsonRpcErrorAsync(third);
        Assert.Equal(8, (await live.ListToolsAsync()).Count);
    }

    [Fact]
    public async Task Delete_WhenSessionOpenedByAnotherClient_IsRefusedAndSessionLives()
    {
        await using var server = await HttpServer.StartAsync();
        await using var owner = await server.ConnectAsync("2025-11-25");
        using var intruder = server.HttpFrom("127.0.0.2");

        using var delete = Request(HttpMethod.Delete, owner.SessionId);
        using var response = await intruder.SendAsync(delete);
        using var call = await intruder.SendAsync(Post("""{"jsonrpc":"2.0","id":2,"method":"tools/list"}""", owner.SessionId));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, call.StatusCode);
        Assert.Equal(8, (await owner.ListToolsAsync()).Count);
    }

    [Fact]
    public async Task Initialize_WhenSessionAlreadyInitialized_Returns400()
    {
        await using var server = await HttpServer.StartAsync();
        var sessionId = await OpenSessionAsync(server.Http);

        using var again = await server.Http.SendAsync(Post(Initialize, sessionId));

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        await AssertJsonRpcErrorAsync(again);
    }

    [Fact]
    public async Task Session_WhenIdleLongerThanTimeout_IsClosed()
    {
        await using var server = await HttpServer.StartAsync(new() { ["Server:SessionIdleTimeoutSeconds"] = "1" });
        var sessions = server.Services.GetRequiredService<McpSessions>();
        var sessionId = await OpenSessionAsync(server.Http);
        Assert.Equal(1, sessions.Count);

        // the SDK checks idle sessions every 5 seconds
        await WaitUntilAsync(() => sessions.Count == 0, "the idle session to be closed", TimeSpan.FromSeconds(30));
        using var late = await server.Http.SendAsync(Post("""{"jsonrpc":"2.0","id":2,"method":"tools/list"}""", sessionId));

        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
    }

    private static async Task<string> OpenSessionAsync(HttpClient http)
    {
        using var response = await http.SendAsync(Post(Initialize));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sessionId = response.Headers.GetValues("Mcp-Session-Id").Single();
        await response.Content.ReadAsStringAsync();
        using var initialized = await http.SendAsync(Post(Initialized, sessionId));
        Assert.Equal(HttpStatusCode.Accepted, initialized.StatusCode);
        return sessionId;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(50);
        }
    }

    private static HttpRequestMessage Request(HttpMethod method, string? sessionId)
    {
        var request = new HttpRequestMessage(method, "/mcp");
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (sessionId is not null)
        {
            request.Headers.Add("Mcp-Session-Id", sessionId);
            request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        }

        return request;
    }

    private static HttpRequestMessage Post(string json, string? sessionId = null)
    {
        var request = Request(HttpMethod.Post, sessionId);
        request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return request;
    }

    private static async Task AssertJsonRpcErrorAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("2.0", body.RootElement.GetProperty("jsonrpc").GetString());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("error").GetProperty("message").GetString()));
    }

    /// <summary>A JSON body of which only the first bytes are ever sent.</summary>
    private sealed class StalledContent : HttpContent
    {
        private readonly byte[] _start;
        private readonly TaskCompletionSource _sent;

        public StalledContent(byte[] start, TaskCompletionSource sent)
        {
            _start = start;
            _sent = sent;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
            Headers.ContentLength = 4096;
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(_start, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            _sent.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 4096;
            return true;
        }
    }

    /// <summary>A body sent with Transfer-Encoding: chunked (no Content-Length).</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedContent(byte[] bytes)
        {
            _bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < _bytes.Length; offset += 64 * 1024)
            {
                await stream.WriteAsync(_bytes.AsMemory(offset, Math.Min(64 * 1024, _bytes.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
