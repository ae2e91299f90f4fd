using System.Collections.Concurrent;
using System.Text.Json;
using ArchMcp.Core;
using ArchMcp.Server.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace ArchMcp.Server.Tests;

/// <summary>
/// review_design with <c>sampling: true</c> (ADR-0013): a client that can sample — the SDK's client with a sampling
/// handler that answers from a script — gets the "needs judgement" items judged by its model and marked so; a client
/// that cannot, or a caller that does not ask, gets the deterministic review unchanged.
/// </summary>
public sealed class SamplingTests
{
    // touches the API standard's subjects without stating what its rules require: items that need judgement
    private const string Design = "# Orders API\n\nThe orders API is offered to partner teams over REST. Its contract is shared with consumers, " +
        "and fields are added over time as the API grows.";

    private const string Violated = "VERDICT: violated\nREASON: The excerpt leaves out what the rule requires.";

#pragma warning disable MCP9005 // sampling is deprecated as of MCP 2026-07-28; these clients speak 2025-11-25, which carries it
    private static McpClientOptions SamplingClient(string answer, ConcurrentQueue<string> prompts, string protocolVersion = "2025-11-25") => new()
    {
        ProtocolVersion = protocolVersion,
        Handlers = new McpClientHandlers
        {
            SamplingHandler = (request, _, _) =>
            {
                prompts.Enqueue(string.Concat(request!.Messages.SelectMany(m => m.Content).OfType<TextContentBlock>().Select(t => t.Text)));
                return ValueTask.FromResult(new CreateMessageResult
                {
                    Content = [new TextContentBlock { Text = answer }],
                    Model = "scripted-model",
                    Role = Role.Assistant,
                });
            },
        },
    };
#pragma warning restore MCP9005

    [Theory]
    [InlineData("2025-11-25")]
    [InlineData("2026-07-28")]
    public async Task ReviewDesign_WhenClientSamplesAndCallerAsks_ReturnsTheModelsVerdictsMarkedAsSuch(string protocolVersion)
    {
        var prompts = new ConcurrentQueue<string>();
        await using var server = await StdioServer.StartAsync(clientOptions: SamplingClient(Violated, prompts, protocolVersion));

        var deterministic = await ReviewAsync(server.Client, sampling: false);
        Assert.Empty(prompts); // no opt-in, no sampling
        var judged = await ReviewAsync(server.Client, sampling: true);

        var needing = Items(deterministic).Where(i => i.Verdict == "needs judgement").Select(i => i.Id).Take(ToolContract.JudgedItemsMax).ToList();
        Assert.NotEmpty(needing);
        Assert.Equal(needing.Count, prompts.Count);
        Assert.All(needing, id => Assert.Contains(prompts, p => p.StartsWith($"Rule {id} ", StringComparison.Ordinal)));
        foreach (var (before, after) in Items(deterministic).Zip(Items(judged)))
        {
            Assert.Equal(before.Id, after.Id);
            if (needing.Contains(before.Id))
            {
                Assert.Equal(("violated", "The excerpt leaves out what the rule requires.", "model", "scripted-model"), (after.Verdict, after.Reason, after.JudgedBy, after.Model));
            }
            else
            {
                Assert.Equal(before.Json, after.Json);
            }
        }

        var risk = judged.GetProperty("risk");
        Assert.Equal(needing.Count, risk.GetProperty("judgedByModel").GetInt32());
        Assert.Equal(deterministic.GetProperty("risk").GetProperty("needsJudgement").GetInt32() - needing.Count, risk.GetProperty("needsJudgement").GetInt32());
        Assert.Equal(deterministic.GetProperty("risk").GetProperty("judgedByRule").GetInt32(), risk.GetProperty("judgedByRule").GetInt32());
    }

    [Fact]
    public async Task ReviewDesign_WhenModelAnswersOutsideTheFormat_LeavesTheReviewAsItWas()
    {
        var prompts = new ConcurrentQueue<string>();
        await using var server = await StdioServer.StartAsync(clientOptions: SamplingClient("Looks fine to me, ship it!", prompts));

        var deterministic = await ReviewAsync(server.Client, sampling: false);
        var judged = await ReviewAsync(server.Client, sampling: true);

        Assert.NotEmpty(prompts); // the model was asked, and its answer was not taken
        Assert.Equal(deterministic.GetRawText(), judged.GetRawText());
    }

    [Fact]
    public async Task ReviewDesign_WhenClientCannotSample_ReturnsTheDeterministicReview()
    {
        await using var server = await StdioServer.StartAsync();

        var deterministic = await ReviewAsync(server.Client, sampling: false);
        var asked = await ReviewAsync(server.Client, sampling: true);

        Assert.Contains(Items(deterministic), i => i.Verdict == "needs judgement");
        Assert.Equal(deterministic.GetRawText(), asked.GetRawText());
    }

    private static async Task<JsonElement> ReviewAsync(McpClient client, bool sampling)
    {
        var result = await client.CallToolAsync("review_design", new Dictionary<string, object?> { ["design"] = Design, ["sampling"] = sampling });
        Assert.NotEqual(true, result.IsError);
        return result.StructuredContent!.Value;
    }

    private static IEnumerable<(string Id, string Verdict, string? Reason, string? JudgedBy, string? Model, string Json)> Items(JsonElement review) =>
        review.GetProperty("items").EnumerateArray().Select(i => (
            i.GetProperty("item").GetProperty("id").GetString()!,
            i.GetProperty("verdict").GetString()!,
            i.GetProperty("reason").GetString(),
            i.TryGetProperty("judgedBy", out var by) ? by.GetString() : null,
            i.TryGetProperty("model", out var model) ? model.GetString() : null,
            i.GetRawText()));
}
