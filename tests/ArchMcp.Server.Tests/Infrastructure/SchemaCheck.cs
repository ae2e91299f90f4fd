using System.Text.Json;
using Json.Schema;
using ModelContextProtocol.Protocol;

namespace ArchMcp.Server.Tests.Infrastructure;

/// <summary>
/// Validates tool arguments and results against the schemas the server advertises, as a strict client does (the
/// TypeScript SDK and the MCP Inspector check structured content against the output schema and fail the call).
/// </summary>
public static class SchemaCheck
{
    /// <summary>The schema errors of <paramref name="instance"/>, one line each; empty when it is valid.</summary>
    public static IReadOnlyList<string> Errors(JsonElement schema, JsonElement instance)
    {
        var results = JsonSchema.FromText(schema.GetRawText())
            .Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid
            ? []
            : [.. (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))];
    }

    /// <summary>Fails with every schema error of a tool's structured result, naming the call.</summary>
    public static void AssertResultValid(Tool tool, string call, CallToolResult result)
    {
        Assert.True(result.IsError != true, $"{call} returned an error: {Text(result)}");
        Assert.NotNull(result.StructuredContent);
        Assert.False(string.IsNullOrWhiteSpace(Text(result)), $"{call} returned no readable text");
        var errors = Errors(tool.OutputSchema!.Value, result.StructuredContent!.Value);
        Assert.True(errors.Count == 0, $"{call}: structured content does not match the output schema:\n{string.Join("\n", errors)}");
    }

    public static string Text(CallToolResult result) =>
        string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));
}
