using System.Text.Json;
using ArchMcp.Core.Model;
using ArchMcp.Tests.Shared;
using Microsoft.SemanticKernel;
using ModelContextProtocol.Client;
using Xunit.Abstractions;

namespace ArchMcp.SemanticKernel.Tests;

/// <summary>
/// The real <c>archmcp serve</c> over stdio, its tools turned into kernel functions, answers like the in-process
/// plugin: same names, same top ids for the same questions.
/// </summary>
public sealed class McpInteropTests(KernelFixture fixture, ITestOutputHelper output) : IClassFixture<KernelFixture>
{
    private const string McpPlugin = "archmcp";

    [SkippableFact]
    public async Task ServeOverStdio_WhenToolsBecomeKernelFunctions_AnswersLikeTheInProcessPlugin()
    {
        Skip.If(ArchMcpServer.SkipReason is not null, ArchMcpServer.SkipReason);
        using var index = new TempKnowledgeFolder(source: null);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var ct = timeout.Token;
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "archmcp",
            Command = ArchMcpServer.DotnetHost,
            Arguments = [ArchMcpServer.DllPath, "serve", "--knowledge", fixture.Knowledge.Path, "--index", index.Path],
            StandardErrorLines = line => output.WriteLine("[archmcp] " + line),
        });
        await using var client = await McpClient.CreateAsync(transport, cancellationToken: ct);
        var tools = await client.ListToolsAsync(cancellationToken: ct);
        var kernel = fixture.Kernel.Clone();
#pragma warning disable SKEXP0001 // AIFunction.AsKernelFunction is experimental in Semantic Kernel 1.82.
        kernel.Plugins.AddFromFunctions(McpPlugin, tools.Select(t => t.AsKernelFunction()));
#pragma warning restore SKEXP0001

        Assert.Equal(kernel.Plugins["arch"].Select(f => f.Name).Order(), kernel.Plugins[McpPlugin].Select(f => f.Name).Order());

        foreach (var question in new[] { "why do we use Kafka", "managed PostgreSQL", "problem JSON error responses", "API gateway" })
        {
            var local = await kernel.InvokeAsync("arch", "search_knowledge", new() { ["query"] = question }, ct);
            var remote = await kernel.InvokeAsync(McpPlugin, "search_knowledge", new() { ["query"] = question }, ct);

            var expected = local.GetValue<SearchResult>()!.Hits.Select(h => h.Id).ToList();
            var actual = Payload(remote).GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString() ?? "").ToList();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, actual);
        }

        var decision = Payload(await kernel.InvokeAsync(McpPlugin, "get_decision", new() { ["id"] = "2" }, ct));
        Assert.Equal("ADR-0005", decision.GetProperty("inForce").GetProperty("id").GetString());
        var rule = Payload(await kernel.InvokeAsync(McpPlugin, "get_rule", new() { ["id"] = "176" }, ct));
        Assert.Equal("MUST", rule.GetProperty("rule").GetProperty("level").GetString());
    }

    /// <summary>The structured content of a tool result (the MCP function returns the whole CallToolResult as JSON).</summary>
    private static JsonElement Payload(FunctionResult result)
    {
        var json = result.GetValue<object>() switch
        {
            JsonElement element => element,
            var other => JsonSerializer.SerializeToElement(other),
        };
        if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("structuredContent", out var structured))
        {
            Assert.False(json.TryGetProperty("isError", out var isError) && isError.ValueKind == JsonValueKind.True, json.GetRawText());
            return structured;
        }

        return json;
    }
}
