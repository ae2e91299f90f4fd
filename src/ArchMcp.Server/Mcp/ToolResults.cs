using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace ArchMcp.Server.Mcp;

/// <summary>Builds a tool result carrying both the structured value (matching the output schema) and readable Markdown.</summary>
public static class ToolResults
{
    public static async Task<CallToolResult> Create<T>(Task<T> value, Func<T, string> render)
    {
        var result = await value.ConfigureAwait(false);
        return new CallToolResult
        {
            StructuredContent = JsonSerializer.SerializeToElement(result, McpJson.Info<T>()),
            Content = [new TextContentBlock { Text = render(result) }],
        };
    }
}
