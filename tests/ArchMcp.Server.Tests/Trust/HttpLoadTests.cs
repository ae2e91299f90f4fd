using System.Diagnostics;
using ArchMcp.Server.Tests.Infrastructure;
using ModelContextProtocol.Client;
using Xunit.Abstractions;

namespace ArchMcp.Server.Tests.Trust;

/// <summary>A team server under a burst of assistants: many concurrent sessions, mixed tool calls.</summary>
public sealed class HttpLoadTests(ITestOutputHelper output)
{
    private const int Clients = 16;
    private const int CallsPerClient = 625; // 10,000 calls in all

    private static readonly (string Tool, Dictionary<string, object?> Args)[] Mix =
    [
        ("search_knowledge", new() { ["query"] = "problem json errors" }),
        ("get_decision", new() { ["id"] = "ADR-0004" }),
        ("get_rule", new() { ["id"] = "API-001" }),
        ("list_decisions", new() { ["limit"] = 5 }),
        ("search_knowledge", new() { ["query"] = "why do we use kafka" }),
        ("get_decision", new() { ["id"] = "ADR-0099" }), // an unknown id: an isError result, not a failure
    ];

    [Fact]
    public async Task Mcp_WhenSixteenClientsMakeTenThousandMixedCalls_AllAnswerAndMemoryStaysFlat()
    {
        await using var server = await HttpServer.StartAsync(new() { ["Server:RequestsPerMinute"] = "1000000" });
        var clients = new List<McpClient>();
        for (var i = 0; i < Clients; i++)
        {
            clients.Add(await server.ConnectAsync("2025-11-25"));
        }

        var failures = 0;
        var answered = 0;
        var watch = Stopwatch.StartNew();
        long? memoryAfterWarmUp = null;
        await Task.WhenAll(clients.Select((client, c) => Task.Run(async () =>
        {
            for (var n = 0; n < CallsPerClient; n++)
            {
                var (tool, args) = Mix[(c + n) % Mix.Length];
                try
                {
                    var result = await client.CallToolAsync(tool, args);
                    var expectError = tool == "get_decision" && (string?)args["id"] == "ADR-0099";
                    if (result.IsError == true != expectError)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
                catch (Exception ex)
                {
                    Interlocked.Increment(ref failures);
                    output.WriteLine($"{tool}: {ex.GetType().Name}: {ex.Message}");
                }

                if (Interlocked.Increment(ref answered) == 2_000)
                {
                    memoryAfterWarmUp = GC.GetTotalMemory(forceFullCollection: true);
                }
            }
        })));

        var memoryAtEnd = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine($"{answered} calls in {watch.ElapsedMilliseconds} ms ({answered * 1000.0 / watch.ElapsedMilliseconds:F0}/s); managed memory {memoryAfterWarmUp / 1048576} MiB after 2,000 calls, {memoryAtEnd / 1048576} MiB at the end");
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        Assert.Equal(Clients * CallsPerClient, answered);
        Assert.Equal(0, failures);
        Assert.True(memoryAtEnd < memoryAfterWarmUp + (64L << 20), $"Managed memory grew from {memoryAfterWarmUp} to {memoryAtEnd} bytes over 8,000 calls.");
    }
}
