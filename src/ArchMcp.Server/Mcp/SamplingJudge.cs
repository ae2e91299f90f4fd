using ArchMcp.Core.Checklists;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ArchMcp.Server.Mcp;

// Sampling is deprecated as of MCP 2026-07-28 (SEP-2577) but is the only way to reach the client's model on the
// protocol versions that carry it; ADR-0013 promises it, opt-in, for the items that need judgement.
#pragma warning disable MCP9005

/// <summary>The client's model as the judge of "needs judgement" review items, through MCP sampling (<c>sampling/createMessage</c>).</summary>
internal sealed class SamplingJudge(McpServer server) : IDesignJudge
{
    /// <summary>A judge for the client of this request, or null when the client does not declare the sampling capability.</summary>
    public static SamplingJudge? For(McpServer server) => server.ClientCapabilities?.Sampling is null ? null : new SamplingJudge(server);

    public async Task<JudgeAnswer?> AskAsync(JudgementPrompt prompt, CancellationToken cancellationToken)
    {
        CreateMessageResult result;
        try
        {
            result = await server.SampleAsync(new CreateMessageRequestParams
            {
                SystemPrompt = prompt.System,
                Messages = [new SamplingMessage { Role = Role.User, Content = [new TextContentBlock { Text = prompt.User }] }],
                MaxTokens = prompt.MaxTokens,
                Temperature = 0,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (McpException)
        {
            return null; // the client (or its user) declined, or its model failed: the item keeps its verdict
        }

        return new JudgeAnswer(string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text)), result.Model);
    }
}
#pragma warning restore MCP9005
