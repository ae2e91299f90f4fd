using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArchMcp.Tests.Shared;
using Xunit.Abstractions;

namespace ArchMcp.Server.Tests.Trust;

/// <summary>
/// Protocol abuse over stdio against the real <c>archmcp serve</c> process: garbage, truncated, oversized and
/// batched JSON-RPC lines, syntax bombs and wrong argument types through tools/call, hostile resource URIs. Every
/// request with an id gets a readable error (or an isError result), nothing leaks a stack trace, and a ping
/// afterwards is answered.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class StdioAbuseTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Reply = TimeSpan.FromSeconds(30);

    public static TheoryData<string, string> Garbage() => new()
    {
        { "not-json", "garbage" },
        { "open-brace", "{" },
        { "truncated-request", "{\"jsonrpc\":\"2.0\",\"id\":9001,\"method\":\"tools/ca" },
        { "empty-object", "{}" },
        { "empty-array", "[]" },
        { "array-of-numbers", "[1,2,3]" },
        { "null", "null" },
        { "number", "123" },
        { "string", "\"str\"" },
        { "wrong-version", "{\"jsonrpc\":\"1.0\",\"id\":9002,\"method\":\"ping\"}" },
        { "id-object", "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}" },
        { "method-number", "{\"jsonrpc\":\"2.0\",\"id\":9003,\"method\":42}" },
        { "batch", "[{\"jsonrpc\":\"2.0\",\"id\":9004,\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"id\":9005,\"method\":\"ping\"}]" },
        { "deep-nesting", "{\"jsonrpc\":\"2.0\",\"id\":9006,\"method\":\"tools/call\",\"params\":" + new string('[', 5000) + new string(']', 5000) + "}" },
        { "nul-and-controls", "{\"jsonrpc\":\"2.0\",\u0000\u0001\u001b[31m}" },
        { "lone-surrogate-escape", "{\"jsonrpc\":\"2.0\",\"id\":9007,\"method\":\"tools/call\",\"params\":{\"name\":\"search_knowledge\",\"arguments\":{\"query\":\"\\ud800 kafka\"}}}" },
        { "result-without-request", "{\"jsonrpc\":\"2.0\",\"id\":424242,\"result\":{}}" },
        { "error-without-request", "{\"jsonrpc\":\"2.0\",\"id\":424243,\"error\":{\"code\":1,\"message\":\"x\"}}" },
        { "cancel-unknown", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":77}}" },
    };

    /// <summary>Requests with an id: each must be answered with an error or an isError result.</summary>
    public static TheoryData<string, string> BadCalls() => new()
    {
        { "unknown-method", """{"method":"no/such/method","params":{}}""" },
        { "unknown-tool", """{"method":"tools/call","params":{"name":"rm_rf","arguments":{}}}""" },
        { "query-number", """{"method":"tools/call","params":{"name":"search_knowledge","arguments":{"query":42}}}""" },
        { "query-array", """{"method":"tools/call","params":{"name":"search_knowledge","arguments":{"query":["a","b"]}}}""" },
        { "query-object", """{"method":"tools/call","params":{"name":"search_knowledge","arguments":{"query":{"$ne":null}}}}""" },
        { "query-missing", """{"method":"tools/call","params":{"name":"search_knowledge","arguments":{}}}""" },
        { "arguments-string", """{"method":"tools/call","params":{"name":"search_knowledge","arguments":"query=kafka"}}""" },
        { "limit-string", """{"method":"tools/call","params":{"name":"search_knowledge","arguments":{"query":"kafka","limit":"abc"}}}""" },
        { "limit-negative", """{"method":"tools/call","params":{"name":"search_knowledge","arguments":{"query":"kafka","limit":-5}}}""" },
        { "limit-huge", """{"method":"tools/call","params":{"name":"search_knowledge","arguments":{"query":"kafka","limit":1e300}}}""" },
        { "kind-unknown", """{"method":"tools/call","params":{"name":"search_knowledge","arguments":{"query":"kafka","kind":"nope"}}}""" },
        { "lucene-all", """{"method":"tools/call","params":{"name":"search_knowledge","arguments":{"query":"*:*"}}}""" },
        { "lucene-fuzzy", """{"method":"tools/call","params":{"name":"search_knowledge","arguments":{"query":"a~~~~ ((((  field:[a TO z] \"unterminated /.*/"}}}""" },
        { "empty-query", """{"method":"tools/call","params":{"name":"search_knowledge","arguments":{"query":"   "}}}""" },
        { "decision-traversal", """{"method":"tools/call","params":{"name":"get_decision","arguments":{"id":"../../../../etc/passwd"}}}""" },
        { "decision-id-number", """{"method":"tools/call","params":{"name":"get_decision","arguments":{"id":7}}}""" },
        { "rule-null", """{"method":"tools/call","params":{"name":"get_rule","arguments":{"id":null}}}""" },
        { "resource-traversal", """{"method":"resources/read","params":{"uri":"arch://decisions/../../../etc/passwd"}}""" },
        { "resource-encoded-traversal", """{"method":"resources/read","params":{"uri":"arch://decisions/..%2F..%2F..%2Fetc%2Fpasswd"}}""" },
        { "resource-file", """{"method":"resources/read","params":{"uri":"file:///etc/passwd"}}""" },
        { "resource-not-uri", """{"method":"resources/read","params":{"uri":"::::"}}""" },
        { "prompt-unknown", """{"method":"prompts/get","params":{"name":"nope"}}""" },
        { "complete-garbage", """{"method":"completion/complete","params":{"ref":{"type":"ref/prompt","name":"nope"},"argument":{"name":"x","value":"\u0000"}}}""" },
    };

    [SkippableFact]
    public async Task Serve_WhenLinesAreGarbage_KeepsAnsweringPings()
    {
        Skip.If(ArchMcpProcess.SkipReason is not null, ArchMcpProcess.SkipReason);
        await using var server = await StdioServer.StartAsync(output);
        foreach (var (name, line) in Garbage().Select(r => ((string)r[0], (string)r[1])))
        {
            await server.SendAsync(line);
            await server.AssertPingAsync(name);
            output.WriteLine($"{name}: still answering");
        }

        AssertNoLeaks(server);
    }

    [SkippableFact]
    public async Task Serve_WhenCallsAreMalformed_AnswersEachWithReadableError()
    {
        Skip.If(ArchMcpProcess.SkipReason is not null, ArchMcpProcess.SkipReason);
        await using var server = await StdioServer.StartAsync(output);
        var id = 100;
        foreach (var (name, json) in BadCalls().Select(r => ((string)r[0], (string)r[1])))
        {
            var request = JsonNode.Parse(json)!.AsObject();
            request["jsonrpc"] = "2.0";
            request["id"] = ++id;
            var reply = await server.RequestAsync(request.ToJsonString(), id, name);
            var message = ErrorText(reply);
            output.WriteLine($"{name}: {message ?? "(result)"}");
            if (name.StartsWith("lucene", StringComparison.Ordinal))
            {
                // syntax is just text: a normal answer
                Assert.True(reply.TryGetProperty("result", out _), $"{name}: {reply}");
            }
            else if (message is not null)
            {
                Assert.False(string.IsNullOrWhiteSpace(message), $"{name}: empty error");
                Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
                Assert.DoesNotContain("root:x:0:0", message, StringComparison.Ordinal);
            }
            else
            {
                Assert.DoesNotContain("root:x:0:0", reply.ToString(), StringComparison.Ordinal);
            }

            await server.AssertPingAsync(name);
        }

        AssertNoLeaks(server);
    }

    [SkippableFact]
    public async Task Serve_WhenArgumentHasWrongType_ErrorNamesTheArgument()
    {
        Skip.If(ArchMcpProcess.SkipReason is not null, ArchMcpProcess.SkipReason);
        await using var server = await StdioServer.StartAsync(output);
        var reply = await server.RequestAsync("""{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"search_knowledge","arguments":{"query":42}}}""", 5, "query-number");
        var message = ErrorText(reply);
        Assert.NotNull(message);
        Assert.Contains("query", message, StringComparison.Ordinal);
        Assert.DoesNotContain("An error occurred", message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> InvalidParams() => new()
    {
        { "lone-surrogate-tool", """{"method":"tools/call","params":{"name":"search_knowledge","arguments":{"query":"kafka \ud800 events"}}}""", "not valid Unicode" },
        { "lone-surrogate-uri", """{"method":"resources/read","params":{"uri":"arch://decisions/\udc00"}}""", "not valid Unicode" },
        { "lone-surrogate-prompt", """{"method":"prompts/get","params":{"name":"draft-adr","arguments":{"title":"x\ud800"}}}""", "not valid Unicode" },
        { "duplicate-name", """{"method":"tools/call","params":{"name":"search_knowledge","arguments":{"query":"kafka","query":"soap"}}}""", "'arguments.query' is given twice" },
        { "missing-tool-argument", """{"method":"tools/call","params":{"name":"get_rule","arguments":{}}}""", "Missing required argument 'id'" },
        { "missing-prompt-argument", """{"method":"prompts/get","params":{"name":"draft-adr"}}""", "Missing required argument 'title'" },
        { "bad-completion-ref", """{"method":"completion/complete","params":{"ref":{"type":"ref/tool","name":"x"},"argument":{"name":"id","value":"1"}}}""", "'ref.type' must be" },
        { "unknown-section", """{"method":"tools/call","params":{"name":"get_decision","arguments":{"id":"1","sections":["epilogue"]}}}""", "Unknown section 'epilogue'" },
    };

    /// <summary>JSON the SDK cannot bind gets -32602 with the reason (not -32603), and nothing is logged as a failure.</summary>
    [SkippableFact]
    public async Task Serve_WhenParamsCannotBind_AnswersInvalidParamsWithTheReason()
    {
        Skip.If(ArchMcpProcess.SkipReason is not null, ArchMcpProcess.SkipReason);
        await using var server = await StdioServer.StartAsync(output);
        var id = 300;
        foreach (var (name, json, expected) in InvalidParams().Select(r => ((string)r[0], (string)r[1], (string)r[2])))
        {
            var line = $$"""{"jsonrpc":"2.0","id":{{++id}},{{json[1..]}}""";
            var reply = await server.RequestAsync(line, id, name);
            Assert.True(reply.TryGetProperty("error", out var error), $"{name}: {reply}");
            Assert.Equal(-32602, error.GetProperty("code").GetInt32());
            Assert.Contains(expected, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        await server.AssertPingAsync("invalid params");
        Assert.DoesNotContain("fail:", server.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", server.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Serve_WhenDecisionReferenceIsANegativeNumber_AnswersNotFound()
    {
        Skip.If(ArchMcpProcess.SkipReason is not null, ArchMcpProcess.SkipReason);
        await using var server = await StdioServer.StartAsync(output);
        var reply = await server.RequestAsync("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"get_decision","arguments":{"id":"-1"}}}""", 7, "minus-one");

        var result = reply.GetProperty("result");
        Assert.True(result.GetProperty("isError").GetBoolean(), reply.ToString());
        Assert.StartsWith("No decision '-1'", result.GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("fail:", server.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Serve_WhenLineIsOversized_AnswersOrDropsAndKeepsServing()
    {
        Skip.If(ArchMcpProcess.SkipReason is not null, ArchMcpProcess.SkipReason);
        await using var server = await StdioServer.StartAsync(output);
        var huge = new string('a', 4 * 1024 * 1024);
        var watch = Stopwatch.StartNew();
        await server.SendAsync("{\"jsonrpc\":\"2.0\",\"id\":77,\"method\":\"tools/call\",\"params\":{\"name\":\"search_knowledge\",\"arguments\":{\"query\":\"" + huge + "\"}}}");
        var words = string.Join(' ', Enumerable.Range(0, 20_000).Select(i => $"w{i}"));
        await server.SendAsync("{\"jsonrpc\":\"2.0\",\"id\":78,\"method\":\"tools/call\",\"params\":{\"name\":\"search_knowledge\",\"arguments\":{\"query\":\"" + words + "\"}}}");
        await server.AssertPingAsync("oversized");
        output.WriteLine($"oversized lines handled in {watch.ElapsedMilliseconds} ms");
        AssertNoLeaks(server);
    }

    private static string? ErrorText(JsonElement reply)
    {
        if (reply.TryGetProperty("error", out var error))
        {
            return error.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "";
        }

        if (reply.TryGetProperty("result", out var result) && result.TryGetProperty("isError", out var isError) && isError.GetBoolean())
        {
            return string.Join(' ', result.GetProperty("content").EnumerateArray().Select(c => c.TryGetProperty("text", out var t) ? t.GetString() : ""));
        }

        return null;
    }

    private static void AssertNoLeaks(StdioServer server)
    {
        foreach (var line in server.Lines)
        {
            Assert.DoesNotContain("   at ArchMcp", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at System.", line, StringComparison.Ordinal);
        }

        Assert.False(server.HasExited, $"the server exited; stderr: {server.Stderr}");
    }

    /// <summary>A running <c>archmcp serve</c> over the fixtures with a line reader on stdout.</summary>
    private sealed class StdioServer : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly TempKnowledgeFolder _knowledge;
        private readonly string _index;
        private readonly ConcurrentQueue<string> _lines = new();
        private readonly SemaphoreSlim _arrived = new(0);
        private readonly StringBuilder _stderr = new();
        private readonly ITestOutputHelper _output;
        private readonly Task _reader;
        private int _pingId = 1_000_000;

        private StdioServer(Process process, TempKnowledgeFolder knowledge, string index, ITestOutputHelper output)
        {
            _process = process;
            _knowledge = knowledge;
            _index = index;
            _output = output;
            _process.ErrorDataReceived += (_, e) =>
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            };
            _process.BeginErrorReadLine();
            _reader = Task.Run(async () =>
            {
                try
                {
                    while (await _process.StandardOutput.ReadLineAsync() is { } line)
                    {
                        _lines.Enqueue(line);
                        _arrived.Release();
                    }
                }
                finally
                {
                    // stdout closed: wake a waiter so it reports the exit instead of waiting out its time
                    _arrived.Release();
                }
            });
        }

        public IReadOnlyCollection<string> Lines => _lines;

        public bool HasExited => _process.HasExited;

        public string Stderr
        {
            get
            {
                lock (_stderr)
                {
                    return _stderr.ToString();
                }
            }
        }

        public static async Task<StdioServer> StartAsync(ITestOutputHelper output)
        {
            var knowledge = new TempKnowledgeFolder();
            var index = Path.Combine(Path.GetTempPath(), "archmcp-tests", "stdio-" + Guid.NewGuid().ToString("N"));
            var process = ArchMcpProcess.Start("serve", "--knowledge", knowledge.Path, "--index", index);
            var server = new StdioServer(process, knowledge, index, output);
            await server.RequestAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"trust-tests","version":"1"}}}""", 1, "initialize");
            await server.SendAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
            return server;
        }

        public async Task SendAsync(string line)
        {
            await _process.StandardInput.WriteAsync(line + "\n");
            await _process.StandardInput.FlushAsync();
        }

        public async Task<JsonElement> RequestAsync(string line, int id, string label)
        {
            await SendAsync(line);
            return await WaitForAsync(id, label);
        }

        public async Task AssertPingAsync(string after)
        {
            var id = Interlocked.Increment(ref _pingId);
            var reply = await RequestAsync($$"""{"jsonrpc":"2.0","id":{{id}},"method":"ping"}""", id, $"ping after {after}");
            Assert.True(reply.TryGetProperty("result", out _), $"ping after {after} got {reply}");
        }

        private async Task<JsonElement> WaitForAsync(int id, string label)
        {
            // woken by each line the reader takes from stdout, not by a timer
            var deadline = DateTime.UtcNow + Reply;
            while (true)
            {
                var ended = _reader.IsCompleted;
                foreach (var line in _lines)
                {
                    if (TryParse(line) is { } reply && reply.TryGetProperty("id", out var rid) && rid.ValueKind == JsonValueKind.Number && rid.GetInt32() == id)
                    {
                        return reply;
                    }
                }

                if (ended)
                {
                    _process.WaitForExit(5_000);
                    Assert.Fail($"archmcp serve closed stdout (exit code {(_process.HasExited ? _process.ExitCode : "none yet")}) while waiting for {label}; stderr: {Stderr}");
                }

                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
                {
                    throw new TimeoutException($"No reply to {label} (id {id}) in {Reply.TotalSeconds} s; stderr: {Stderr}");
                }
            }
        }

        private static JsonElement? TryParse(string line)
        {
            try
            {
                return JsonDocument.Parse(line).RootElement;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                _process.StandardInput.Close();
                if (!_process.WaitForExit(5_000))
                {
                    ArchMcpProcess.KillHard(_process);
                }
            }
            catch (InvalidOperationException)
            {
            }

            await Task.WhenAny(_reader, Task.Delay(2_000)); // bounded wait for the reader to see stdout close
            _output.WriteLine($"stderr tail: {(Stderr.Length > 1500 ? Stderr[^1500..] : Stderr)}");
            _process.Dispose();
            if (_reader.IsCompleted)
            {
                // a reader still running would release a disposed semaphore
                _arrived.Dispose();
            }

            _knowledge.Dispose();
            try
            {
                Directory.Delete(_index, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
